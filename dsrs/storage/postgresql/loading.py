"""Staging and loading a DSR's usages on PostgreSQL.

Rows are staged with ``COPY`` into a temporary table, outside any shared
lock: imports of different DSRs parse and stage in parallel. The new usages
are built in a fresh table, not attached, with its indexes and a partition
CHECK, so that attaching it scans nothing. (Usages have no foreign key to
their DSR: attaching a partition with one locks ``dsrs_dsr`` against every
reader.) The DSR's sums are added from its per-dsp_id sums, taken while
staging; publishing then detaches and drops the old partition and attaches
the new one: the last statements before commit, milliseconds under locks
that readers wait for. The per-ISRC sums are folded in after commit
(``isrc_sums``).
"""

import uuid

from django.db import connection

from common.db import copy_rows
from dsrs.currency import EUR_RATE_DECIMAL_PLACES, EUR_RATE_MAX_DIGITS
from dsrs.models import DSR
from dsrs.parsers import REVENUE_DECIMAL_PLACES, REVENUE_MAX_DIGITS, ParsedRow
from dsrs.storage.postgresql.isrcs import usage_isrc_key
from dsrs.storage.postgresql.locking import usage_ddl_run
from dsrs.storage.postgresql.session import analyze, session_tune, table_exists
from dsrs.storage.postgresql.sums import resource_sums_add
from dsrs.storage.postgresql.usages import usage_partition_name
from dsrs.storage.sql import STAGING, USAGE_COLUMNS, USAGES_SELECT_SQL

# The types of ``dsrs_dsr.eur_rate`` and ``dsrs_usage.revenue``.
EUR_RATE_TYPE = f"numeric({EUR_RATE_MAX_DIGITS}, {EUR_RATE_DECIMAL_PLACES})"
REVENUE_TYPE = f"numeric({REVENUE_MAX_DIGITS}, {REVENUE_DECIMAL_PLACES})"
# Revenue has the usages' type, so that the sums taken while staging divide
# values of the same scale as the percentile's (a quotient's scale follows
# its operands').
_STAGING_COLUMNS = (
    'line integer, dsp_id text COLLATE "C", title text, artists text, '
    f"isrc text, usages bigint, revenue {REVENUE_TYPE}"
)


class Staging:
    """One DSR's rows on their way to becoming its usages.

    ``dsr`` is the DSR being imported, saved or not: a new DSR gets its id in
    ``begin`` (row errors refer to it); its row is written after the writers'
    lock (the locking order), so ``saved`` stays false until then.
    """

    # New resources get their ids in the order of the dsp_id index.
    resource_order = 'COLLATE "C"'
    # The DSR's sums per resource (``sums.py``), taken from the staged rows in
    # the sort that finds each dsp_id's latest line, each line's revenue
    # divided by the rate as the DSR row stores it: no second pass over the
    # usages.
    latest_sums = (
        ("usages", "SUM(usages)"),
        ("revenue_eur", f"SUM(revenue / %(eur_rate)s::{EUR_RATE_TYPE})"),
    )

    def __init__(self, dsr: DSR):
        self.dsr = dsr
        self.saved = dsr.pk is not None
        self.cursor = connection.cursor()
        # Index names are global: each load builds under a name of its own.
        self.new_table = f"dsrs_usage_load_{uuid.uuid4().hex[:16]}"

    def begin(self) -> None:
        session_tune()
        self.cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
        self.cursor.execute(f"CREATE TEMPORARY TABLE {STAGING} ({_STAGING_COLUMNS})")
        if self.dsr.pk is None:
            self.cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('dsrs_dsr', 'id'))"
            )
            self.dsr.pk = self.cursor.fetchone()[0]

    def stage(self, rows: list[ParsedRow]) -> None:
        # A parsed row's fields are the staging table's columns, in order.
        copy_rows(self.cursor, table=STAGING, rows=rows)

    def staged(self) -> None:
        """All rows are in: give the planner their statistics."""
        analyze(table=STAGING)

    def usages_build(self) -> int:
        """Write the new usages where readers do not see them; return how many."""
        table, dsr_id = self.new_table, int(self.dsr.pk)
        execute = self.cursor.execute
        execute(
            f"CREATE TABLE {table} "
            "(LIKE dsrs_usage INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"
        )
        execute(
            f"INSERT INTO {table} ({USAGE_COLUMNS}) {USAGES_SELECT_SQL}",
            {"dsr_id": dsr_id, "dsp": self.dsr.dsp},
        )
        loaded = self.cursor.rowcount
        execute(f"ALTER TABLE {table} ADD PRIMARY KEY (dsr_id, line)")
        execute(f"CREATE INDEX ON {table} (resource_id)")
        execute(f"CREATE INDEX ON {table} ({usage_isrc_key()})")
        # Proves the partition bound, so ATTACH does not scan the table.
        execute(f"ALTER TABLE {table} ADD CHECK (dsr_id = {dsr_id})")
        # Rows the ORM wrote for this DSR would stop the ATTACH.
        execute(f"DELETE FROM dsrs_usage_default WHERE dsr_id = {dsr_id}")
        return loaded

    def sums_add(self, *, latest_table: str) -> None:
        """Add the DSR's sums per resource (``latest_sums``, in ``latest_table``)."""
        resource_sums_add(
            dsr_id=int(self.dsr.pk), dsp=self.dsr.dsp, latest_table=latest_table
        )

    def usages_publish(self) -> None:
        """Make the new usages the DSR's, as the last writes of the transaction."""
        dsr_id, table = int(self.dsr.pk), self.new_table
        # Fresh statistics keep the API's plans right after a bulk load.
        for analyzed in (table, "dsrs_resource", "dsrs_resource_total", "dsrs_dsr"):
            analyze(table=analyzed)
        current = usage_partition_name(dsr_id)
        statements = []
        if table_exists(table=current):
            statements += [
                f"ALTER TABLE dsrs_usage DETACH PARTITION {current}",
                f"DROP TABLE {current}",
            ]
        statements += [
            f"ALTER TABLE {table} RENAME TO {current}",
            f"ALTER TABLE dsrs_usage ATTACH PARTITION {current} "
            f"FOR VALUES IN ({dsr_id})",
        ]
        usage_ddl_run(statements=statements)
