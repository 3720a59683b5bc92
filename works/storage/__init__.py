"""The one seam between the works services and selectors and the database.

Everything that differs between PostgreSQL and SQLite lives in
``works.storage.postgresql`` or ``works.storage.sqlite``; services and
selectors ask ``storage()`` for the side of the current connection and call
the same small interface on either:

- ``writers_lock``: the first lock of every writer (import, merge,
  dismissal), so that two of them take turns and never deadlock;
- ``import_lock``: one import at a time, with the import's planner options;
- ``TEXT_TYPE``: the column type of staged text, sorted by code point;
- ``rows_insert``: many rows at once (``COPY`` on PostgreSQL);
- ``rows_encode``, ``encoded_insert``: the same in two steps, the first
  one pure, so that worker processes can take it;
- ``pairs_table``, ``pairs_params``: (title, name key) pairs as one table;
- ``set_wise``: the planner options of statements over a whole file's rows;
- ``contributors_split_sql``: staged rows' contributors, one row each;
- ``id_block``: a block of new primary keys (see ``works.storage.ids``);
- ``work_views_sql``: works with their lists as one JSON document, which
  decodes much faster than three JSON values per work.

Lists of values as one parameter and planner statistics are
``common.db``'s; SQL both sides run the same way is in ``works.storage.sql``.
Storage imports models and rules, never selectors or services.
"""

from types import ModuleType

from common.db import is_postgresql


def storage() -> ModuleType:
    """The side of the default connection."""
    if is_postgresql():
        from works.storage import postgresql

        return postgresql
    from works.storage import sqlite

    return sqlite
