"""What the first pass over a DSRF report finds, and the warnings it gives.

No ORM. Warnings are counted per DSR (a territory and currency); those of the
file as a whole (FOOT counts, ISRCs, summary records not imported) go to the
report's first DSR.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from dsrs.parsers.dsrf import layout as L
from dsrs.parsers.dsrf.head import Head
from dsrs.parsers.dsrf.records import Record
from dsrs.parsers.dsrf.summaries import Group, Summary

WARN_FOOT = "FOOT {field} says {declared}, the file has {read}"
WARN_FOOT_MISSING = "no FOOT record"
WARN_SUMMARY_USAGES = (
    "summary record {id} declares {declared} usages, its sale records add up to {read}"
)
WARN_NOT_ALLOCATED = (
    "summary record {id}: some sale records carry revenue, its NetRevenue "
    "is not allocated"
)
WARN_NO_USAGES = "summary record {id}: NetRevenue {revenue} but no usages to share it"
WARN_SKIPPED = "{type} records not imported"
WARN_EXCHANGE_RATES = "summary records of one DSR give different ExchangeRate values"


@dataclass
class Survey:
    """The report's DSRs and what their allocation and checks need."""

    head: Head
    summaries: dict[str, Summary]
    groups: list[Group] = field(default_factory=list)  # by first summary record
    usages: Counter[str] = field(default_factory=Counter)  # to allocate to
    carries_revenue: set[str] = field(default_factory=set)
    foot: list[str] = field(default_factory=list)  # FOOT mismatches
    warnings: dict[Group, Counter[str]] = field(default_factory=dict)
    exchange: dict[Group, tuple[Decimal | None, str]] = field(default_factory=dict)


def foot_check(*, foot: Record | None, lines: int, blocks: int) -> list[str]:
    """The FOOT counts of one file against the lines and blocks read."""
    if foot is None:
        return [WARN_FOOT_MISSING]
    problems = []
    for name, read in ((L.LINES_IN_FILE, lines), (L.BLOCKS_IN_FILE, blocks)):
        declared = foot.get(name)
        if declared and declared != str(read):
            problems.append(WARN_FOOT.format(field=name, declared=declared, read=read))
    return problems


def survey_warn(
    *, survey: Survey, skipped: Counter[str], file_warnings: Counter[str]
) -> None:
    """Fill ``survey.warnings`` and ``survey.exchange``, DSR by DSR."""
    for group in survey.groups:
        survey.warnings[group] = Counter()
    first = survey.warnings[survey.groups[0]]
    first.update(file_warnings)
    first.update(survey.foot)
    for kind, count in skipped.items():
        first[WARN_SKIPPED.format(type=kind)] += count
    for summary in survey.summaries.values():
        _summary_warn(survey, summary, survey.warnings[summary.group])


def _summary_warn(survey: Survey, summary: Summary, warnings: Counter[str]) -> None:
    read = survey.usages[summary.id]
    if summary.id in survey.carries_revenue:
        if summary.revenue:
            warnings[WARN_NOT_ALLOCATED.format(id=summary.id)] += 1
    else:
        if summary.usages is not None and summary.usages != read:
            text = WARN_SUMMARY_USAGES.format(
                id=summary.id, declared=summary.usages, read=read
            )
            warnings[text] += 1
        if summary.revenue and not read:
            warnings[WARN_NO_USAGES.format(id=summary.id, revenue=summary.revenue)] += 1
    rate = (summary.exchange_rate, summary.transaction_currency)
    if survey.exchange.setdefault(summary.group, rate) != rate:
        warnings[WARN_EXCHANGE_RATES] = 1
