"""The medley rounding rule: parts are whole quanta and add up exactly."""

import random
from decimal import Context, Decimal, localcontext

import pytest

from recordings.rules.split import (
    AMOUNT_NOT_QUANTISED,
    QUANTUM,
    SHARES_NOT_POSITIVE,
    amount_split,
)

ONE = Decimal(1)


def test_equal_split_gives_leftover_quanta_to_the_first_iswcs():
    amount = Decimal(10) * QUANTUM
    parts = amount_split(amount=amount, shares=dict.fromkeys(["T3", "T1", "T2"], ONE))
    assert parts == {"T1": 4 * QUANTUM, "T2": 3 * QUANTUM, "T3": 3 * QUANTUM}


def test_one_work_takes_everything():
    assert amount_split(amount=Decimal("1.5"), shares={"T1": ONE}) == {
        "T1": Decimal("1.5")
    }


def test_shares_given_by_a_source_are_proportions():
    parts = amount_split(
        amount=Decimal(100), shares={"T1": Decimal("0.75"), "T2": Decimal("0.25")}
    )
    assert parts == {"T1": Decimal(75), "T2": Decimal(25)}


def test_no_works_no_parts():
    assert amount_split(amount=Decimal(1), shares={}) == {}


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match="shares must be above 0"):
        amount_split(amount=Decimal(1), shares={"T1": Decimal(0)})
    assert SHARES_NOT_POSITIVE.startswith("shares")
    with pytest.raises(ValueError, match="more places than the quantum"):
        amount_split(amount=QUANTUM / 10, shares={"T1": ONE})
    assert "quantum" in AMOUNT_NOT_QUANTISED


@pytest.mark.parametrize("seed", range(200))
def test_parts_add_up_exactly_and_differ_by_at_most_one_quantum(seed):
    with localcontext(Context(prec=200)):
        _check_random_split(seed)


def _check_random_split(seed):
    rng = random.Random(seed)
    amount = Decimal(rng.randrange(0, 10**40)) * QUANTUM
    works = [f"T{n}" for n in range(rng.randrange(1, 8))]
    parts = amount_split(amount=amount, shares=dict.fromkeys(works, ONE))
    assert sum(parts.values(), Decimal(0)) == amount
    assert max(parts.values()) - min(parts.values()) <= QUANTUM
    weighted = amount_split(
        amount=amount,
        shares={w: Decimal(rng.randrange(1, 10**6)) / 10**6 for w in works},
    )
    assert sum(weighted.values(), Decimal(0)) == amount
    assert all(p % QUANTUM == 0 for p in weighted.values())
