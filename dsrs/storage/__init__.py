"""The one seam between the DSR services and selectors and the database.

Everything that differs between PostgreSQL and SQLite lives in
``dsrs.storage.postgresql`` or ``dsrs.storage.sqlite``; services and
selectors ask ``storage()`` for the backend of the current connection and
call the same small interface on either:

- locks: ``identity_lock``, ``writers_lock``, ``session_tune``,
  ``snapshot_begin`` (the order is ``postgresql.locking``'s);
- stage and load: ``Staging`` (a DSR's parsed rows in a temporary table, then
  its usages built where readers do not see them and published);
- cast: ``RawLines`` (PostgreSQL: a DSR's data lines copied raw, cast into
  the staging table in SQL, the rest left over for the parser; ``None`` on
  SQLite, where the parser reads every line);
- read a DSRF report: ``ReportSales`` (PostgreSQL: the report read once into
  temporary tables, each DSR staged from them with its revenue allocated in
  SQL; ``None`` on SQLite, where each DSR is a parser pass of its own);
- remove: ``usages_remove``, ``sums_remove``, ``metadata_restore``;
- sums: ``sums_refresh``, ``dsr_revenue_sums``;
- find: ``usage_isrc_key``, the SQL twin of the ISRC normal form a usage
  line reports (indexed on PostgreSQL), for reads by ISRC;
- unmatched: ``isrc_revenue_walk`` (PostgreSQL; ``None`` on SQLite, where
  the selector sums usages), the per-ISRC EUR sums (``postgresql.isrc_sums``)
  largest first, and their total; ``isrc_sums_fold`` (PostgreSQL; ``None`` on
  SQLite), which adds the DSRs ingested since into those sums, after commit;
- rank: ``answer_open``, the per-resource EUR sums of a selection, ordered,
  that feed the one cut of the percentile rule
  (``dsrs.rules.percentile``; PostgreSQL walks the unfiltered sums in that
  order to the cut first, ``postgresql.walk``); ``answer_json_open`` (PostgreSQL;
  ``None`` on SQLite), the answer's JSON items rendered and cut in SQL;
  ``answer_plan_query`` (PostgreSQL; ``None`` on SQLite), the ranked query
  whose plan ``percentile_plan`` shows.

Storage imports rules (``dsrs.rules``), parsers and models, never selectors
or services. The primitives both sides share with the other apps (``COPY``,
lists of ids, statistics) are ``common.db``'s.

SQL both backends run the same way is written once, in ``dsrs.storage.sql``.
"""

from types import ModuleType

from common.db import is_postgresql


def storage() -> ModuleType:
    """The backend module of the default connection."""
    if is_postgresql():
        from dsrs.storage import postgresql

        return postgresql
    from dsrs.storage import sqlite

    return sqlite
