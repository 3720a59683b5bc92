"""Usage lines found by the ISRC they report, through an index on PostgreSQL.

``usage_isrc_key`` is the SQL twin of ``common.identifiers.isrc_normalise``
on lines of printable ASCII: spaces and hyphens out, upper case. Any valid
ISRC such a line reports in some spelling has this key equal to its normal
form. A line with any other character (Unicode dashes and spaces, letters
whose upper case is ASCII) has no key: those few are read whole and left to
the rule. The same expression indexes every partition (migration 0014;
``Staging.usages_build`` builds it before the partition is attached).

``usage_isrc_decided`` goes one step further, to the whole of
``dsrs.parsers.plain.isrc_read``: the normal form when valid, '' otherwise
(the per-ISRC sums of ``isrc_sums`` are grouped by it).
"""

import functools
import itertools
import string

from dsrs.parsers.plain import isrc_country_valid


def usage_isrc_key(*, column: str = "isrc") -> str:
    """The key of ``column``: its normal form when it is valid, or NULL."""
    return (
        f"(CASE WHEN {column} ~ '[^ -~]' THEN NULL "
        f"ELSE upper(replace(replace({column}, ' ', ''), '-', '')) END)"
    )


ISRC_SHAPE = "^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$"


@functools.cache
def isrc_countries_sql() -> str:
    """The country codes the rule accepts, as an SQL list, taken from the
    rule itself (``isrc_country_valid``) so that the two cannot drift."""
    codes = (a + b for a, b in itertools.product(string.ascii_uppercase, repeat=2))
    return ", ".join(f"'{code}'" for code in codes if isrc_country_valid(code))


def usage_isrc_decided(*, key: str, unicode_table: str | None = None) -> str:
    """The ISRC a line reports, as ``isrc_read`` decides it: its normal form
    when valid, '' otherwise. ``key`` is the line's ``usage_isrc_key``: on
    printable ASCII the shape and the country decide; a NULL key (a line with
    other characters) is looked up in ``unicode_table`` (``reported``,
    ``isrc``), filled by the rule in Python (``isrc_sums``)."""
    other = "''"
    if unicode_table:
        other = (
            f"COALESCE((SELECT m.isrc FROM {unicode_table} AS m "
            "WHERE m.reported = lines.reported), '')"
        )
    return (
        f"(CASE WHEN {key} IS NULL THEN {other} "
        f"WHEN {key} ~ '{ISRC_SHAPE}' AND left({key}, 2) IN ({isrc_countries_sql()}) "
        f"THEN {key} ELSE '' END)"
    )
