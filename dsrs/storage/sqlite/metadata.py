"""Metadata restored from the DSRs that still report a resource, on SQLite.

The rule is the importer's: the DSR with the latest period end, the later
import on a tie, the last line of the file; applied in one pass over the
affected resources' other usages (SQLite keeps no per-resource sums).
"""

from django.db import connection

from dsrs.storage.sql import METADATA_CHANGED_SQL

# The table of a DSR's rows that finds the resources whose metadata may come
# from it.
METADATA_ROWS = "dsrs_usage"
# Whether a resource (``{resource}``) is reported by one of the DSRs ``{ids}``.
REPORTED_BY_SQL = """EXISTS (
    SELECT 1 FROM dsrs_usage AS o
    WHERE o.resource_id = {resource} AND o.dsr_id IN ({ids})
)"""

_METADATA_RESTORE_SQL = (
    """
    UPDATE dsrs_resource AS r
    SET title = b.title, artists = b.artists, isrc = b.isrc
    FROM (
        SELECT resource_id, title, artists, isrc, period_end FROM (
            SELECT u.resource_id, u.title, u.artists, u.isrc, d.period_end,
                   ROW_NUMBER() OVER (
                       PARTITION BY u.resource_id
                       ORDER BY d.period_end DESC, d.started_at DESC, d.id DESC,
                                u.line DESC
                   ) AS rank
            FROM {affected} AS a
            JOIN dsrs_usage AS u ON u.resource_id = a.resource_id
            JOIN dsrs_dsr AS d ON d.id = u.dsr_id
            WHERE u.dsr_id NOT IN ({ids}) AND d.status = 'ingested'
        ) AS ranked
        WHERE rank = 1
    ) AS b
    WHERE r.id = b.resource_id
"""
    + METADATA_CHANGED_SQL
)


def metadata_restore(*, dsr_ids_sql: str, affected_table: str) -> None:
    """Give the resources in ``affected_table`` the metadata of their latest
    DSR other than ``dsr_ids_sql`` (an SQL list of ids)."""
    with connection.cursor() as cursor:
        cursor.execute(
            _METADATA_RESTORE_SQL.format(ids=dsr_ids_sql, affected=affected_table)
        )
