"""Metadata restored from the DSRs that still report a resource, on PostgreSQL.

The rule is the importer's: the DSR with the latest period end, the later
import on a tie, the last line of the file. In two steps: the totals list the
ingested DSRs reporting each resource, so the DSR the metadata comes from is
chosen without reading usages; then each source DSR's lines are read from
its own partition only, through the resource index.
"""

from django.db import connection

from dsrs.storage.postgresql.session import analyze
from dsrs.storage.sql import METADATA_CHANGED_SQL

# The table of a DSR's rows, one per resource, that finds the resources whose
# metadata may come from it.
METADATA_ROWS = "dsrs_resource_dsr_total"
# Whether a resource (``{resource}``) is reported by one of the DSRs ``{ids}``:
# one probe of its total, whatever the number of partitions.
REPORTED_BY_SQL = """EXISTS (
    SELECT 1 FROM dsrs_resource_total AS o
    WHERE o.resource_id = {resource} AND o.dsrs && ARRAY[{ids}]::integer[]
)"""

_SOURCES_TABLE = "dsrs_metadata_sources"
_SOURCES_SQL = """
    CREATE TEMPORARY TABLE {table} AS
    SELECT DISTINCT ON (a.resource_id)
           a.resource_id, d.id AS dsr_id, d.period_end
    FROM {affected} AS a
    JOIN dsrs_resource_total AS t ON t.resource_id = a.resource_id
    CROSS JOIN LATERAL unnest(t.dsrs) AS v(dsr_id)
    JOIN dsrs_dsr AS d ON d.id = v.dsr_id AND d.status = 'ingested'
    WHERE v.dsr_id NOT IN ({ids})
    ORDER BY a.resource_id, d.period_end DESC, d.started_at DESC, d.id DESC
"""
_SOURCE_RESTORE_SQL = (
    """
    UPDATE dsrs_resource AS r
    SET title = b.title, artists = b.artists, isrc = b.isrc
    FROM (
        SELECT DISTINCT ON (u.resource_id)
               u.resource_id, u.title, u.artists, u.isrc, s.period_end
        FROM {sources} AS s
        JOIN dsrs_usage AS u ON u.resource_id = s.resource_id
        WHERE s.dsr_id = %(dsr_id)s AND u.dsr_id = %(dsr_id)s
        ORDER BY u.resource_id, u.line DESC
    ) AS b
    WHERE r.id = b.resource_id
"""
    + METADATA_CHANGED_SQL
)


def metadata_restore(*, dsr_ids_sql: str, affected_table: str) -> None:
    """Give the resources in ``affected_table`` the metadata of their latest
    DSR other than ``dsr_ids_sql`` (an SQL list of ids)."""
    analyze(table=affected_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_SOURCES_TABLE}")
        cursor.execute(
            _SOURCES_SQL.format(
                table=_SOURCES_TABLE, affected=affected_table, ids=dsr_ids_sql
            )
        )
        analyze(table=_SOURCES_TABLE)
        cursor.execute(f"SELECT DISTINCT dsr_id FROM {_SOURCES_TABLE} ORDER BY dsr_id")
        # One statement per source DSR: a literal id confines it to one
        # partition.
        for (dsr_id,) in cursor.fetchall():
            cursor.execute(
                _SOURCE_RESTORE_SQL.format(sources=_SOURCES_TABLE), {"dsr_id": dsr_id}
            )
        cursor.execute(f"DROP TABLE {_SOURCES_TABLE}")
