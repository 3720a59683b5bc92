"""Rates and periods as the DSR admin shows them, in the active locale.

Counts and money: ``common.formatting``, shared by every app.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import formats

from common.formatting import NONE

RANGE = "\N{EN DASH}"


def rate_format(value: Decimal | None) -> str:
    """A rate with the digits it has: 1, not 1.0000000000."""
    if value is None:
        return NONE
    exact = value.normalize()
    if exact.as_tuple().exponent > 0:
        exact = exact.quantize(Decimal(1))
    return formats.number_format(exact, use_l10n=True, force_grouping=True)


def period_format(start: date, end: date) -> str:
    """Short and unambiguous: ``Jan 2020``, ``Jan-Mar 2020``, ``1-28 Feb 2020``.

    (The dash is an en dash.)
    """
    if start.day == 1 and (end + timedelta(days=1)).day == 1:
        last = formats.date_format(end, "M Y")
        if (start.year, start.month) == (end.year, end.month):
            return last
        first = formats.date_format(start, "M" if start.year == end.year else "M Y")
        return f"{first}{RANGE}{last}"
    if (start.year, start.month) == (end.year, end.month):
        first = formats.date_format(start, "j")
    elif start.year == end.year:
        first = formats.date_format(start, "j M")
    else:
        first = formats.date_format(start, "j M Y")
    return f"{first}{RANGE}{formats.date_format(end, 'j M Y')}"
