"""The conservative test: one regular expression per file, run at C speed.

A data line matches only if the Python parser would certainly read it as
the same row with no warning other than the four the SQL counts (empty
usages, empty revenue, empty ISRC, ISRC of an unknown country): the right
number of fields; no field starting or ending with whitespace (``\\s`` in a
str pattern is ``str.isspace``, what ``str.strip`` strips), so no field
needs stripping; a dsp_id of 1 to ``DSP_ID_MAX_LENGTH`` characters; title
and artists within the field limit; an empty or compact upper-case ISRC;
usages of at most 18 digits (any fit a bigint); revenue in plain notation
within the digits a revenue may have. Every other line is left over for the
parser: blank lines, exponents, minus signs, spaced or lower-case ISRCs,
anything out of bounds.
"""

import re

from dsrs.parsers import DSP_ID_MAX_LENGTH
from dsrs.parsers.numbers import REVENUE_DECIMAL_PLACES, REVENUE_INTEGER_DIGITS

ISRC_COMPACT_LENGTH = 12
_USAGES_DIGITS = 18


def _text(*, least: int, most: int) -> str:
    """Text of ``least`` to ``most`` characters, no whitespace at either end."""
    inner = rf"(?!\s)[^\t\n]{{1,{most}}}(?<!\s)"
    return inner if least else f"(?:{inner})?"


def line_leftover_pattern(*, columns: dict[str, int], width: int, max_field_chars: int):
    """A pattern whose matches in a chunk of lines are the lines left over."""
    isrc = r"[A-Z]{2}[A-Z0-9]{3}[0-9]{7}"
    revenue = (
        rf"0*[0-9]{{1,{REVENUE_INTEGER_DIGITS}}}"
        rf"(?:\.[0-9]{{1,{REVENUE_DECIMAL_PLACES}}}0*)?"
    )
    fields = {
        "dsp_id": _text(least=1, most=DSP_ID_MAX_LENGTH),
        "title": _text(least=0, most=max_field_chars),
        "artists": _text(least=0, most=max_field_chars),
        # Longer than the field limit, an ISRC is a row error.
        "isrc": f"(?:{isrc})?" if max_field_chars >= ISRC_COMPACT_LENGTH else "",
        "usages": f"[0-9]{{0,{_USAGES_DIGITS}}}",
        "revenue": f"(?:{revenue})?",
    }
    by_index = {index: fields.get(name, r"[^\t\n]*") for name, index in columns.items()}
    line = r"\t".join(by_index.get(index, r"[^\t\n]*") for index in range(width))
    return re.compile(rf"^(?!{line}$).*$", re.MULTILINE)
