"""What is wrong with a play file, in the user's words: line, column, value.

Lines count records from 1 (the header), as DuckDB's rejects table does: a
song name with a quoted line break stays on one line. Only the line-length
pass, which runs first, counts physical lines. Every message that names a
line starts with it (``line 4, ...``), so a part of a file can report the
line in the whole file.
"""

import csv
import io
import re

EMPTY_FILE = "the file is empty: expected the header row Song,Date,Number of Plays"
WRONG_HEADER = "line 1: the header row is {found!r}, expected {expected!r}"
NOT_UTF8 = "line {line}: not valid UTF-8"
FIELD_COUNT = "line {line}: {found} fields, expected 3 (Song,Date,Number of Plays)"
EMPTY_SONG = "line {line}, Song: '' is empty"
BAD_DATE = "line {line}, Date: {value!r} is not a date (YYYY-MM-DD)"
NOT_WHOLE = "line {line}, Number of Plays: {value!r} is not a whole number"
NEGATIVE = "line {line}, Number of Plays: {value!r} is negative"
TOO_LARGE = "line {line}, Number of Plays: {value!r} is larger than {maximum}"
UNREADABLE = "line {line}: {reason}"
LINE_TOO_LONG = "line {line}: longer than {limit:,} bytes (PLAYS_MAX_LINE_BYTES)"
# DuckDB's reject types of a record with the wrong number of fields: they
# come before any value check of the same line (1,000 fields with a bad
# second one is a field count error, not a date error).
FIELD_COUNT_ERRORS = ("TOO MANY COLUMNS", "MISSING COLUMNS")

# Each value fits DuckDB's UBIGINT; a sum of them is exact in HUGEINT (128 bits).
PLAYS_MAX = 2**64 - 1


LINE_FIRST = re.compile(r"line (\d+)")


class PlayFileError(Exception):
    """The file fails as a whole; ``message`` names the line, column and value.

    ``physical``: the line counts every line break, quoted ones too (the
    line-length pass); otherwise it counts records.
    """

    def __init__(self, message: str, *, physical: bool = False):
        super().__init__(message)
        self.message = message
        self.physical = physical

    @property
    def line(self) -> int | None:
        found = LINE_FIRST.match(self.message)
        return int(found[1]) if found else None

    def shifted(self, *, physical: int, records: int) -> "PlayFileError":
        """The same error, its line moved on by the lines of its kind."""
        line = self.line
        if line is None:
            return self
        moved = line + (physical if self.physical else records)
        message = LINE_FIRST.sub(f"line {moved}", self.message, count=1)
        return PlayFileError(message, physical=self.physical)


def first_error(errors: list[PlayFileError]) -> PlayFileError:
    """The error a whole-file run reports: the line-length pass runs first,
    then the first line wins."""
    return min(errors, key=lambda error: (not error.physical, error.line or 0))


def fields_split(*, csv_line: str) -> list[str]:
    """The fields of one record as DuckDB reported it (it keeps the line break)."""
    return next(csv.reader(io.StringIO(csv_line.lstrip("\r\n"))), [])


def plays_problem(*, line: int, value: str) -> str | None:
    """Why ``value`` is not a play count, or None when it is one."""
    if value.isascii() and value.isdigit():
        if int(value) > PLAYS_MAX:
            return TOO_LARGE.format(line=line, value=value, maximum=PLAYS_MAX)
        return None
    if value[:1] == "-" and value[1:].isascii() and value[1:].isdigit():
        return NEGATIVE.format(line=line, value=value)
    return NOT_WHOLE.format(line=line, value=value)


def record_problem(*, line: int, record: list[str]) -> str | None:
    """What the checks DuckDB does not make find wrong in a 3-field record."""
    song, _, plays = record
    if song == "":
        return EMPTY_SONG.format(line=line)
    return plays_problem(line=line, value=plays)


def reject_message(
    *,
    line: int,
    column: str | None,
    error_type: str,
    csv_line: str,
    reason: str,
    max_line_bytes: int,
) -> str:
    """A row from DuckDB's ``reject_errors`` table as a user-facing message."""
    if error_type == "LINE SIZE OVER MAXIMUM":
        return LINE_TOO_LONG.format(line=line, limit=max_line_bytes)
    if error_type in FIELD_COUNT_ERRORS:
        found = len(fields_split(csv_line=csv_line))
        return FIELD_COUNT.format(line=line, found=found)
    if error_type == "INVALID ENCODING":
        return NOT_UTF8.format(line=line)
    if error_type == "CAST" and column == "Date":
        fields = fields_split(csv_line=csv_line)
        return BAD_DATE.format(line=line, value=fields[1])
    return UNREADABLE.format(line=line, reason=reason)
