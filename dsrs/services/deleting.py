"""Removing DSRs: usages, row errors and the resources left orphaned."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, transaction

from dsrs.db import sql_id_list, usage_partition_name
from dsrs.models import DSR, DSRRowError
from dsrs.selectors import dsr_contents_count
from dsrs.services.deletion_log import deletion_log_write
from dsrs.services.locking import dsr_writers_lock, usage_ddl_run
from dsrs.services.resources import (
    resource_metadata_restore,
    resources_orphaned_collect,
)
from dsrs.services.totals import resource_totals_forget, resource_totals_subtract


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
    still reported by another DSR stay, with the metadata of the latest DSR
    that still reports them. Row-level work comes first; the partition DDL,
    which readers would wait for, comes last and lasts milliseconds.
    """
    with transaction.atomic():
        dsr_writers_lock()
        _session_tune()
        dsrs = list(
            DSR.objects.select_for_update().filter(pk__in=dsr_ids).order_by("pk")
        )
        ids = [dsr.pk for dsr in dsrs]
        contents = dsr_contents_count(dsr_ids=ids)
        orphans = resources_orphaned_collect(dsr_ids=ids)
        resource_metadata_restore(dsr_ids=ids, orphans=orphans)
        resource_totals_subtract(dsr_ids=ids, skip_table=orphans.table)
        resource_totals_forget(resource_ids_table=orphans.table)
        orphan_count = orphans.delete()
        DSRRowError.objects.filter(dsr_id__in=ids).delete()
        _usages_remove(ids)
        DSR.objects.filter(pk__in=ids).delete()
        deletion_log_write(dsrs=dsrs, contents=contents, orphan_resources=orphan_count)
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
        orphan_resources=orphan_count,
    )


def _session_tune() -> None:
    """Give the set-based statements the importer's memory: sorts of a
    million rows stay off disk. JIT compiling costs more than it saves here."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute("SET LOCAL jit = off")


def _usages_remove(dsr_ids: Sequence[int]) -> None:
    """On PostgreSQL, drop the DSRs' partitions; then delete rows left elsewhere."""
    if not dsr_ids:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            statements = []
            for dsr_id in dsr_ids:
                table = usage_partition_name(dsr_id)
                cursor.execute("SELECT to_regclass(%s)", [table])
                if cursor.fetchone()[0] is not None:
                    statements += [
                        f"ALTER TABLE dsrs_usage DETACH PARTITION {table}",
                        f"DROP TABLE {table}",
                    ]
            if statements:
                usage_ddl_run(statements=statements)
        # Rows written through the ORM (PostgreSQL's default partition).
        cursor.execute(
            f"DELETE FROM dsrs_usage WHERE dsr_id IN ({sql_id_list(dsr_ids)})"
        )
