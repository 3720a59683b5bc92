"""SQLite's spellings for loading crawls."""

import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from common.db import rows_insert

# SQLite's scalar MIN and MAX take two arguments or more.
LEAST, GREATEST = "MIN", "MAX"
# SQLite compares texts byte by byte anyway.
BYTEWISE = "COLLATE BINARY"
# Django's ``JSONField`` stores JSON as text on SQLite.
JSON_COLUMN = "text"


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


def part_rows_write(stream: BinaryIO, *, rows: list[tuple]) -> None:
    """Rows of a part, appended to its file as one pickled batch."""
    pickle.dump(rows, stream, protocol=pickle.HIGHEST_PROTOCOL)


def part_rows_load(cursor, *, path: Path, table: str, columns: Sequence[str]) -> None:
    """A part's file (``part_rows_write``) into ``table``, batch by batch."""
    with open(path, "rb") as stream:
        while True:
            try:
                rows = pickle.load(stream)  # this import's own file
            except EOFError:
                return
            rows_insert(cursor, table=table, columns=columns, rows=rows)
