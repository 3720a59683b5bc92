"""The samples' revenue computed from the files alone, without the importer."""

import csv
import gzip
from decimal import ROUND_HALF_EVEN, Context, Decimal
from pathlib import Path

EXACT = Context(prec=100, rounding=ROUND_HALF_EVEN)


def file_revenue(path: Path) -> Decimal:
    """The sum of the revenue column of a DSR file, exactly."""
    total = Decimal(0)
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            total = EXACT.add(total, Decimal(row["revenue"] or "0"))
    return total


def exact_sum(amounts) -> Decimal:
    total = Decimal(0)
    for amount in amounts:
        total = EXACT.add(total, amount)
    return total


def eur(amount: Decimal, rate: Decimal) -> Decimal:
    return EXACT.divide(amount, rate)


def cents(amount: Decimal) -> str:
    """As the admin shows it in English: grouped, two decimals, half-even."""
    return f"{EXACT.quantize(amount, Decimal('0.01')):,.2f}"
