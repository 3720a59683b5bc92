"""Per-DSR totals, computed once when a DSR is imported.

The admin and the revenue overview read these instead of summing usages on
every page view. A DSR's EUR revenue is its total revenue divided by its
stored EUR rate (one division, not one per line), rounded half-even to
``REVENUE_DECIMAL_PLACES``: anyone can recompute it from the file and the rate.
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext

from django.db import connection

from dsrs.models import DSR, REVENUE_TOTAL_MAX_DIGITS
from dsrs.parsers import REVENUE_DECIMAL_PLACES

_QUANTUM = Decimal(1).scaleb(-REVENUE_DECIMAL_PLACES)
# Enough digits that sums are exact and a division exact to the last stored
# place (the default context keeps 28).
EXACT = Context(prec=REVENUE_TOTAL_MAX_DIGITS + 20, rounding=ROUND_HALF_EVEN)
_FETCH_ROWS = 10_000


def eur_amount(*, amount: Decimal, rate: Decimal) -> Decimal:
    """``amount`` in a currency with ``rate`` units per 1 EUR, in EUR."""
    return EXACT.quantize(EXACT.divide(amount, rate), _QUANTUM)


def decimal_sum(values: Iterable[Decimal]) -> Decimal:
    """The exact sum of amounts."""
    with localcontext(EXACT):
        return sum(values, Decimal(0))


def dsr_revenue_sums(*, dsr_id: int) -> tuple[int, Decimal]:
    """The sums of a DSR's ``usages`` and ``revenue`` columns, exactly.

    PostgreSQL sums ``numeric``; SQLite stores revenues as text and would sum
    them as floats, so there the rows are summed as ``Decimal``.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT COALESCE(SUM(usages), 0), COALESCE(SUM(revenue), 0) "
                "FROM dsrs_usage WHERE dsr_id = %s",
                [dsr_id],
            )
            usages, revenue = cursor.fetchone()
            return int(usages), Decimal(revenue)
        cursor.execute(
            "SELECT usages, revenue FROM dsrs_usage WHERE dsr_id = %s", [dsr_id]
        )
        usages, revenue = 0, Decimal(0)
        with localcontext(EXACT):
            while rows := cursor.fetchmany(_FETCH_ROWS):
                usages += sum(row[0] for row in rows)
                revenue += decimal_sum(Decimal(row[1]) for row in rows)
        return usages, revenue


def dsr_summary_refresh(*, dsr_id: int) -> None:
    """Store an ingested DSR's total usages and revenue, in its currency and EUR."""
    usages, revenue = dsr_revenue_sums(dsr_id=dsr_id)
    rate = DSR.objects.values_list("eur_rate", flat=True).get(pk=dsr_id)
    DSR.objects.filter(pk=dsr_id).update(
        total_usages=usages,
        total_revenue=revenue,
        total_revenue_eur=eur_amount(amount=revenue, rate=rate),
    )
