"""Numbers and money as every app's pages show them, in the active locale.

One number format (grouped) and one money format (grouped, two decimals,
the currency code after it) for the admin of every app and the home page.
"""

from decimal import ROUND_HALF_EVEN, Context, Decimal

from django.utils import formats

NONE = "\N{EN DASH}"
_CENTS = Decimal("0.01")
# Enough digits for any stored amount: rounding to cents never loses the rest.
_ROUNDING = Context(prec=60, rounding=ROUND_HALF_EVEN)


def count_format(value: int | None) -> str:
    if value is None:
        return NONE
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def amount_format(value: Decimal | None, currency: str = "") -> str:
    """Rounded half-even to cents, grouped, with the currency code after it."""
    if value is None:
        return NONE
    text = formats.number_format(
        _ROUNDING.quantize(value, _CENTS), 2, use_l10n=True, force_grouping=True
    )
    return f"{text} {currency}" if currency else text
