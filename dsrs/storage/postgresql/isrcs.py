"""Usage lines found by the ISRC they report, through an index on PostgreSQL.

``usage_isrc_key`` is the SQL twin of ``common.identifiers.isrc_normalise``
on lines of printable ASCII: spaces and hyphens out, upper case. Any valid
ISRC such a line reports in some spelling has this key equal to its normal
form. A line with any other character (Unicode dashes and spaces, letters
whose upper case is ASCII) has no key: those few are read whole and left to
the rule. The same expression indexes every partition (migration 0014;
``Staging.usages_build`` builds it before the partition is attached).
"""


def usage_isrc_key(*, column: str = "isrc") -> str:
    """The key of ``column``: its normal form when it is valid, or NULL."""
    return (
        f"(CASE WHEN {column} ~ '[^ -~]' THEN NULL "
        f"ELSE upper(replace(replace({column}, ' ', ''), '-', '')) END)"
    )
