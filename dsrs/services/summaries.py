"""Per-DSR totals, computed once when a DSR is imported.

The admin and the revenue overview read these instead of summing usages on
every page view. A DSR's EUR revenue is its total revenue divided by its
stored EUR rate (one division, not one per line), rounded half-even to
``REVENUE_DECIMAL_PLACES``: anyone can recompute it from the file and the rate.
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext

from dsrs.models import DSR, REVENUE_TOTAL_MAX_DIGITS
from dsrs.parsers import REVENUE_DECIMAL_PLACES
from dsrs.storage import storage

_QUANTUM = Decimal(1).scaleb(-REVENUE_DECIMAL_PLACES)
# Enough digits that sums are exact and a division exact to the last stored
# place (the default context keeps 28).
EXACT = Context(prec=REVENUE_TOTAL_MAX_DIGITS + 20, rounding=ROUND_HALF_EVEN)


def eur_amount(*, amount: Decimal, rate: Decimal) -> Decimal:
    """``amount`` in a currency with ``rate`` units per 1 EUR, in EUR."""
    return EXACT.quantize(EXACT.divide(amount, rate), _QUANTUM)


def decimal_sum(values: Iterable[Decimal]) -> Decimal:
    """The exact sum of amounts."""
    with localcontext(EXACT):
        return sum(values, Decimal(0))


def dsr_revenue_sums(*, dsr_id: int) -> tuple[int, Decimal]:
    """The exact sums of a DSR's ``usages`` and ``revenue`` columns."""
    return storage().dsr_revenue_sums(dsr_id=dsr_id)


def dsr_summary_refresh(*, dsr_id: int) -> None:
    """Store an ingested DSR's total usages and revenue, in its currency and EUR."""
    usages, revenue = dsr_revenue_sums(dsr_id=dsr_id)
    rate = DSR.objects.values_list("eur_rate", flat=True).get(pk=dsr_id)
    DSR.objects.filter(pk=dsr_id).update(
        total_usages=usages,
        total_revenue=revenue,
        total_revenue_eur=eur_amount(amount=revenue, rate=rate),
    )
