"""PostgreSQL's spellings for loading crawls."""

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from common.db.copy import copy_line

LEAST, GREATEST = "LEAST", "GREATEST"
# Texts compared byte by byte: cheaper than the database's collation.
BYTEWISE = 'COLLATE "C"'
# A JSON column as Django's ``JSONField`` stores it.
JSON_COLUMN = "jsonb"


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


def part_rows_write(stream: BinaryIO, *, rows: list[tuple]) -> None:
    """Rows of a part, appended to its file as COPY text."""
    stream.write("".join([copy_line(row) for row in rows]).encode())


def part_rows_load(cursor, *, path: Path, table: str, columns: Sequence[str]) -> None:
    """A part's file (``part_rows_write``) into ``table`` by one COPY."""
    with open(path, "rb") as stream:
        # The buffer size by position: with DEBUG on, Django's cursor wrapper
        # passes on positional arguments only.
        cursor.copy_expert(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN", stream, 1 << 20
        )
