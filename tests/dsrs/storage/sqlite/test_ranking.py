"""SQLite's exact EUR sums and their order-preserving keys, without a database."""

import random
from decimal import Decimal

from dsrs.storage.sqlite.ranking import EurSum, decimal_from_sort_key, decimal_sort_key


def test_sort_key_orders_like_the_numbers_and_gives_them_back():
    generator = random.Random(11)
    values = [
        Decimal(generator.randint(1, 10**12)).scaleb(generator.randint(-40, 20))
        for _ in range(2000)
    ] + [Decimal("1.2"), Decimal("1.25"), Decimal("12"), Decimal("1.20")]
    keys = [decimal_sort_key(value) for value in values]
    assert sorted(values, key=decimal_sort_key) == sorted(values)
    assert all(decimal_from_sort_key(k) == v for k, v in zip(keys, values, strict=True))
    assert decimal_sort_key(Decimal("1.20")) == decimal_sort_key(Decimal("1.2"))


def test_sqlite_sum_is_exact():
    total = EurSum()
    for _ in range(10):
        total.step("0.1", "1")
    total.step("0.0000000000000000000000000000001", "1")
    total.step("1000000000000000", "1")
    assert decimal_from_sort_key(total.finalize()) == Decimal(
        "1000000000000001.0000000000000000000000000000001"
    )


def test_sqlite_sum_of_zero_is_null():
    total = EurSum()
    total.step("0", "1.5")
    assert total.finalize() is None
