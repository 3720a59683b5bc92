"""Reads for the recordings app: usages and EUR revenue per ISRC and DSR.

The EUR rule is the admin's per-resource one: within a DSR the revenue of
the lines is summed exactly in the DSR's currency, then divided by the DSR's
stored EUR rate (the percentile's rate) and rounded half-even to 31 places
(``services.summaries.eur_amount``). A usage belongs to the ISRC its own line
reports, so every figure can be recomputed by hand from the files.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext

from django.db.models import F, Max, Q, QuerySet
from django.db.models.expressions import RawSQL

from common.ingest.status import ImportStatus
from dsrs.models import Resource, Usage
from dsrs.parsers.plain import isrc_read
from dsrs.selectors.dsrs import dsr_list_selected
from dsrs.services.summaries import EXACT, eur_amount
from dsrs.storage import storage
from dsrs.storage.sql import ISRCRevenue


@dataclass(frozen=True)
class DSRUsageRevenue:
    """Usages and EUR revenue of one ISRC (or one resource) in one DSR.

    ``isrc`` is the normal form, or "" when the lines report none or an
    invalid one: then ``dsp``/``dsp_id`` name the resource and
    ``reported_isrc`` what the lines said.
    """

    dsr_id: int
    territory: str
    month: date  # the first day of the month the DSR's period starts in
    isrc: str
    dsp: str
    dsp_id: str
    reported_isrc: str
    usages: int
    revenue_eur: Decimal


def _dsrs_with_rates(*, territory, period_start, period_end) -> dict[int, tuple]:
    dsrs = dsr_list_selected(
        territory=territory, period_start=period_start, period_end=period_end
    )
    return {
        pk: (code, start.replace(day=1), rate)
        for pk, code, start, rate in dsrs.values_list(
            "pk", "territory__code_2", "period_start", "eur_rate"
        )
    }


def usage_revenue_by_isrc(
    *,
    isrcs: Sequence[str] | None = None,
    territory: str | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
) -> Iterator[DSRUsageRevenue]:
    """Per DSR and ISRC (or resource, for lines without a valid ISRC), the
    usages and EUR revenue of the ingested DSRs passing the percentile API's
    filters; only ``isrcs`` (normal forms) when given, whatever spelling
    the lines report them in."""
    wanted = None if isrcs is None else set(isrcs)
    if wanted is not None and not wanted:
        return
    dsrs = _dsrs_with_rates(
        territory=territory, period_start=period_start, period_end=period_end
    )
    usages = Usage.objects.filter(dsr_id__in=list(dsrs))
    if wanted is not None:
        usages = _usages_reporting(usages=usages, isrcs=wanted)
    rows = usages.values_list(
        "dsr_id", "resource__dsp", "resource__dsp_id", "isrc", "usages", "revenue"
    )
    counts: dict[tuple, int] = defaultdict(int)
    sums: dict[tuple, Decimal] = defaultdict(Decimal)
    with localcontext(EXACT):
        for dsr_id, dsp, dsp_id, reported, n, amount in rows.iterator(chunk_size=5000):
            isrc, valid = isrc_read(reported) if reported else ("", False)
            if wanted is not None and not (valid and isrc in wanted):
                continue
            key = (
                (dsr_id, isrc, "", "", "")
                if valid
                else (dsr_id, "", dsp, dsp_id, reported)
            )
            counts[key] += n
            sums[key] += amount
    for key in sorted(counts):
        dsr_id, isrc, dsp, dsp_id, reported = key
        code, month, rate = dsrs[dsr_id]
        yield DSRUsageRevenue(
            dsr_id=dsr_id,
            territory=code,
            month=month,
            isrc=isrc,
            dsp=dsp,
            dsp_id=dsp_id,
            reported_isrc=reported,
            usages=counts[key],
            revenue_eur=eur_amount(amount=sums[key], rate=rate),
        )


def isrc_revenue_ranked(
    *,
    territory: str | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
    wanted: int,
    keep: Callable[[list[ISRCRevenue]], list],
) -> tuple[list, Decimal]:
    """Per ISRC (or resource, for lines without a valid ISRC) over the DSRs
    the filters select, largest EUR first (ties by ISRC, DSP, DSP id): what
    ``keep`` keeps of them, batch by batch, until it holds ``wanted``; and
    the EUR total of the selection, the sum of every per-(DSR, key) part.

    PostgreSQL reads the per-ISRC sums (those of DSRs not folded yet computed
    from their usages); SQLite sums the usages.
    """
    backend = storage()
    if backend.isrc_revenue_walk is None:
        return _isrc_revenue_summed(
            territory=territory,
            period_start=period_start,
            period_end=period_end,
            wanted=wanted,
            keep=keep,
        )
    dsr_ids, territory_id = None, None
    if (territory, period_start, period_end) != (None, None, None):
        selected = dsr_list_selected(
            territory=territory, period_start=period_start, period_end=period_end
        )
        pairs = list(selected.values_list("pk", "territory_id"))
        dsr_ids = [dsr_id for dsr_id, _ in pairs]
        if pairs and (period_start, period_end) == (None, None):
            # Every DSR of one territory: its totals are kept ranked.
            territory_id = pairs[0][1]
    return backend.isrc_revenue_walk(
        dsr_ids=dsr_ids, territory_id=territory_id, wanted=wanted, keep=keep
    )


def _isrc_revenue_summed(*, wanted: int, keep, **filters) -> tuple[list, Decimal]:
    usages: dict[tuple, int] = defaultdict(int)
    amounts: dict[tuple, Decimal] = defaultdict(Decimal)
    total = Decimal(0)
    with localcontext(EXACT):
        for row in usage_revenue_by_isrc(**filters):
            key = (row.isrc, row.dsp, row.dsp_id, row.reported_isrc)
            usages[key] += row.usages
            amounts[key] += row.revenue_eur
            total += row.revenue_eur
    ranked = sorted(amounts, key=lambda key: (-amounts[key], key))
    rows = [ISRCRevenue(*key, usages[key], amounts[key]) for key in ranked]
    return keep(rows)[:wanted], total


def _usages_reporting(*, usages: QuerySet[Usage], isrcs: set[str]) -> QuerySet[Usage]:
    """The lines that may report one of ``isrcs`` in some spelling: those whose
    key (``storage().usage_isrc_key``, indexed on PostgreSQL) is one of them,
    and the few without a key, which the rule then decides."""
    column = f'"{Usage._meta.db_table}"."isrc"'
    key = RawSQL(storage().usage_isrc_key(column=column), [])
    return usages.annotate(isrc_key=key).filter(
        Q(isrc_key__in=sorted(isrcs)) | Q(isrc_key__isnull=True)
    )


def resource_facts_by_isrc(*, isrc: str) -> tuple[str, str, str] | None:
    """Title, artists and DSP of the resource reporting ``isrc`` (normal form)
    with the latest metadata, or ``None``."""
    ingested = Q(usages__dsr__status=ImportStatus.INGESTED)
    return (
        Resource.objects.filter(isrc=isrc)
        .annotate(latest=Max("usages__dsr__period_end", filter=ingested))
        .order_by(F("latest").desc(nulls_last=True), "dsp", "dsp_id")
        .values_list("title", "artists", "dsp")
        .first()
    )
