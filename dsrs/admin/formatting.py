"""Numbers, money and periods as the admin shows them, in the active locale."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import formats

from dsrs.services.summaries import EXACT

NONE = "\N{EN DASH}"
RANGE = "\N{EN DASH}"
_CENTS = Decimal("0.01")


def count_format(value: int | None) -> str:
    if value is None:
        return NONE
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def amount_format(value: Decimal | None, currency: str = "") -> str:
    """Rounded half-even to cents, grouped, with the currency code after it."""
    if value is None:
        return NONE
    text = formats.number_format(
        EXACT.quantize(value, _CENTS), 2, use_l10n=True, force_grouping=True
    )
    return f"{text} {currency}" if currency else text


def rate_format(value: Decimal | None) -> str:
    """A rate with the digits it has: 1, not 1.0000000000."""
    if value is None:
        return NONE
    exact = value.normalize()
    if exact.as_tuple().exponent > 0:
        exact = exact.quantize(Decimal(1))
    return formats.number_format(exact, use_l10n=True, force_grouping=True)


def period_format(start: date, end: date) -> str:
    """Whole months as ``Jan 2020`` or ``Jan-Mar 2020`` (en dash), else two dates."""
    if start.day == 1 and (end + timedelta(days=1)).day == 1:
        last = formats.date_format(end, "M Y")
        if (start.year, start.month) == (end.year, end.month):
            return last
        first = formats.date_format(start, "M" if start.year == end.year else "M Y")
        return f"{first}{RANGE}{last}"
    short = "SHORT_DATE_FORMAT"
    return formats.date_format(start, short) + RANGE + formats.date_format(end, short)
