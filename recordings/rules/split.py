"""How a recording's revenue is split between the works it is linked to.

The rounding rule: every part is a whole number of ``QUANTUM`` (10⁻³¹ EUR,
the places the DSR amounts are kept to). Each work first gets its exact
share rounded down to the quantum; the quanta left over (fewer than the
number of works) go one each to the works with the largest remainders, ties
by ISWC ascending. So the parts always add up exactly to the amount, a split
into equal shares differs by at most one quantum between works, and the same
inputs always give the same parts.
"""

from collections.abc import Mapping
from decimal import ROUND_FLOOR, Context, Decimal

QUANTUM = Decimal(1).scaleb(-31)
_EXACT = Context(prec=200)

SHARES_NOT_POSITIVE = "shares must be above 0, got {shares}"
AMOUNT_NOT_QUANTISED = "the amount {amount} has more places than the quantum"


def amount_split(
    *, amount: Decimal, shares: Mapping[str, Decimal]
) -> dict[str, Decimal]:
    """``amount`` split between the keys (ISWCs) in proportion to ``shares``.

    Equal shares (all 1) split equally. The parts sum exactly to ``amount``.
    """
    if not shares:
        return {}
    if any(share <= 0 for share in shares.values()):
        raise ValueError(SHARES_NOT_POSITIVE.format(shares=dict(shares)))
    units = _EXACT.divide(amount, QUANTUM)
    if units != units.to_integral_value():
        raise ValueError(AMOUNT_NOT_QUANTISED.format(amount=amount))
    total = _EXACT.add(sum(shares.values(), Decimal(0)), 0)
    exact = {
        key: _EXACT.divide(_EXACT.multiply(units, share), total)
        for key, share in shares.items()
    }
    floors = {key: value.to_integral_value(ROUND_FLOOR) for key, value in exact.items()}
    left = int(units - sum(floors.values()))
    by_remainder = sorted(exact, key=lambda key: (-(exact[key] - floors[key]), key))
    for key in by_remainder[:left]:
        floors[key] += 1
    return {key: _EXACT.multiply(floors[key], QUANTUM) for key in shares}
