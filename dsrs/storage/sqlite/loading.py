"""Staging and loading a DSR's usages on SQLite.

Readers of SQLite see a transaction's writes only once it commits, so the old
usages are deleted and the new ones inserted in place. The import is one
transaction: it runs with a larger page cache and, when the DSR brings at
least as many usages as the table holds, builds the usages' secondary
indexes after the rows (one sort instead of a random insert per row).
"""

from django.db import connection

from dsrs.models import DSR
from dsrs.parsers import ParsedRow
from dsrs.storage.sql import STAGING, USAGE_COLUMNS, USAGES_SELECT_SQL

_STAGING_COLUMNS = (
    "line INTEGER, dsp_id TEXT, title TEXT, artists TEXT, isrc TEXT, "
    "usages INTEGER, revenue TEXT"
)

# The pages an import revisits (the resources' dsp_id index, the usages'
# indexes) stay in memory: 32 MiB (KiB when negative) instead of the
# connection's cache_size (dsr_project.settings), which comes back at publish
# (after a failed import the connection keeps the larger cache until it
# closes: memory only, the data is the same).
IMPORT_CACHE_KIB = 32768

# The usages table's indexes other than its primary key, as created.
_USAGE_INDEXES_SQL = """
    SELECT name, sql FROM sqlite_master
    WHERE type = 'index' AND tbl_name = 'dsrs_usage' AND sql IS NOT NULL
"""


class Staging:
    """One DSR's rows on their way to becoming its usages.

    One writer at a time on SQLite: a new DSR's row goes in at ``begin``, so
    that its row errors can refer to it.
    """

    # SQLite compares text byte by byte already.
    resource_order = ""
    # No sums are kept (``sums.py``).
    latest_sums = ()

    def __init__(self, dsr: DSR):
        self.dsr = dsr
        self.saved = dsr.pk is not None
        self.cursor = connection.cursor()
        self.staged_rows = 0
        self.cache_size = 0

    def begin(self) -> None:
        self.cursor.execute("PRAGMA cache_size")
        self.cache_size = self.cursor.fetchone()[0]
        self.cursor.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
        self.cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
        self.cursor.execute(f"CREATE TEMPORARY TABLE {STAGING} ({_STAGING_COLUMNS})")
        if self.dsr.pk is None:
            self.dsr.save(force_insert=True)
            self.saved = True

    def stage(self, rows: list[ParsedRow]) -> None:
        self.cursor.executemany(
            f"INSERT INTO {STAGING} VALUES (%s, %s, %s, %s, %s, %s, %s)", rows
        )
        self.staged_rows += len(rows)

    def staged(self) -> None:
        """All rows are in."""

    def usages_build(self) -> int:
        """Replace the DSR's usages; return how many were written."""
        params = {"dsr_id": int(self.dsr.pk), "dsp": self.dsr.dsp}
        execute = self.cursor.execute
        indexes = self.indexes_drop() if self.indexes_after() else []
        execute("DELETE FROM dsrs_usage WHERE dsr_id = %(dsr_id)s", params)
        execute(f"INSERT INTO dsrs_usage ({USAGE_COLUMNS}) {USAGES_SELECT_SQL}", params)
        loaded = self.cursor.rowcount
        for sql in indexes:
            execute(sql)
        return loaded

    def sums_add(self, *, latest_table: str) -> None:
        """No sums are kept."""

    def usages_publish(self) -> None:
        """Written in place already: the commit publishes them."""
        self.cursor.execute(f"PRAGMA cache_size = {int(self.cache_size)}")

    def indexes_after(self) -> bool:
        """Whether this DSR brings at least as many usages as the table holds.

        Then sorting the whole table once is cheaper than inserting into the
        indexes row by row. The largest rowid counts the rows in one lookup
        (deleted rows' ids are reused at the end only).
        """
        self.cursor.execute("SELECT COALESCE(MAX(rowid), 0) FROM dsrs_usage")
        return self.staged_rows >= self.cursor.fetchone()[0]

    def indexes_drop(self) -> list[str]:
        """Drop the usages' secondary indexes; return the SQL that makes them."""
        self.cursor.execute(_USAGE_INDEXES_SQL)
        indexes = self.cursor.fetchall()
        for name, _ in indexes:
            self.cursor.execute(f'DROP INDEX "{name}"')
        return [sql for _, sql in indexes]
