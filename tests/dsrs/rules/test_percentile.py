"""The cut of the top-percentile rule, without a database."""

from decimal import Decimal

import pytest

from dsrs.rules.percentile import EXACT, NUMBER_RANGE, percentile_cut


def cut(revenues: list[str], number: int) -> list[int]:
    """Indexes of the answer for revenues already in the answer's order."""
    values = [Decimal(r) for r in revenues]
    total = Decimal(0)
    for value in values:
        total = EXACT.add(total, value)
    ranked = ((value, index) for index, value in enumerate(values))
    return list(percentile_cut(ranked=ranked, total=total, number=number))


def test_four_equal_resources_at_25_is_exactly_one():
    # The revenue before the second is exactly 25 %: "strictly less" stops it.
    assert cut(["1", "1", "1", "1"], 25) == [0]
    assert cut(["1", "1", "1", "1"], 26) == [0, 1]


@pytest.mark.parametrize("number", range(1, 101))
def test_ten_tenths_give_one_resource_per_started_ten_percent(number):
    # 0.1 has no float value: the rule must hold on exact decimals.
    assert len(cut(["0.1"] * 10, number)) == -(-number // 10)


def test_one_hundred_is_every_resource_above_zero():
    revenues = ["1000000000000000", "0.5", "2.220446049250313E-16", "0", "0"]
    assert cut(revenues, 100) == [0, 1, 2]


def test_one_is_at_least_the_first():
    assert cut(["1000", "1"], 1) == [0]


def test_sums_do_not_round_at_28_digits():
    # With the default context, 1e15 + 1e-16 would round back to 1e15 and the
    # third item would look like it starts at exactly 50 %.
    revenues = ["1000000000000000", "0.0000000000000001", "1000000000000000"]
    assert cut(revenues, 50) == [0, 1]


def test_total_zero_is_empty():
    assert cut(["0", "0"], 100) == []


def test_reading_stops_at_the_cut():
    read = []

    def ranked():
        for index in range(1000):
            read.append(index)
            yield Decimal(1), index

    answer = list(percentile_cut(ranked=ranked(), total=Decimal(1000), number=1))
    assert answer == list(range(10))
    assert len(read) == 11


@pytest.mark.parametrize("number", [0, 101, -1])
def test_number_out_of_range(number):
    with pytest.raises(ValueError, match=NUMBER_RANGE.format(number=number)):
        list(percentile_cut(ranked=[], total=Decimal(1), number=number))
