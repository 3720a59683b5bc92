"""Usage lines found by the ISRC they report, on SQLite (no index needed).

The twin of ``dsrs.storage.postgresql.isrcs``, in SQLite's functions: on
lines of printable ASCII, spaces and hyphens out, upper case; NULL on others.
"""


def usage_isrc_key(*, column: str = "isrc") -> str:
    """The key of ``column``: its normal form when it is valid, or NULL."""
    return (
        f"(CASE WHEN {column} GLOB '*[^ -~]*' THEN NULL "
        f"ELSE upper(replace(replace({column}, ' ', ''), '-', '')) END)"
    )
