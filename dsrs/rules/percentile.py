"""The cut of the top-percentile rule, in exact ``Decimal``; no ORM.

Both databases stream the per-resource EUR sums ordered by revenue descending
(ties by dsp_id ascending) and ``percentile_cut`` decides where the answer
ends, so the rule is exact on SQLite too. PostgreSQL can also apply the same
cut to a row itself (``PERCENTILE_CUT_SQL``), when it renders the answer's
JSON; a test holds both to the same answers.
"""

from collections.abc import Iterable, Iterator
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, Inexact
from typing import TypeVar

NUMBER_RANGE = "number must be between 1 and 100, got {number}"

Item = TypeVar("Item")

# Sums of a million amounts with 31 decimal places need more digits than the
# default 28: with these limits additions and products never round, and one
# that would raises instead of answering wrong.
EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[Inexact])


# The cut as a condition on one ranked row, in exact ``numeric``: ``revenue``
# is the row's EUR revenue and ``before`` the sum of the revenues of the rows
# ranked before it (NULL for the first); ``%(total)s`` and ``%(number)s`` as
# in ``percentile_cut``.
PERCENTILE_CUT_SQL = (
    "{revenue} > 0 AND COALESCE({before}, 0) * 100 < %(total)s::numeric * %(number)s"
)


def percentile_number_check(*, number: int) -> None:
    if not 1 <= number <= 100:
        raise ValueError(NUMBER_RANGE.format(number=number))


def percentile_cut(
    *, ranked: Iterable[tuple[Decimal, Item]], total: Decimal, number: int
) -> Iterator[Item]:
    """Yield the items of the top ``number`` percent of ``total``.

    ``ranked`` gives (EUR revenue, item) pairs in the answer's order. An item
    with revenue above 0 belongs to the answer when the revenue of the items
    before it is strictly less than ``number``% of ``total``: 100 yields every
    item with revenue above 0, 1 at least one, and the answer is the smallest
    prefix reaching ``number``%. Stops reading ``ranked`` at the cut.
    """
    percentile_number_check(number=number)
    # before * 100 >= total * number, kept as one running sum of revenue * 100.
    limit = EXACT.multiply(total, number)
    before = zero = Decimal(0)
    for revenue, item in ranked:
        if revenue <= zero or before >= limit:
            return
        yield item
        before = EXACT.add(before, EXACT.multiply(revenue, 100))


def exact_sum(values: Iterable[Decimal]) -> Decimal:
    total = Decimal(0)
    for value in values:
        total = EXACT.add(total, value)
    return total
