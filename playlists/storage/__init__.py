"""The one seam between the playlists services and the database.

Everything that differs between PostgreSQL and SQLite lives in
``playlists.storage.postgresql`` or ``playlists.storage.sqlite``; services
ask ``storage()`` for the side of the current connection and call the same
small interface on either:

- ``crawls_lock``: one crawl load at a time, so that crawl identity does not
  depend on which of two files commits first;
- ``stage_tune``: the import transaction's settings for staging;
- ``LEAST``, ``GREATEST``: the two-argument minimum and maximum;
- ``BYTEWISE``: the collation that compares texts byte by byte;
- ``JSON_COLUMN``: the column type of a staged JSON value;
- ``moment_from_us``: microseconds since the epoch as a stored timestamp;
- ``part_rows_write``, ``part_rows_load``: the staged rows of one part of a
  file, written to a file by the process that read the part and loaded by
  the importing one (COPY text on PostgreSQL, pickled batches on SQLite).

Staged rows go in through ``common.db.rows_insert`` (``COPY`` on
PostgreSQL) and planner statistics through ``common.db.tables_analyze``.
Storage imports models and parsers, never selectors or services.
"""

from types import ModuleType

from common.db import is_postgresql


def storage() -> ModuleType:
    """The side of the default connection."""
    if is_postgresql():
        from playlists.storage import postgresql

        return postgresql
    from playlists.storage import sqlite

    return sqlite
