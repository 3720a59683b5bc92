"""Reads for the admin's money pages: revenue per territory and month, top
resources, and a resource's revenue per DSR.

Amounts are exact ``Decimal``. Territory and month figures come from the
per-DSR totals stored at import (``services.summaries``), so they cost one
query over DSRs, never a scan of usages.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext
from itertools import islice

from django.db.models import Count, FloatField, Q, QuerySet, Sum
from django.db.models.functions import Cast, Coalesce

from dsrs.models import DSR, Resource, Usage
from dsrs.selectors.dsrs import dsr_list_selected
from dsrs.selectors.percentile import ResourceRevenue, resource_list_top_percentile
from dsrs.services.summaries import EXACT, decimal_sum, eur_amount

TOP_RESOURCES = 20
# The percentile answer for N is a prefix of the ranking: the first that holds
# the wanted number of resources holds the top ones. Small N first, because
# the answer for 100 lists every resource with revenue.
_TOP_NUMBERS = (1, 10, 100)


@dataclass(frozen=True)
class TerritoryMonthRevenue:
    territory: str  # ISO alpha-2
    month: date  # the first day of the month the DSRs' periods start in
    revenue_eur: Decimal
    dsrs: int


@dataclass(frozen=True)
class DSRRevenue:
    """A resource's usages and revenue in one DSR."""

    dsr_id: int
    currency: str
    usages: int
    revenue: Decimal  # in the DSR's currency
    revenue_eur: Decimal


@dataclass(frozen=True)
class ResourceTotals:
    usages: int
    revenue_eur: Decimal
    per_dsr: list[DSRRevenue]


@dataclass(frozen=True)
class Figures:
    dsrs_ingested: int
    dsrs_failed: int
    usage_lines: int
    usages: int
    resources: int
    revenue_eur: Decimal


def revenue_by_territory_month(
    *,
    territory: str | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
) -> list[TerritoryMonthRevenue]:
    """EUR revenue per territory and month, ordered by month then territory.

    A DSR counts in the month its period starts in.
    """
    dsrs = dsr_list_selected(
        territory=territory, period_start=period_start, period_end=period_end
    ).values_list("territory__code_2", "period_start", "total_revenue_eur")
    revenue: dict[tuple[str, date], Decimal] = defaultdict(Decimal)
    counts: dict[tuple[str, date], int] = defaultdict(int)
    with localcontext(EXACT):
        for code, start, amount in dsrs:
            key = (code, start.replace(day=1))
            revenue[key] += amount
            counts[key] += 1
    return [
        TerritoryMonthRevenue(
            territory=code, month=month, revenue_eur=revenue[code, month], dsrs=n
        )
        for (code, month), n in sorted(counts.items(), key=lambda i: i[0][::-1])
    ]


def resource_list_top(
    *,
    limit: int = TOP_RESOURCES,
    territory: str | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
) -> list[ResourceRevenue]:
    """The ``limit`` resources with the most EUR revenue, by the percentile rule."""
    for number in _TOP_NUMBERS:
        answer = resource_list_top_percentile(
            number=number,
            territory=territory,
            period_start=period_start,
            period_end=period_end,
        )
        top = list(islice(answer, limit))
        if len(top) == limit:
            break
    return top


def resource_revenue_totals(
    *, resource_ids: Sequence[int]
) -> dict[int, ResourceTotals]:
    """Per resource, its usages and revenue in each ingested DSR, and in EUR.

    A resource's EUR revenue is the sum over DSRs of its revenue in the DSR
    divided by the DSR's EUR rate.
    """
    usages: dict[tuple[int, int], int] = defaultdict(int)
    revenue: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    dsrs: dict[int, tuple[Decimal, str]] = {}
    rows = Usage.objects.filter(
        resource_id__in=resource_ids, dsr__status=DSR.Status.INGESTED
    ).values_list(
        "resource_id",
        "dsr_id",
        "usages",
        "revenue",
        "dsr__eur_rate",
        "dsr__currency__code",
    )
    with localcontext(EXACT):
        for resource_id, dsr_id, n, amount, rate, currency in rows:
            usages[resource_id, dsr_id] += n
            revenue[resource_id, dsr_id] += amount
            dsrs[dsr_id] = (rate, currency)
    per_resource: dict[int, list[DSRRevenue]] = {pk: [] for pk in resource_ids}
    for resource_id, dsr_id in sorted(usages):
        rate, currency = dsrs[dsr_id]
        amount = revenue[resource_id, dsr_id]
        per_resource[resource_id].append(
            DSRRevenue(
                dsr_id=dsr_id,
                currency=currency,
                usages=usages[resource_id, dsr_id],
                revenue=amount,
                revenue_eur=eur_amount(amount=amount, rate=rate),
            )
        )
    return {
        pk: ResourceTotals(
            usages=sum(r.usages for r in per_dsr),
            revenue_eur=decimal_sum(r.revenue_eur for r in per_dsr),
            per_dsr=per_dsr,
        )
        for pk, per_dsr in per_resource.items()
    }


def dsr_figures() -> Figures:
    """The headline figures of what is imported, from the per-DSR totals."""
    by_status = dict(
        DSR.objects.values_list("status").annotate(n=Count("pk")).order_by()
    )
    ingested = DSR.objects.filter(status=DSR.Status.INGESTED)
    sums = ingested.aggregate(lines=Sum("rows_imported"), usages=Sum("total_usages"))
    return Figures(
        dsrs_ingested=by_status.get(DSR.Status.INGESTED, 0),
        dsrs_failed=by_status.get(DSR.Status.FAILED, 0),
        usage_lines=sums["lines"] or 0,
        usages=sums["usages"] or 0,
        resources=Resource.objects.count(),
        revenue_eur=decimal_sum(ingested.values_list("total_revenue_eur", flat=True)),
    )


def resource_list_sortable(*, resources: QuerySet[Resource]) -> QuerySet[Resource]:
    """``resources`` with ``eur_rank`` and ``usage_rank`` for sorting a list.

    ``eur_rank`` is the EUR revenue over ingested DSRs in floating point: it
    orders, the exact amounts shown come from ``resource_revenue_totals``.
    SQLite stores amounts as text, so both sides are cast before dividing.
    """
    ingested = Q(usages__dsr__status=DSR.Status.INGESTED)
    return resources.annotate(
        eur_rank=Coalesce(
            Sum(
                Cast("usages__revenue", FloatField())
                / Cast("usages__dsr__eur_rate", FloatField()),
                filter=ingested,
            ),
            0.0,
        ),
        usage_rank=Coalesce(Sum("usages__usages", filter=ingested), 0),
    )
