"""The header row, checked before DuckDB reads the file with declared types."""

import csv
import io
from pathlib import Path

from plays.engine.errors import EMPTY_FILE, NOT_UTF8, WRONG_HEADER, PlayFileError

HEADER = ("Song", "Date", "Number of Plays")
OUTPUT_HEADER = ("Song", "Date", "Total Number of Plays for Date")
# Enough of the file's head to hold the header and estimate the row length.
SAMPLE_BYTES = 1 << 20


def header_check(*, source: Path) -> float:
    """Fail unless the first record is exactly ``HEADER``.

    Returns the mean length in bytes of the lines in the file's first MiB,
    which turns DuckDB's progress through the bytes into a row estimate.
    """
    with source.open("rb") as file:
        sample = file.read(SAMPLE_BYTES)
    if not sample.strip():
        raise PlayFileError(EMPTY_FILE)
    first_line = sample.split(b"\n", 1)[0]
    try:
        text = first_line.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlayFileError(NOT_UTF8.format(line=1)) from None
    found = next(csv.reader(io.StringIO(text.rstrip("\r"))), [])
    if tuple(found) != HEADER:
        raise PlayFileError(
            WRONG_HEADER.format(found=",".join(found), expected=",".join(HEADER))
        )
    return len(sample) / max(sample.count(b"\n"), 1)
