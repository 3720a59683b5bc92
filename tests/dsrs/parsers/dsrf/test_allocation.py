"""The allocation rule: cumulative rounding at 31 places adds up exactly."""

import random
from decimal import Decimal, localcontext

from dsrs.parsers.dsrf import RevenueAllocation

ULP = Decimal("1e-31")


def test_parts_add_up_and_stay_within_one_unit_of_the_exact_share():
    rng = random.Random(27)
    for _ in range(200):
        usages = [rng.choice([0, 1, 2, 7, rng.randrange(10**9)]) for _ in range(20)]
        revenue = Decimal(rng.randrange(10**18)).scaleb(-rng.randrange(0, 32))
        allocation = RevenueAllocation(revenue=revenue, usages=sum(usages))
        parts = [allocation.part(usages=u) for u in usages]
        with localcontext(prec=200):
            total = sum(parts, Decimal(0))
            assert total == revenue or sum(usages) == 0
            for part, count in zip(parts, usages, strict=True):
                assert part >= 0
                if sum(usages):
                    assert abs(part - revenue * count / sum(usages)) <= ULP
