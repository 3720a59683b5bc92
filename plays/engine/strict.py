"""The values DuckDB reads too leniently, found with Python's csv module.

DuckDB would read ``1.5`` as 2 and an empty song as a song; the validation
counts such values, and only then does this find the first of them.
"""

import csv
from pathlib import Path

from plays.engine.errors import LINE_TOO_LONG, record_problem
from plays.engine.header import HEADER


def first_record_problem(
    *, source: Path, before: int | None, max_line_bytes: int
) -> str | None:
    """The first record DuckDB read but the rules refuse, before line ``before``."""
    # The csv module's one field limit (128 KiB unless set) is the line
    # limit while this reads: a song may be as long as its line.
    previous_limit = csv.field_size_limit(max_line_bytes)
    try:
        return _first_record_problem(source, before, max_line_bytes)
    finally:
        csv.field_size_limit(previous_limit)


def _first_record_problem(
    source: Path, before: int | None, max_line_bytes: int
) -> str | None:
    with source.open(encoding="utf-8-sig", errors="replace", newline="") as file:
        records = csv.reader(file)
        line = 1
        while True:
            try:
                record = next(records, None)
            except csv.Error:  # a quoted field over many lines, past the limit
                return LINE_TOO_LONG.format(line=line, limit=max_line_bytes)
            if record is None or (before is not None and line >= before):
                return None
            if line > 1 and len(record) == len(HEADER):
                problem = record_problem(line=line, record=record)
                if problem is not None:
                    return problem
            line += 1
