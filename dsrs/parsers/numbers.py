"""The number grammar of DSR rows: usages and revenue. No ORM."""

import re
from decimal import Decimal

# Revenue is stored exactly: the delivered files need 16 integer digits and
# 31 fraction digits (2.220446049250313e-16 written out).
REVENUE_INTEGER_DIGITS = 16
REVENUE_DECIMAL_PLACES = 31
REVENUE_MAX_DIGITS = REVENUE_INTEGER_DIGITS + REVENUE_DECIMAL_PLACES
USAGES_MAX = 2**63 - 1

ROW_NOT_WHOLE = "not a whole number"
ROW_NOT_NUMBER = "not a number"
ROW_NEGATIVE = "negative"
ROW_USAGES_LARGE = f"larger than {USAGES_MAX}"
ROW_REVENUE_INTEGER_DIGITS = f"more than {REVENUE_INTEGER_DIGITS} integer digits"
ROW_REVENUE_DECIMAL_PLACES = f"more than {REVENUE_DECIMAL_PLACES} decimal places"

# The number grammar, for both columns: ASCII digits; an optional minus sign
# (a negative value other than zero is then rejected as negative); revenue
# may have one dot with digits on both sides and an exponent. Not "+5", ".5",
# "5.", "1_000" nor other scripts' digits.
_WHOLE = re.compile(r"-?[0-9]+")
_PLAIN_DECIMAL = re.compile(r"([0-9]+)(?:\.([0-9]+))?")
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


class FieldRejected(Exception):
    """A field breaks its rule; the line is set aside with this reason."""

    def __init__(self, field: str, value: str, reason: str):
        self.field, self.value, self.reason = field, value, reason


def revenue_parse(value: str) -> str:
    """Return ``value`` as exact fixed-notation decimal text, or raise."""
    match = _PLAIN_DECIMAL.fullmatch(value)
    if match:
        integer, fraction = match.group(1), match.group(2) or ""
        if len(integer.lstrip("0")) > REVENUE_INTEGER_DIGITS:
            raise FieldRejected("revenue", value, ROW_REVENUE_INTEGER_DIGITS)
        if len(fraction.rstrip("0")) > REVENUE_DECIMAL_PLACES:
            raise FieldRejected("revenue", value, ROW_REVENUE_DECIMAL_PLACES)
        return value
    if not _DECIMAL.fullmatch(value):
        raise FieldRejected("revenue", value, ROW_NOT_NUMBER)
    number = Decimal(value)
    if number < 0:
        raise FieldRejected("revenue", value, ROW_NEGATIVE)
    if number and number.adjusted() >= REVENUE_INTEGER_DIGITS:
        raise FieldRejected("revenue", value, ROW_REVENUE_INTEGER_DIGITS)
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > REVENUE_DECIMAL_PLACES:
        raise FieldRejected("revenue", value, ROW_REVENUE_DECIMAL_PLACES)
    return format(abs(number), "f")


def usages_parse(value: str) -> int:
    """Return ``value`` as a non-negative count, or raise ``FieldRejected``."""
    if not _WHOLE.fullmatch(value):
        raise FieldRejected("usages", value, ROW_NOT_WHOLE)
    number = int(value)
    if number < 0:
        raise FieldRejected("usages", value, ROW_NEGATIVE)
    if number > USAGES_MAX:
        raise FieldRejected("usages", value, ROW_USAGES_LARGE)
    return number
