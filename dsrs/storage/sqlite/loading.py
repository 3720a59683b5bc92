"""Staging and loading a DSR's usages on SQLite.

Readers of SQLite see a transaction's writes only once it commits, so the old
usages are deleted and the new ones inserted in place.
"""

from django.db import connection

from dsrs.models import DSR
from dsrs.parsers import ParsedRow
from dsrs.storage.sql import STAGING, USAGE_COLUMNS, USAGES_SELECT_SQL

_STAGING_COLUMNS = (
    "line INTEGER, dsp_id TEXT, title TEXT, artists TEXT, isrc TEXT, "
    "usages INTEGER, revenue TEXT"
)


class Staging:
    """One DSR's rows on their way to becoming its usages.

    One writer at a time on SQLite: a new DSR's row goes in at ``begin``, so
    that its row errors can refer to it.
    """

    # SQLite compares text byte by byte already.
    resource_order = ""

    def __init__(self, dsr: DSR):
        self.dsr = dsr
        self.saved = dsr.pk is not None
        self.cursor = connection.cursor()

    def begin(self) -> None:
        self.cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
        self.cursor.execute(f"CREATE TEMPORARY TABLE {STAGING} ({_STAGING_COLUMNS})")
        if self.dsr.pk is None:
            self.dsr.save(force_insert=True)
            self.saved = True

    def stage(self, rows: list[ParsedRow]) -> None:
        self.cursor.executemany(
            f"INSERT INTO {STAGING} VALUES (%s, %s, %s, %s, %s, %s, %s)", rows
        )

    def staged(self) -> None:
        """All rows are in."""

    def usages_build(self) -> int:
        """Replace the DSR's usages; return how many were written."""
        params = {"dsr_id": int(self.dsr.pk), "dsp": self.dsr.dsp}
        self.cursor.execute("DELETE FROM dsrs_usage WHERE dsr_id = %(dsr_id)s", params)
        self.cursor.execute(
            f"INSERT INTO dsrs_usage ({USAGE_COLUMNS}) {USAGES_SELECT_SQL}", params
        )
        return self.cursor.rowcount

    def usages_publish(self) -> None:
        """Written in place already: the commit publishes them."""
