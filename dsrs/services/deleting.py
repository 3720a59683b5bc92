"""Removing DSR contents: usages, row errors and the resources left orphaned."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, transaction

from dsrs.db import sql_id_list, usage_partition_name
from dsrs.models import DSR, DSRRowError
from dsrs.selectors import dsr_contents_count
from dsrs.services.deletion_log import deletion_log_write
from dsrs.services.totals import resource_totals_forget, resource_totals_subtract

# Resources that no DSR but the ones being removed reports.
ORPHANS = "dsrs_orphans"


@dataclass(frozen=True)
class DSRDeletion:
    dsr_id: int
    path: str
    usages: int
    row_errors: int


@dataclass(frozen=True)
class DSRDeleteResult:
    dsrs: list[DSRDeletion]
    orphan_resources: int


def dsr_delete(*, dsr_ids: Sequence[int]) -> DSRDeleteResult:
    """Delete DSRs with their usages, row errors and orphaned resources.

    One transaction: a reader sees each DSR whole or not at all. Resources
    still reported by another DSR stay.
    """
    with transaction.atomic():
        dsrs = list(
            DSR.objects.select_for_update().filter(pk__in=dsr_ids).order_by("pk")
        )
        ids = [dsr.pk for dsr in dsrs]
        contents = dsr_contents_count(dsr_ids=ids)
        dsr_contents_remove(dsr_ids=ids)
        DSR.objects.filter(pk__in=ids).delete()
        orphans = orphan_resources_delete(recheck=False)
        deletion_log_write(dsrs=dsrs, contents=contents, orphan_resources=orphans)
    return DSRDeleteResult(
        dsrs=[
            DSRDeletion(
                dsr_id=dsr.pk,
                path=dsr.path,
                usages=contents.usages[dsr.pk],
                row_errors=contents.row_errors[dsr.pk],
            )
            for dsr in dsrs
        ],
        orphan_resources=orphans,
    )


def dsr_contents_remove(*, dsr_ids: Sequence[int]) -> None:
    """Remove the usages and row errors of these DSRs, keeping the totals right.

    The resources only they report are remembered for
    ``orphan_resources_delete``, in the same transaction.
    """
    _orphans_collect(dsr_ids)
    resource_totals_subtract(dsr_ids=dsr_ids, skip_table=ORPHANS)
    resource_totals_forget(resource_ids_table=ORPHANS)
    _usages_remove(dsr_ids)
    DSRRowError.objects.filter(dsr_id__in=dsr_ids).delete()


def orphan_resources_delete(*, recheck: bool) -> int:
    """Delete the remembered orphans; return how many resources went.

    With ``recheck``, those that usages loaded since reference again stay.
    """
    sql = f"DELETE FROM dsrs_resource WHERE id IN (SELECT resource_id FROM {ORPHANS})"
    if recheck:
        sql += (
            " AND NOT EXISTS "
            "(SELECT 1 FROM dsrs_usage AS u WHERE u.resource_id = dsrs_resource.id)"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        deleted = cursor.rowcount
        cursor.execute(f"DROP TABLE {ORPHANS}")
    return deleted


def _orphans_collect(dsr_ids: Sequence[int]) -> None:
    ids = sql_id_list(dsr_ids)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {ORPHANS}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {ORPHANS} AS "
            f"SELECT DISTINCT own.resource_id FROM dsrs_usage AS own "
            f"WHERE own.dsr_id IN ({ids}) AND NOT EXISTS ("
            "SELECT 1 FROM dsrs_usage AS other "
            "WHERE other.resource_id = own.resource_id "
            f"AND other.dsr_id NOT IN ({ids}))"
        )
        if connection.vendor == "postgresql":
            # Without statistics the planner probes every partition per row.
            cursor.execute(f"ANALYZE {ORPHANS}")


def _usages_remove(dsr_ids: Sequence[int]) -> None:
    """On PostgreSQL, drop the DSRs' partitions; then delete rows left elsewhere."""
    if not dsr_ids:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for dsr_id in dsr_ids:
                table = usage_partition_name(dsr_id)
                cursor.execute("SELECT to_regclass(%s)", [table])
                if cursor.fetchone()[0] is not None:
                    cursor.execute(f"ALTER TABLE dsrs_usage DETACH PARTITION {table}")
                    cursor.execute(f"DROP TABLE {table}")
        # Rows written through the ORM (PostgreSQL's default partition).
        ids = sql_id_list(dsr_ids)
        cursor.execute(f"DELETE FROM dsrs_usage WHERE dsr_id IN ({ids})")
