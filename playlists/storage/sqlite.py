"""SQLite's spellings for loading crawls."""

# SQLite's scalar MIN and MAX take two arguments or more.
LEAST, GREATEST = "MIN", "MAX"


def crawls_lock(cursor) -> None:
    """SQLite has one writer anyway."""


def stage_tune(cursor) -> None:
    """Nothing to tune."""


def moment_from_us(expression: str) -> str:
    """``expression`` (microseconds since the epoch) as Django's SQLite text
    form of a timestamp, "YYYY-MM-DD HH:MM:SS.ffffff" in UTC, exactly.

    Percent signs are doubled: the statement runs with parameters.
    """
    return (
        f"printf('%%s.%%06d', datetime({expression} / 1000000, 'unixepoch'), "
        f"{expression} %% 1000000)"
    )
