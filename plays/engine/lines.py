"""The longest line of a play file, found before DuckDB reads it (no ORM).

DuckDB mishandles a line longer than its read buffer: an unquoted 100 MB line
was dropped without a word (or ended the job on an internal error), a quoted
one was reported as an unterminated quote. One pass over the bytes, in pieces
of the limit's size, finds the first line past ``PLAYS_MAX_LINE_BYTES``: a
line within one piece is shorter than the limit, so only the lines that cross
a piece's end need measuring.
"""

from pathlib import Path

from plays.engine.errors import LINE_TOO_LONG, PlayFileError

_SMALLEST_PIECE = 1 << 16


def lines_check(*, source: Path, max_line_bytes: int) -> None:
    """Fail naming the first line longer than ``max_line_bytes`` (its end
    of line not counted)."""
    piece_size = max(max_line_bytes, _SMALLEST_PIECE)
    line, line_start, offset = 1, 0, 0
    with source.open("rb") as file:
        while piece := file.read(piece_size):
            first = piece.find(b"\n")
            if first < 0:
                if offset + len(piece) - line_start > max_line_bytes:
                    _fail(line, max_line_bytes)
            else:
                if offset + first - line_start > max_line_bytes:
                    _fail(line, max_line_bytes)
                last = piece.rfind(b"\n")
                if piece_size > max_line_bytes:
                    _inside_check(piece[first + 1 : last], line + 1, max_line_bytes)
                line += piece.count(b"\n")
                line_start = offset + last + 1
            offset += len(piece)
    if offset - line_start > max_line_bytes:
        _fail(line, max_line_bytes)


def _inside_check(lines: bytes, first_line: int, limit: int) -> None:
    """The whole lines of one piece; they can pass only a limit smaller than
    the piece (64 KiB at least), so this runs only then."""
    for number, text in enumerate(lines.split(b"\n"), start=first_line):
        if len(text) > limit:
            _fail(number, limit)


def _fail(line: int, limit: int) -> None:
    raise PlayFileError(LINE_TOO_LONG.format(line=line, limit=limit), physical=True)
