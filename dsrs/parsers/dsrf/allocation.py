"""Sharing a summary record's revenue among its sale records, exactly. No ORM.

The rule (cumulative rounding): with R the summary's revenue, T the usages of
its sale records and C(k) the usages of its first k sale records in file
order, the k-th record's part is ``q(R * C(k) / T) - q(R * C(k-1) / T)``,
where ``q`` rounds half to even at ``REVENUE_DECIMAL_PLACES`` (31). The parts
telescope: they add up to ``q(R) = R`` to the last digit, each lies within
one unit of the 31st place of its exact share ``R * usages / T``, none is
negative, and a part depends only on the records before it, so the file is
allocated as it streams.
"""

from decimal import ROUND_HALF_EVEN, Context, Decimal

from dsrs.parsers.numbers import REVENUE_DECIMAL_PLACES, REVENUE_MAX_DIGITS

_QUANTUM = Decimal(1).scaleb(-REVENUE_DECIMAL_PLACES)
# Enough digits that R * C(k) is exact before the division rounds once more
# finely than the quantum.
_CONTEXT = Context(prec=REVENUE_MAX_DIGITS + 60, rounding=ROUND_HALF_EVEN)


class RevenueAllocation:
    """The running state of one summary record's allocation."""

    def __init__(self, *, revenue: Decimal, usages: int):
        self.revenue = revenue
        self.usages = usages
        self.cumulated = 0
        self.allocated = Decimal(0)

    def part(self, *, usages: int) -> Decimal:
        """The next sale record's part, for its ``usages``."""
        self.cumulated += usages
        if self.usages == 0:
            return Decimal(0)
        share = _CONTEXT.divide(
            _CONTEXT.multiply(self.revenue, self.cumulated), self.usages
        )
        running = share.quantize(_QUANTUM, context=_CONTEXT)
        part = _CONTEXT.subtract(running, self.allocated)
        self.allocated = running
        return part


def revenue_text(*, value: Decimal) -> str:
    """``value`` as the fixed-notation text ``ParsedRow.revenue`` holds."""
    return format(value.normalize(_CONTEXT), "f") if value else "0"
