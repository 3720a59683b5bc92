"""Staging and loading a DSR's usages on PostgreSQL.

Rows are staged with ``COPY`` into a temporary table, outside any shared
lock: imports of different DSRs parse and stage in parallel. The new usages
are built in a fresh table, not attached, with its indexes and a partition
CHECK, so that attaching it scans nothing. (Usages have no foreign key to
their DSR: attaching a partition with one locks ``dsrs_dsr`` against every
reader.) Publishing adds the DSR's sums, then detaches and drops the old
partition and attaches the new one: the last statements before commit,
milliseconds under locks that readers wait for.
"""

import uuid

from django.db import connection

from common.db import copy_rows
from dsrs.models import DSR
from dsrs.parsers import ParsedRow
from dsrs.storage.postgresql.isrc_sums import isrc_sums_add
from dsrs.storage.postgresql.isrcs import usage_isrc_key
from dsrs.storage.postgresql.locking import usage_ddl_run
from dsrs.storage.postgresql.session import analyze, session_tune, table_exists
from dsrs.storage.postgresql.sums import resource_sums_add
from dsrs.storage.postgresql.usages import usage_partition_name
from dsrs.storage.sql import STAGING, USAGE_COLUMNS, USAGES_SELECT_SQL

_STAGING_COLUMNS = (
    'line integer, dsp_id text COLLATE "C", title text, artists text, '
    "isrc text, usages bigint, revenue numeric"
)


class Staging:
    """One DSR's rows on their way to becoming its usages.

    ``dsr`` is the DSR being imported, saved or not: a new DSR gets its id in
    ``begin`` (row errors refer to it); its row is written after the writers'
    lock (the locking order), so ``saved`` stays false until then.
    """

    # New resources get their ids in the order of the dsp_id index.
    resource_order = 'COLLATE "C"'

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

    def usages_publish(self) -> None:
        """Make the new usages the DSR's, as the last writes of the transaction."""
        dsr_id, table = int(self.dsr.pk), self.new_table
        resource_sums_add(dsr_id=dsr_id, usages_table=table)
        isrc_sums_add(dsr_id=dsr_id, usages_table=table)
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
