"""Reads about DSRs: the listing and what deleting some would remove."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import Count, QuerySet

from common.db import sql_id_list
from dsrs.models import DSR, DSRRowError
from dsrs.storage.sql import ORPHAN_USAGES_SQL


@dataclass(frozen=True)
class DSRContents:
    usages: dict[int, int]  # per DSR id
    row_errors: dict[int, int]  # per DSR id


def dsr_list() -> QuerySet[DSR]:
    return DSR.objects.select_related("territory", "currency").order_by("id")


def dsr_list_selected(
    *,
    territory: str | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
) -> QuerySet[DSR]:
    """Ingested DSRs passing the percentile API's filters, with the same
    meaning (``dsrs.rules.selection.DSRSelection`` is its SQL form)."""
    dsrs = DSR.objects.filter(status=DSR.Status.INGESTED)
    if territory is not None:
        dsrs = dsrs.filter(territory__code_2=territory.upper())
    if period_start is not None:
        dsrs = dsrs.filter(period_start__gte=period_start)
    if period_end is not None:
        dsrs = dsrs.filter(period_end__lte=period_end)
    return dsrs


def dsr_contents_count(*, dsr_ids: Sequence[int]) -> DSRContents:
    """Per DSR, its usages and row errors, counted without loading rows."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT dsr_id, COUNT(*) FROM dsrs_usage "
            f"WHERE dsr_id IN ({sql_id_list(dsr_ids)}) GROUP BY dsr_id"
        )
        usages = dict(cursor.fetchall())
    errors = dict(
        DSRRowError.objects.filter(dsr_id__in=dsr_ids)
        .values("dsr_id")
        .annotate(n=Count("*"))
        .values_list("dsr_id", "n")
    )
    return DSRContents(
        usages={dsr_id: usages.get(dsr_id, 0) for dsr_id in dsr_ids},
        row_errors={dsr_id: errors.get(dsr_id, 0) for dsr_id in dsr_ids},
    )


def resource_orphan_count(*, dsr_ids: Sequence[int]) -> int:
    """How many resources no DSR but these reports."""
    orphan_usages = ORPHAN_USAGES_SQL.format(ids=sql_id_list(dsr_ids))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(DISTINCT own.resource_id) {orphan_usages}")
        return cursor.fetchone()[0]
