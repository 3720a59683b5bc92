"""Resources when DSR contents go: orphans, and metadata taken from what stays.

Both the importer (replacing a DSR's contents) and ``dsr_delete`` use these,
inside their transaction and after the writers' lock, while the old usages
are still in place.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection

from common.db import sql_id_list
from common.ingest.status import ImportStatus
from dsrs.models import DSR
from dsrs.storage import storage
from dsrs.storage.sql import ORPHAN_USAGES_SQL

_ORPHANS_TABLE = "dsrs_orphans"
_AFFECTED_TABLE = "dsrs_metadata_affected"

# Resources the given DSRs report that no other DSR reports (the rule the
# admin's count states too); on a replace, also not reported by the new file
# (its dsp_ids in a table).
_ORPHANS_SQL = (
    "CREATE TEMPORARY TABLE {table} AS SELECT DISTINCT own.resource_id"
    + ORPHAN_USAGES_SQL
    + "{kept}"
)
_KEPT_SQL = """
    AND NOT EXISTS (
        SELECT 1 FROM {kept_table} AS k
        JOIN dsrs_resource AS r ON r.dsp = %s AND r.dsp_id = k.dsp_id
        WHERE r.id = own.resource_id
    )
"""

# Resources that stay and whose metadata may come from the given DSRs: they
# take it again from the DSRs that still report them, which rewrites only the
# rows whose text changes. Resources a DSR with a later period end reports
# keep theirs (``{later}``). The DSRs' rows are the backend's METADATA_ROWS
# (usages, or one per resource).
_AFFECTED_SQL = """
    CREATE TEMPORARY TABLE {table} AS
    SELECT DISTINCT u.resource_id FROM {rows} AS u
    WHERE u.dsr_id IN ({ids}) AND NOT EXISTS (
          SELECT 1 FROM {orphans} AS o WHERE o.resource_id = u.resource_id
      ) {kept} {later}
"""
_AFFECTED_KEPT_SQL = """
    AND NOT EXISTS (
        SELECT 1 FROM dsrs_resource AS r
        JOIN {kept_table} AS k ON k.dsp_id = r.dsp_id
        WHERE r.id = u.resource_id
    )
"""


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
        storage().analyze(table=_ORPHANS_TABLE)
        cursor.execute(f"SELECT COUNT(*) FROM {_ORPHANS_TABLE}")
        count = cursor.fetchone()[0]
    return Orphans(table=_ORPHANS_TABLE, count=count)


def resources_reported_later_sql(
    *, dsps: Sequence[str], period_end: datetime.date, resource: str
) -> str:
    """A condition, ``AND NOT …``, true for the resource ``resource`` (an SQL
    expression of its id) when no ingested DSR of ``dsps`` with a period end
    after ``period_end`` reports it; empty when there is no such DSR, as when
    a DSR of the latest month comes in or goes."""
    later = list(
        DSR.objects.filter(
            status=ImportStatus.INGESTED, dsp__in=dsps, period_end__gt=period_end
        ).values_list("pk", flat=True)
    )
    if not later:
        return ""
    reported = storage().REPORTED_BY_SQL.format(
        resource=resource, ids=sql_id_list(later)
    )
    return f"AND NOT {reported}"


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
    removed = list(DSR.objects.filter(pk__in=dsr_ids).values_list("dsp", "period_end"))
    if not removed:
        return 0
    ids = sql_id_list(dsr_ids)
    kept = ""
    if kept_dsp_ids_table:
        kept = _AFFECTED_KEPT_SQL.format(kept_table=kept_dsp_ids_table)
    # A DSR later than every one that goes is the source of the metadata of
    # each resource it reports; resources of DSRs in between are looked at.
    later = resources_reported_later_sql(
        dsps=sorted({dsp for dsp, _ in removed}),
        period_end=max(end for _, end in removed),
        resource="u.resource_id",
    )
    backend = storage()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_AFFECTED_TABLE}")
        cursor.execute(
            _AFFECTED_SQL.format(
                table=_AFFECTED_TABLE,
                rows=backend.METADATA_ROWS,
                ids=ids,
                orphans=orphans.table,
                kept=kept,
                later=later,
            )
        )
        cursor.execute(f"SELECT COUNT(*) FROM {_AFFECTED_TABLE}")
        affected = cursor.fetchone()[0]
        if affected:
            backend.metadata_restore(dsr_ids_sql=ids, affected_table=_AFFECTED_TABLE)
        cursor.execute(f"DROP TABLE {_AFFECTED_TABLE}")
    return affected
