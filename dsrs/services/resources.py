"""Resources when DSR contents go: orphans, and metadata taken from what stays.

Both the importer (replacing a DSR's contents) and ``dsr_delete`` use these,
inside their transaction and after the writers' lock, while the old usages
are still in place.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection

from dsrs.db import sql_id_list

_ORPHANS_TABLE = "dsrs_orphans"
_AFFECTED_TABLE = "dsrs_metadata_affected"
_ROLLUP = "dsrs_resource_dsr_total"

# Resources the given DSRs report that no other DSR reports; on a replace,
# also not reported by the new file (its dsp_ids in a table).
_ORPHANS_SQL = """
    CREATE TEMPORARY TABLE {table} AS
    SELECT DISTINCT own.resource_id FROM dsrs_usage AS own
    WHERE own.dsr_id IN ({ids}) AND NOT EXISTS (
        SELECT 1 FROM dsrs_usage AS other
        WHERE other.resource_id = own.resource_id AND other.dsr_id NOT IN ({ids})
    ) {kept}
"""
_KEPT_SQL = """
    AND NOT EXISTS (
        SELECT 1 FROM {kept_table} AS k
        JOIN dsrs_resource AS r ON r.dsp = %s AND r.dsp_id = k.dsp_id
        WHERE r.id = own.resource_id
    )
"""

# Resources that stay but whose metadata may come from the given DSRs (same
# period end): they take it again from the DSRs that still report them.
# PostgreSQL reads the DSRs' rollup rows (one per resource, keyed by DSR),
# SQLite their usages.
_AFFECTED_SQL = """
    CREATE TEMPORARY TABLE {table} AS
    SELECT DISTINCT u.resource_id FROM {rows} AS u
    JOIN dsrs_dsr AS d ON d.id = u.dsr_id
    JOIN dsrs_resource AS r ON r.id = u.resource_id
    WHERE u.dsr_id IN ({ids}) AND r.metadata_period_end = d.period_end
      AND NOT EXISTS (
          SELECT 1 FROM {orphans} AS o WHERE o.resource_id = u.resource_id
      ) {kept}
"""
_AFFECTED_KEPT_SQL = """
    AND NOT EXISTS (SELECT 1 FROM {kept_table} AS k WHERE k.dsp_id = r.dsp_id)
"""

# Rows that would keep their values are not rewritten.
_METADATA_CHANGED = """
      AND (r.title <> b.title OR r.artists <> b.artists OR r.isrc <> b.isrc
           OR r.metadata_period_end <> b.period_end)
"""

# The rule of the importer, applied from the stored usages: the DSR with the
# latest period end, the later import on a tie, the last line of the file.
# One pass over the affected resources' other usages: SQLite's way (no
# totals there); PostgreSQL's is below.
_METADATA_RESTORE_SQL = (
    """
    UPDATE dsrs_resource AS r
    SET title = b.title, artists = b.artists, isrc = b.isrc,
        metadata_period_end = b.period_end
    FROM (
        SELECT resource_id, title, artists, isrc, period_end FROM (
            SELECT u.resource_id, u.title, u.artists, u.isrc, d.period_end,
                   ROW_NUMBER() OVER (
                       PARTITION BY u.resource_id
                       ORDER BY d.period_end DESC, d.imported_at DESC, d.id DESC,
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
    + _METADATA_CHANGED
)

# PostgreSQL: the same rule in two steps. The totals list the ingested DSRs
# reporting each resource, so the DSR the metadata comes from is chosen
# without reading usages; then each source DSR's lines are read from its
# own partition only, through the resource index.
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
    ORDER BY a.resource_id, d.period_end DESC, d.imported_at DESC, d.id DESC
"""
_SOURCE_RESTORE_SQL = (
    """
    UPDATE dsrs_resource AS r
    SET title = b.title, artists = b.artists, isrc = b.isrc,
        metadata_period_end = b.period_end
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
    + _METADATA_CHANGED
)


@dataclass(frozen=True)
class Orphans:
    """The resources about to lose their last usage, listed in a temp table."""

    table: str
    count: int

    def delete(self) -> int:
        """Delete them; return how many went."""
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM dsrs_resource WHERE id IN "
                f"(SELECT resource_id FROM {self.table})"
            )
            deleted = cursor.rowcount
            cursor.execute(f"DROP TABLE {self.table}")
        return deleted


def resources_orphaned_collect(
    *,
    dsr_ids: Sequence[int],
    kept_dsp: str = "",
    kept_dsp_ids_table: str | None = None,
) -> Orphans:
    """List the resources only these DSRs report.

    With ``kept_dsp_ids_table`` (a table with a ``dsp_id`` column, of DSP
    ``kept_dsp``), resources it names are kept too: the new file of a replace.
    """
    ids = sql_id_list(dsr_ids)
    kept, params = "", []
    if kept_dsp_ids_table:
        kept, params = _KEPT_SQL.format(kept_table=kept_dsp_ids_table), [kept_dsp]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_ORPHANS_TABLE}")
        cursor.execute(
            _ORPHANS_SQL.format(table=_ORPHANS_TABLE, ids=ids, kept=kept), params
        )
        _analyze(cursor, _ORPHANS_TABLE)
        cursor.execute(f"SELECT COUNT(*) FROM {_ORPHANS_TABLE}")
        count = cursor.fetchone()[0]
    return Orphans(table=_ORPHANS_TABLE, count=count)


def resource_metadata_restore(
    *,
    dsr_ids: Sequence[int],
    orphans: Orphans,
    kept_dsp_ids_table: str | None = None,
) -> int:
    """Give resources whose metadata came from these DSRs the next-latest one.

    Resources named in ``kept_dsp_ids_table`` took theirs from the new file
    already. Returns how many resources were looked at.
    """
    ids = sql_id_list(dsr_ids)
    kept = ""
    if kept_dsp_ids_table:
        kept = _AFFECTED_KEPT_SQL.format(kept_table=kept_dsp_ids_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_AFFECTED_TABLE}")
        cursor.execute(
            _AFFECTED_SQL.format(
                table=_AFFECTED_TABLE,
                rows=_ROLLUP if connection.vendor == "postgresql" else "dsrs_usage",
                ids=ids,
                orphans=orphans.table,
                kept=kept,
            )
        )
        cursor.execute(f"SELECT COUNT(*) FROM {_AFFECTED_TABLE}")
        affected = cursor.fetchone()[0]
        if affected and connection.vendor == "postgresql":
            _analyze(cursor, _AFFECTED_TABLE)
            _metadata_restore_by_source(cursor, ids)
        elif affected:
            cursor.execute(
                _METADATA_RESTORE_SQL.format(ids=ids, affected=_AFFECTED_TABLE)
            )
        cursor.execute(f"DROP TABLE {_AFFECTED_TABLE}")
    return affected


def _metadata_restore_by_source(cursor, ids: str) -> None:
    """Choose each affected resource's source DSR, then copy from each source."""
    cursor.execute(f"DROP TABLE IF EXISTS {_SOURCES_TABLE}")
    cursor.execute(
        _SOURCES_SQL.format(table=_SOURCES_TABLE, affected=_AFFECTED_TABLE, ids=ids)
    )
    _analyze(cursor, _SOURCES_TABLE)
    cursor.execute(f"SELECT DISTINCT dsr_id FROM {_SOURCES_TABLE} ORDER BY dsr_id")
    # One statement per source DSR: a literal id confines it to one partition.
    for (dsr_id,) in cursor.fetchall():
        cursor.execute(
            _SOURCE_RESTORE_SQL.format(sources=_SOURCES_TABLE), {"dsr_id": dsr_id}
        )
    cursor.execute(f"DROP TABLE {_SOURCES_TABLE}")


def _analyze(cursor, table: str) -> None:
    if connection.vendor == "postgresql":
        # Without statistics the planner probes every partition per row.
        cursor.execute(f"ANALYZE {table}")
