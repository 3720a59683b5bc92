"""Reads: EUR revenue per work, per recording, and revenue matched to no work.

Every answer reads the current usages (or on PostgreSQL, for unmatched
revenue, the per-ISRC sums ``dsrs`` keeps in each import's and delete's
transaction) and the current links, so a DSR deleted or replaced, or a link
added or removed, shows at once.
Per DSR and ISRC the amount is ``dsrs``' (Σ revenue ÷ the DSR's EUR rate,
31 places); a recording linked to several works is split between them at
that grain by ``rules.split``, so any total is a sum of those parts and a
DSR's part can be taken out exactly. Usages are not split: a medley played
once was played once for each of its works.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_EVEN, Context, Decimal

from common.identifiers import iswc_normalise
from dsrs.selectors.isrcs import (
    DSRUsageRevenue,
    ISRCRevenue,
    isrc_revenue_ranked,
    usage_revenue_by_isrc,
)
from recordings.rules.split import amount_split
from recordings.selectors.links import recording_decisions, recording_isrcs_linked_to
from works.selectors import work_get_by_iswc

ANSWER_PLACES = Decimal("0.000001")
_EXACT = Context(prec=200, rounding=ROUND_HALF_EVEN)


def eur_text(*, amount: Decimal) -> str:
    """The API's EUR figure: the exact amount rounded half-even to 6 places."""
    return format(_EXACT.quantize(amount, ANSWER_PLACES), "f")


@dataclass(frozen=True)
class Filters:
    territory: str | None = None
    period_start: date | None = None
    period_end: date | None = None


@dataclass
class Tally:
    """Usages and exact EUR revenue, in total and per territory and month."""

    usages: int = 0
    revenue_eur: Decimal = Decimal(0)
    by_territory_month: dict[tuple[str, date], list] = field(
        default_factory=lambda: defaultdict(lambda: [0, Decimal(0)])
    )

    def add(self, *, row: DSRUsageRevenue, amount: Decimal) -> None:
        self.usages += row.usages
        self.revenue_eur = _EXACT.add(self.revenue_eur, amount)
        cell = self.by_territory_month[row.territory, row.month]
        cell[0] += row.usages
        cell[1] = _EXACT.add(cell[1], amount)

    def territory_months(self) -> list[dict]:
        return [
            {
                "territory": territory,
                "month": month.strftime("%Y-%m"),
                "usages": usages,
                "revenue_eur": eur_text(amount=amount),
            }
            for (territory, month), (usages, amount) in sorted(
                self.by_territory_month.items(), key=lambda item: item[0][::-1]
            )
        ]


def _rows(*, isrcs: Iterable[str] | None, filters: Filters):
    return usage_revenue_by_isrc(
        isrcs=None if isrcs is None else list(isrcs),
        territory=filters.territory,
        period_start=filters.period_start,
        period_end=filters.period_end,
    )


def work_revenue(*, iswc: str, filters: Filters) -> dict | None:
    """``GET /works/{iswc}/revenue``; ``None`` for an ISWC that is no work's
    and no link's."""
    normal, valid = iswc_normalise(value=iswc)
    if not valid:
        return None
    isrcs = recording_isrcs_linked_to(iswc=normal)
    if not isrcs and work_get_by_iswc(iswc=normal) is None:
        return None
    decisions = recording_decisions(isrcs=isrcs)
    counted = [isrc for isrc in isrcs if normal in decisions[isrc].shares]
    total, per_recording = Tally(), {isrc: Tally() for isrc in counted}
    for row in _rows(isrcs=counted, filters=filters):
        shares = decisions[row.isrc].shares
        part = amount_split(amount=row.revenue_eur, shares=shares)[normal]
        total.add(row=row, amount=part)
        per_recording[row.isrc].add(row=row, amount=part)
    return {
        "iswc": normal,
        "usages": total.usages,
        "revenue_eur": eur_text(amount=total.revenue_eur),
        "recordings": [
            {
                "isrc": isrc,
                "usages": tally.usages,
                "revenue_eur": eur_text(amount=tally.revenue_eur),
            }
            for isrc, tally in per_recording.items()
        ],
        "by_territory_month": total.territory_months(),
    }


def recording_revenue(*, isrc: str, filters: Filters | None = None) -> Tally:
    """A recording's usages and whole EUR revenue (before any split)."""
    tally = Tally()
    for row in _rows(isrcs=[isrc], filters=filters or Filters()):
        tally.add(row=row, amount=row.revenue_eur)
    return tally


@dataclass(frozen=True)
class Unmatched:
    isrc: str | None
    dsp: str | None
    dsp_id: str | None
    reported_isrc: str | None
    usages: int
    revenue_eur: Decimal
    share: Decimal  # of all revenue the filters select
    in_review: bool


def revenue_unmatched(
    *, filters: Filters, offset: int = 0, limit: int
) -> list[Unmatched]:
    """Revenue that goes to no work, largest first (ties by ISRC, then
    resource), rows ``offset`` to ``offset + limit``: recordings without
    links or whose sources disagree, and resources whose lines report no
    valid ISRC.

    ``dsrs`` hands its per-ISRC sums over largest first, in batches; the
    linking rule (``recording_decisions``) takes out of each batch the
    recordings counted for a work, until the page is full.
    """
    kept, total = isrc_revenue_ranked(
        territory=filters.territory,
        period_start=filters.period_start,
        period_end=filters.period_end,
        wanted=offset + limit,
        keep=_unmatched_keep,
    )
    return [
        Unmatched(
            isrc=row.isrc or None,
            dsp=None if row.isrc else row.dsp,
            dsp_id=None if row.isrc else row.dsp_id,
            reported_isrc=None if row.isrc else row.reported_isrc,
            usages=row.usages,
            revenue_eur=row.revenue_eur,
            share=_EXACT.divide(row.revenue_eur, total) if total else Decimal(0),
            in_review=in_review,
        )
        for row, in_review in kept[offset:]
    ]


def _unmatched_keep(rows: list[ISRCRevenue]) -> list[tuple[ISRCRevenue, bool]]:
    """The rows no work counts, each with whether it is in review (linked,
    but by sources that disagree)."""
    decisions = recording_decisions(isrcs={row.isrc for row in rows if row.isrc})
    kept = []
    for row in rows:
        decision = decisions.get(row.isrc) if row.isrc else None
        if decision is None or not decision.shares:
            kept.append((row, decision is not None))
    return kept
