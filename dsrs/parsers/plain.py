"""The plain DSR line, read by one regular expression. No ORM.

Nearly every line of a delivered file is plain: the right number of fields,
no whitespace around a value, usages and revenue as plain digits within
their limits, a compact ISRC of a known country, nothing empty that would be
counted as a warning. One match reads such a line into the values the
general rules (``dsrs.parsers.rows``) would give it; any other line is left
to them, so errors and warnings are theirs alone.
"""

import functools
import re
from collections.abc import Callable
from operator import itemgetter

from common.identifiers import isrc_normalise
from dsrs.parsers.numbers import (
    REVENUE_DECIMAL_PLACES,
    REVENUE_INTEGER_DIGITS,
    USAGES_MAX,
)

# The shape of an ISRC written compact (ISO 3901), as python-stdnum checks it.
COMPACT_ISRC = "[A-Z]{2}[A-Z0-9]{3}[0-9]{7}"
_COMPACT_ISRC = re.compile(COMPACT_ISRC)

# A value with no whitespace around it (``str.strip`` and ``\s`` agree on
# what whitespace is), without tabs or NUL characters.
_EDGE = r"[^\t\x00\s]"
_TEXT = rf"((?:{_EDGE}(?:[^\t\x00]*{_EDGE})?)?)"
# Fewer digits than USAGES_MAX has: never larger than it.
_USAGES = rf"([0-9]{{1,{len(str(USAGES_MAX)) - 1}}})"
_REVENUE = (
    rf"([0-9]{{1,{REVENUE_INTEGER_DIGITS}}}"
    rf"(?:\.[0-9]{{1,{REVENUE_DECIMAL_PLACES}}})?)"
)
_OTHER = r"[^\t\x00]*"
# readline keeps the line end; the general rules strip "\r" and "\n".
_LINE_END = r"[\r\n]*"

PlainLine = tuple[str, str, str, str, int, str]
_FIELDS = ("dsp_id", "title", "artists", "isrc", "usages", "revenue")


def plain_line_reader(
    *,
    columns: dict[str, int],
    width: int,
    max_field_chars: int,
    max_dsp_id_chars: int,
) -> Callable[[bytes | None], PlainLine | None]:
    """A reader of the plain lines of a file with these ``columns`` of ``width``.

    It returns a plain line's (dsp_id, title, artists, isrc, usages,
    revenue), as ``ParsedRow`` holds them, and None for any other line.
    """
    if "isrc" not in columns:  # every row would warn of an empty ISRC
        return lambda raw: None
    patterns = {
        "dsp_id": rf"({_EDGE}(?:[^\t\x00]{{0,{max_dsp_id_chars - 2}}}{_EDGE})?)",
        "title": _TEXT,
        "artists": _TEXT,
        "isrc": f"({COMPACT_ISRC})",
        "usages": _USAGES,
        "revenue": _REVENUE,
    }
    # Columns may be in any order, unnamed or unknown.
    named = {index: name for name, index in columns.items()}
    order = [named.get(index, "") for index in range(width)]
    fullmatch = re.compile(
        "\t".join(patterns.get(name, _OTHER) for name in order) + _LINE_END
    ).fullmatch
    captured = [name for name in order if name in patterns]
    # An absent title or artists column reads as "": the index past the groups.
    values = itemgetter(
        *(captured.index(n) if n in captured else len(captured) for n in _FIELDS)
    )
    absent = ("",)

    def read(raw: bytes | None) -> PlainLine | None:
        # A line no longer than the field limit holds no field longer.
        if raw is None or len(raw) > max_field_chars:
            return None
        try:
            match = fullmatch(raw.decode())
        except UnicodeDecodeError:
            return None
        if match is None:
            return None
        dsp_id, title, artists, isrc, usages, revenue = values(match.groups() + absent)
        if not isrc_country_valid(isrc[:2]):
            return None
        return dsp_id, title, artists, isrc, int(usages), revenue

    return read


def isrc_read(reported: str) -> tuple[str, bool]:
    """``common.identifiers.isrc_normalise``, quicker on compact ISRCs.

    Most files report ISRCs compact and upper-case already: for those only
    the country code is left to decide, and the shared rule decides it once
    per country. Anything else goes through the shared rule whole.
    """
    if _COMPACT_ISRC.fullmatch(reported):
        return reported, isrc_country_valid(reported[:2])
    return isrc_normalise(value=reported)


@functools.cache
def isrc_country_valid(country: str) -> bool:
    return isrc_normalise(value=f"{country}AAA0000000")[1]
