"""Removing DSRs: usages, row errors and the resources left orphaned."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from dsrs.models import DSR, DSRRowError
from dsrs.selectors import dsr_contents_count
from dsrs.services.deletion_log import deletion_log_write
from dsrs.services.resources import (
    resource_metadata_restore,
    resources_orphaned_collect,
)
from dsrs.storage import storage


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
    backend = storage()
    with transaction.atomic():
        backend.writers_lock()
        backend.session_tune()
        dsrs = list(
            DSR.objects.select_for_update().filter(pk__in=dsr_ids).order_by("pk")
        )
        ids = [dsr.pk for dsr in dsrs]
        contents = dsr_contents_count(dsr_ids=ids)
        orphans = resources_orphaned_collect(dsr_ids=ids)
        resource_metadata_restore(dsr_ids=ids, orphans=orphans)
        backend.sums_remove(dsr_ids=ids, orphans_table=orphans.table)
        orphan_count = orphans.delete()
        DSRRowError.objects.filter(dsr_id__in=ids).delete()
        backend.usages_remove(dsr_ids=ids)
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
