"""ISRC and ISWC: the one place that normalises and validates them.

ISRC (ISO 3901) is python-stdnum's; ISWC (ISO 15707) has no stdnum module, so
its check digit is computed here.
"""

import re
from operator import mul

from stdnum import isrc as _stdnum_isrc
from stdnum.exceptions import ValidationError

_ISWC_SHAPE = re.compile(r"T[0-9]{10}")
# Separators people and providers write inside identifiers.
_SEPARATORS = re.compile(r"[\s.\-_/]")
_WEIGHTS = range(1, 10)


def isrc_normalise(*, value: str) -> tuple[str, bool]:
    """Return the ISRC compacted and upper-cased, and whether it is valid.

    ``us-s1z-99-00001`` becomes ``USS1Z9900001``. An invalid ISRC comes back
    trimmed but otherwise as reported, so nothing is lost.
    """
    try:
        return _stdnum_isrc.validate(value), True
    except ValidationError:
        return value.strip(), False


def iswc_check_digit(*, digits: str) -> int:
    """The ISWC check digit c for nine digits d1..d9: 1 + Σ i·dᵢ + c ≡ 0 mod 10."""
    weighted = 1 + sum(map(mul, _WEIGHTS, map(int, digits)))
    return (10 - weighted % 10) % 10


def iswc_normalise(*, value: str) -> tuple[str, bool]:
    """Return the ISWC as ``T`` + ten digits, and whether its check digit holds.

    ``T-920.464.955-8`` and ``t9204649558`` both become ``T9204649558``. An
    invalid ISWC comes back trimmed but otherwise as reported.
    """
    compact = _SEPARATORS.sub("", value).upper()
    if _ISWC_SHAPE.fullmatch(compact) and iswc_check_digit(digits=compact[1:10]) == int(
        compact[10]
    ):
        return compact, True
    return value.strip(), False
