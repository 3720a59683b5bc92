"""PostgreSQL's spellings for loading crawls."""

LEAST, GREATEST = "LEAST", "GREATEST"


def crawls_lock(cursor) -> None:
    """One crawl load at a time, until its transaction ends.

    A load reads the stored crawls of its playlists, then adds to them: two
    at once each missed the other's new crawl and split one crawl in two,
    or both created it and the second failed on the unique ``taken_at``.
    Taken before the first write of the load (channels, playlists, videos),
    so loads never hold rows another waits for. Readers are not blocked.
    """
    cursor.execute("LOCK TABLE playlists_playlistsnapshot IN SHARE ROW EXCLUSIVE MODE")


def stage_tune(cursor) -> None:
    """Room in memory for the sorts and hashes over a file's staged records."""
    cursor.execute("SET LOCAL work_mem = '128MB'")


def moment_from_us(expression: str) -> str:
    """``expression`` (microseconds since the epoch) as a timestamp, exactly."""
    return f"TIMESTAMPTZ 'epoch' + {expression} * INTERVAL '1 microsecond'"
