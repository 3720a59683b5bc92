"""PostgreSQL's spellings for loading crawls."""

LEAST, GREATEST = "LEAST", "GREATEST"


def stage_tune(cursor) -> None:
    """Room in memory for the sorts and hashes over a file's staged records."""
    cursor.execute("SET LOCAL work_mem = '128MB'")


def moment_from_us(expression: str) -> str:
    """``expression`` (microseconds since the epoch) as a timestamp, exactly."""
    return f"TIMESTAMPTZ 'epoch' + {expression} * INTERVAL '1 microsecond'"
