"""Removing DSR contents: usages, row errors and the resources left orphaned."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, transaction

from dsrs.db import sql_id_list, usage_partition_name
from dsrs.models import DSR, DSRRowError
from dsrs.selectors import dsr_contents_count

ORPHAN_CANDIDATES = "dsrs_orphan_candidates"


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
        orphan_candidates_collect(ids)
        usages_remove(dsr_ids=ids)
        DSRRowError.objects.filter(dsr_id__in=ids).delete()
        DSR.objects.filter(pk__in=ids).delete()
        orphans = orphan_resources_delete()
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


def orphan_candidates_collect(dsr_ids: Sequence[int]) -> None:
    """Remember the resources of these DSRs, to find the orphans afterwards."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {ORPHAN_CANDIDATES}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {ORPHAN_CANDIDATES} AS "
            "SELECT DISTINCT resource_id FROM dsrs_usage WHERE dsr_id IN "
            f"({sql_id_list(dsr_ids)})"
        )
        if connection.vendor == "postgresql":
            # Without statistics the planner probes every partition per row.
            cursor.execute(f"ANALYZE {ORPHAN_CANDIDATES}")


def orphan_resources_delete() -> int:
    """Delete the remembered resources that no usage references any more."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM dsrs_resource WHERE id IN "
            f"(SELECT resource_id FROM {ORPHAN_CANDIDATES}) "
            "AND NOT EXISTS "
            "(SELECT 1 FROM dsrs_usage AS u WHERE u.resource_id = dsrs_resource.id)"
        )
        deleted = cursor.rowcount
        cursor.execute(f"DROP TABLE {ORPHAN_CANDIDATES}")
    return deleted


def usages_remove(*, dsr_ids: Sequence[int]) -> None:
    """Remove the usages of these DSRs; on PostgreSQL, drop their partitions."""
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
