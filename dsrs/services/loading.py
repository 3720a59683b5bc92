"""Set-based loading of parsed DSR rows, one recipe for both databases.

1. Stage the parsed rows in a temporary table (PostgreSQL: ``COPY``; SQLite:
   ``executemany``). Only this step differs between the two writers.
2. Count the resources whose metadata differs from what is stored.
3. Upsert the resources of the file, newest metadata winning.
4. Insert the usages joined to their resource ids (PostgreSQL: into a fresh
   partition that is indexed after the load and then attached, and add its
   sums to the per-resource totals).
"""

import io
from dataclasses import dataclass

from django.db import connection

from dsrs.db import usage_partition_name
from dsrs.models import DSR
from dsrs.parsers import ParsedRow
from dsrs.services.totals import resource_totals_add

STAGING = "dsrs_staging"
USAGE_COLUMNS = "dsr_id, line, resource_id, usages, revenue"

LATEST = "dsrs_staging_latest"

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
    SELECT %s, s.line, r.id, s.usages, s.revenue
    FROM {STAGING} AS s
    JOIN dsrs_resource AS r ON r.dsp = %s AND r.dsp_id = s.dsp_id
"""


@dataclass
class LoadResult:
    rows_imported: int
    metadata_conflicts: int


class Loader:
    """Stage rows in batches, then load them into resources and usages."""

    staging_columns = ""
    collate = ""

    def __init__(self, dsr: DSR):
        self.dsr = dsr
        self.cursor = connection.cursor()
        self.staged = 0

    def begin(self) -> None:
        self.cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
        self.cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGING} ({self.staging_columns})"
        )

    def stage(self, rows: list[ParsedRow]) -> None:
        raise NotImplementedError

    def finish(self) -> LoadResult:
        execute = self.cursor.execute
        params = {"dsp": self.dsr.dsp, "period_end": self.dsr.period_end}
        execute(_LATEST_CREATE_SQL)
        self.analyze(LATEST)
        execute(_CONFLICTS_SQL, params)
        conflicts = self.cursor.fetchone()[0]
        self.resources_lock()
        execute(_RESOURCES_UPDATE_SQL, params)
        execute(_RESOURCES_INSERT_SQL.format(collate=self.collate), params)
        self.usages_insert()
        for table in (STAGING, LATEST):
            execute(f"DROP TABLE {table}")
        return LoadResult(rows_imported=self.staged, metadata_conflicts=conflicts)

    def analyze(self, table: str) -> None:
        """Give the planner statistics of a freshly filled table."""

    def resources_lock(self) -> None:
        """Keep concurrent imports from inserting the same new resource."""

    def usages_insert(self) -> None:
        raise NotImplementedError


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

    def usages_insert(self) -> None:
        self.cursor.execute(
            f"INSERT INTO dsrs_usage ({USAGE_COLUMNS}) {_USAGES_SELECT_SQL}",
            [self.dsr.pk, self.dsr.dsp],
        )


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
        super().begin()

    def stage(self, rows: list[ParsedRow]) -> None:
        buffer = io.StringIO()
        write = buffer.write
        for row in rows:
            text = "\t".join((str(row[0]), *row[1:5], str(row[5]), row[6]))
            if "\\" in text or "\r" in text:
                text = "\t".join(
                    (str(row[0]), *map(_copy_escape, row[1:5]), str(row[5]), row[6])
                )
            write(text)
            write("\n")
        buffer.seek(0)
        self.cursor.copy_expert(f"COPY {STAGING} FROM STDIN", buffer)
        self.staged += len(rows)

    def finish(self) -> LoadResult:
        self.analyze(STAGING)
        return super().finish()

    def analyze(self, table: str) -> None:
        # Without statistics the planner guesses nested loops over a million rows.
        self.cursor.execute(f"ANALYZE {table}")

    def resources_lock(self) -> None:
        # Conflicts with itself only: readers and other imports' parsing go on.
        self.cursor.execute("LOCK TABLE dsrs_resource IN SHARE ROW EXCLUSIVE MODE")

    def usages_insert(self) -> None:
        dsr_id = int(self.dsr.pk)
        table = usage_partition_name(dsr_id)
        execute = self.cursor.execute
        execute(
            f"CREATE TABLE {table} "
            "(LIKE dsrs_usage INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"
        )
        execute(
            f"INSERT INTO {table} ({USAGE_COLUMNS}) {_USAGES_SELECT_SQL}",
            [dsr_id, self.dsr.dsp],
        )
        resource_totals_add(dsr_id=dsr_id, usages_table=table)
        execute(f"ALTER TABLE {table} ADD PRIMARY KEY (dsr_id, line)")
        execute(f"CREATE INDEX ON {table} (resource_id)")
        execute(
            f"ALTER TABLE dsrs_usage ATTACH PARTITION {table} FOR VALUES IN ({dsr_id})"
        )
        # Fresh statistics keep the API's plans right after a bulk load.
        for analyzed in (table, "dsrs_resource", "dsrs_resource_total", "dsrs_dsr"):
            execute(f"ANALYZE {analyzed}")


def loader_for(dsr: DSR) -> Loader:
    if connection.vendor == "postgresql":
        return PostgreSQLLoader(dsr)
    return SQLiteLoader(dsr)


def _copy_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\r", "\\r")
