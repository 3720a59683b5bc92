"""Set-based loading of parsed DSR rows, one recipe for both databases.

1. Stage the parsed rows in a temporary table (PostgreSQL: ``COPY``; SQLite:
   ``executemany``), outside any shared lock: imports of different DSRs parse
   and stage in parallel.
2. Take the writers' lock (``services.locking``); count the resources whose
   metadata differs from what is stored; update and insert resources.
3. On a replace: collect the resources only the old contents report, give
   resources whose metadata came from them the next-latest metadata, and take
   the old contents out of the totals (``services.resources``).
4. Build the new usages where readers do not see them. PostgreSQL: a fresh
   table, not attached, with its indexes and a partition CHECK, so that
   attaching it scans nothing. (Usages have no foreign key to their DSR:
   attaching a partition with one locks ``dsrs_dsr`` against every reader.)
   SQLite: delete the old rows and insert the new, seen only at commit.
5. Delete the orphans; save the DSR row with its counts.
6. PostgreSQL: add the new usages to the totals, then detach and drop the old
   partition and attach the new one: the last statements before commit,
   milliseconds under locks that readers wait for.
"""

import io
import uuid
from dataclasses import dataclass

from django.db import connection

from dsrs.db import usage_partition_name
from dsrs.models import DSR
from dsrs.parsers import ParsedRow
from dsrs.services.locking import dsr_writers_lock, usage_ddl_run
from dsrs.services.resources import (
    Orphans,
    resource_metadata_restore,
    resources_orphaned_collect,
)
from dsrs.services.totals import (
    resource_totals_add,
    resource_totals_forget,
    resource_totals_subtract,
)

WARN_METADATA_CONFLICTS = "resources with metadata differing from stored"

STAGING = "dsrs_staging"
LATEST = "dsrs_staging_latest"
USAGE_COLUMNS = "dsr_id, line, resource_id, usages, revenue, title, artists, isrc"

# The metadata of the last line of each dsp_id in the file.
_LATEST_CREATE_SQL = f"""
    CREATE TEMPORARY TABLE {LATEST} AS
    SELECT dsp_id, title, artists, isrc FROM (
        SELECT dsp_id, title, artists, isrc,
               ROW_NUMBER() OVER (PARTITION BY dsp_id ORDER BY line DESC) AS latest
        FROM {STAGING}
    ) AS ranked
    WHERE latest = 1
"""

_DIFFERS = "(r.title <> s.title OR r.artists <> s.artists OR r.isrc <> s.isrc)"

_CONFLICTS_SQL = f"""
    SELECT COUNT(*) FROM {LATEST} AS s
    JOIN dsrs_resource AS r ON r.dsp = %(dsp)s AND r.dsp_id = s.dsp_id
    WHERE {_DIFFERS}
"""

# A resource keeps the metadata of the DSR with the latest period end; rows
# whose metadata and period end would not change are not rewritten.
_RESOURCES_UPDATE_SQL = f"""
    UPDATE dsrs_resource AS r
    SET title = s.title, artists = s.artists, isrc = s.isrc,
        metadata_period_end = %(period_end)s
    FROM {LATEST} AS s
    WHERE r.dsp = %(dsp)s AND r.dsp_id = s.dsp_id
      AND %(period_end)s >= r.metadata_period_end
      AND (%(period_end)s > r.metadata_period_end OR {_DIFFERS})
"""

# A plain insert of the new ones, in index order: several times cheaper than
# INSERT ... ON CONFLICT, which speculates on every row.
_RESOURCES_INSERT_SQL = f"""
    INSERT INTO dsrs_resource (dsp, dsp_id, title, artists, isrc, metadata_period_end)
    SELECT %(dsp)s, s.dsp_id, s.title, s.artists, s.isrc, %(period_end)s
    FROM {LATEST} AS s
    WHERE NOT EXISTS (
        SELECT 1 FROM dsrs_resource AS r WHERE r.dsp = %(dsp)s AND r.dsp_id = s.dsp_id
    )
    ORDER BY s.dsp_id {{collate}}
"""

_USAGES_SELECT_SQL = f"""
    SELECT %(dsr_id)s, s.line, r.id, s.usages, s.revenue, s.title, s.artists, s.isrc
    FROM {STAGING} AS s
    JOIN dsrs_resource AS r ON r.dsp = %(dsp)s AND r.dsp_id = s.dsp_id
"""


@dataclass
class LoadResult:
    rows_imported: int  # usages stored
    metadata_conflicts: int
    orphan_resources: int


class Loader:
    """Stage rows in batches, then load them into resources and usages.

    ``dsr`` is the DSR being imported, saved or not: a new DSR gets its id in
    ``begin`` (row errors refer to it); ``finish`` saves the row.
    """

    staging_columns = ""
    collate = ""

    def __init__(self, dsr: DSR):
        self.dsr = dsr
        self.replacing = dsr.pk is not None
        self.row_exists = self.replacing
        self.cursor = connection.cursor()
        self.staged = 0

    def begin(self) -> None:
        self.cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
        self.cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGING} ({self.staging_columns})"
        )
        if not self.replacing:
            self.dsr_id_assign()

    def stage(self, rows: list[ParsedRow]) -> None:
        raise NotImplementedError

    def finish(self, *, fields: dict[str, object]) -> LoadResult:
        """Load the staged rows and save the DSR with ``fields`` set."""
        execute = self.cursor.execute
        params = {"dsp": self.dsr.dsp, "period_end": self.dsr.period_end}
        execute(_LATEST_CREATE_SQL)
        self.analyze(LATEST)
        dsr_writers_lock()
        if self.replacing:
            DSR.objects.select_for_update().filter(pk=self.dsr.pk).first()
        execute(_CONFLICTS_SQL, params)
        conflicts = self.cursor.fetchone()[0]
        execute(_RESOURCES_UPDATE_SQL, params)
        execute(_RESOURCES_INSERT_SQL.format(collate=self.collate), params)
        orphans = self.previous_contents_retire()
        loaded = self.usages_build()
        orphan_count = orphans.delete() if orphans else 0
        for name, value in fields.items():
            setattr(self.dsr, name, value)
        self.dsr.rows_imported = loaded
        if conflicts:
            self.dsr.warnings[WARN_METADATA_CONFLICTS] = conflicts
        self.dsr.save(force_insert=not self.row_exists)
        for table in (STAGING, LATEST):
            execute(f"DROP TABLE {table}")
        self.usages_publish()
        return LoadResult(
            rows_imported=loaded,
            metadata_conflicts=conflicts,
            orphan_resources=orphan_count,
        )

    def previous_contents_retire(self) -> Orphans | None:
        """On a replace: collect the orphans, restore metadata, fix the totals.

        Runs while the old usages are in place and the DSR row still has the
        old rate, which the totals subtract with.
        """
        if not self.replacing:
            return None
        dsr_ids = [self.dsr.pk]
        orphans = resources_orphaned_collect(
            dsr_ids=dsr_ids, kept_dsp=self.dsr.dsp, kept_dsp_ids_table=LATEST
        )
        resource_metadata_restore(
            dsr_ids=dsr_ids, orphans=orphans, kept_dsp_ids_table=LATEST
        )
        resource_totals_subtract(dsr_ids=dsr_ids, skip_table=orphans.table)
        resource_totals_forget(resource_ids_table=orphans.table)
        return orphans

    def analyze(self, table: str) -> None:
        """Give the planner statistics of a freshly filled table."""

    def dsr_id_assign(self) -> None:
        raise NotImplementedError

    def usages_build(self) -> int:
        """Write the new usages where readers do not see them; return how many."""
        raise NotImplementedError

    def usages_publish(self) -> None:
        """Make the new usages the DSR's, as the last writes of the transaction."""

    def usages_params(self) -> dict[str, object]:
        return {"dsr_id": int(self.dsr.pk), "dsp": self.dsr.dsp}


class SQLiteLoader(Loader):
    staging_columns = (
        "line INTEGER, dsp_id TEXT, title TEXT, artists TEXT, isrc TEXT, "
        "usages INTEGER, revenue TEXT"
    )

    def stage(self, rows: list[ParsedRow]) -> None:
        self.cursor.executemany(
            f"INSERT INTO {STAGING} VALUES (%s, %s, %s, %s, %s, %s, %s)", rows
        )
        self.staged += len(rows)

    def dsr_id_assign(self) -> None:
        # One writer at a time on SQLite: the row can go in at once.
        self.dsr.save(force_insert=True)
        self.row_exists = True

    def usages_build(self) -> int:
        # Readers of SQLite see the transaction's writes only once committed.
        params = self.usages_params()
        self.cursor.execute("DELETE FROM dsrs_usage WHERE dsr_id = %(dsr_id)s", params)
        self.cursor.execute(
            f"INSERT INTO dsrs_usage ({USAGE_COLUMNS}) {_USAGES_SELECT_SQL}", params
        )
        return self.cursor.rowcount


class PostgreSQLLoader(Loader):
    staging_columns = (
        'line integer, dsp_id text COLLATE "C", title text, artists text, '
        "isrc text, usages bigint, revenue numeric"
    )
    # New resources get their ids in the order of the dsp_id index.
    collate = 'COLLATE "C"'

    def begin(self) -> None:
        self.cursor.execute("SET LOCAL work_mem = '256MB'")
        self.cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        self.cursor.execute("SET LOCAL jit = off")
        # Index names are global: each load builds under a name of its own.
        self.new_table = f"dsrs_usage_load_{uuid.uuid4().hex[:16]}"
        super().begin()

    def dsr_id_assign(self) -> None:
        # The row itself is written after the writers' lock (locking order).
        self.cursor.execute("SELECT nextval(pg_get_serial_sequence('dsrs_dsr', 'id'))")
        self.dsr.pk = self.cursor.fetchone()[0]

    def stage(self, rows: list[ParsedRow]) -> None:
        buffer = io.StringIO()
        write = buffer.write
        for row in rows:
            texts = (row.dsp_id, row.title, row.artists, row.isrc)
            line = "\t".join((str(row.line), *texts, str(row.usages), row.revenue))
            if "\\" in line or "\r" in line:
                texts = tuple(map(_copy_escape, texts))
                line = "\t".join((str(row.line), *texts, str(row.usages), row.revenue))
            write(line)
            write("\n")
        buffer.seek(0)
        self.cursor.copy_expert(f"COPY {STAGING} FROM STDIN", buffer)
        self.staged += len(rows)

    def finish(self, *, fields: dict[str, object]) -> LoadResult:
        self.analyze(STAGING)
        return super().finish(fields=fields)

    def analyze(self, table: str) -> None:
        # Without statistics the planner guesses nested loops over a million rows.
        self.cursor.execute(f"ANALYZE {table}")

    def usages_build(self) -> int:
        table, dsr_id = self.new_table, int(self.dsr.pk)
        execute = self.cursor.execute
        execute(
            f"CREATE TABLE {table} "
            "(LIKE dsrs_usage INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"
        )
        execute(
            f"INSERT INTO {table} ({USAGE_COLUMNS}) {_USAGES_SELECT_SQL}",
            self.usages_params(),
        )
        loaded = self.cursor.rowcount
        execute(f"ALTER TABLE {table} ADD PRIMARY KEY (dsr_id, line)")
        execute(f"CREATE INDEX ON {table} (resource_id)")
        # Proves the partition bound, so ATTACH does not scan the table.
        execute(f"ALTER TABLE {table} ADD CHECK (dsr_id = {dsr_id})")
        # Rows the ORM wrote for this DSR would stop the ATTACH.
        execute(f"DELETE FROM dsrs_usage_default WHERE dsr_id = {dsr_id}")
        return loaded

    def usages_publish(self) -> None:
        dsr_id, table = int(self.dsr.pk), self.new_table
        resource_totals_add(dsr_id=dsr_id, usages_table=table)
        # Fresh statistics keep the API's plans right after a bulk load.
        for analyzed in (table, "dsrs_resource", "dsrs_resource_total", "dsrs_dsr"):
            self.cursor.execute(f"ANALYZE {analyzed}")
        current = usage_partition_name(dsr_id)
        statements = []
        if self.replacing and _table_exists(self.cursor, current):
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


def loader_for(dsr: DSR) -> Loader:
    if connection.vendor == "postgresql":
        return PostgreSQLLoader(dsr)
    return SQLiteLoader(dsr)


def _table_exists(cursor, table: str) -> bool:
    cursor.execute("SELECT to_regclass(%s)", [table])
    return cursor.fetchone()[0] is not None


def _copy_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\r", "\\r")
