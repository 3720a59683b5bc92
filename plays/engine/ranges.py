"""A play file cut into byte ranges at record ends, for parts run apart (no ORM).

A cut falls just after a ``\\n`` that ends a record: one outside quotes. In
RFC 4180 a line break is inside a quoted field exactly when an odd number of
``"`` precede it (an escaped quote is two), so counting quotes is enough,
one ``bytes.count`` per piece. The first range holds the header and at least
one record; no range is empty; together they cover the file exactly.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

PIECE_BYTES = 1 << 20


@dataclass(frozen=True)
class ByteRange:
    """Bytes ``start`` to ``end`` (excluded) of the file."""

    start: int
    end: int


@dataclass(frozen=True)
class LinesBefore:
    """Line ends before an offset: every ``\\n`` (physical) and the records'."""

    physical: int
    records: int


def byte_ranges_cut(
    *, source: Path, parts: int, piece_bytes: int = PIECE_BYTES
) -> list[ByteRange]:
    """At most ``parts`` ranges of about equal size, each cut after a record."""
    size = source.stat().st_size
    with source.open("rb") as file:
        header_end = file.readline()
        if not header_end.endswith(b"\n"):
            return [ByteRange(0, size)]
        # After the header's line end: the first range holds a record.
        lowest = len(header_end)
        targets = [max(size * k // parts, lowest) for k in range(1, parts)]
        file.seek(0)
        cuts = [0, *_record_ends(file, targets, piece_bytes)]
    cuts = [cut for cut in cuts if cut < size]
    return [ByteRange(a, b) for a, b in zip(cuts, [*cuts[1:], size], strict=True)]


def _record_ends(file: BinaryIO, targets: list[int], piece_bytes: int) -> Iterator[int]:
    """Per target, the offset after the first record end at or past it."""
    pending = iter(targets)
    target = next(pending, None)
    offset, quoted = 0, False  # quoted: an odd number of '"' read so far
    while target is not None and (piece := file.read(piece_bytes)):
        position = 0
        while target is not None and (start := max(target - offset, position)) < len(
            piece
        ):
            newline = piece.find(b"\n", start)
            if newline < 0:
                break
            quoted ^= bool(piece.count(b'"', position, newline) & 1)
            position = newline + 1
            if not quoted:
                yield offset + position
                target = next(pending, None)
        quoted ^= bool(piece.count(b'"', position) & 1)
        offset += len(piece)


def lines_before(
    *, source: Path, offset: int, piece_bytes: int = PIECE_BYTES
) -> LinesBefore:
    """The line ends in the file's first ``offset`` bytes: a cut, never in quotes.

    Run only to name the line of an error found in a part: it reads the file
    up to the part.
    """
    physical = records = 0
    quoted = False
    with source.open("rb") as file:
        while offset > 0 and (piece := file.read(min(piece_bytes, offset))):
            offset -= len(piece)
            physical += piece.count(b"\n")
            # Between quotes alternate the outside and the inside of a field.
            spans = piece.split(b'"')
            outside = spans[1::2] if quoted else spans[0::2]
            records += b"".join(outside).count(b"\n")
            quoted ^= bool((len(spans) - 1) & 1)
    return LinesBefore(physical=physical, records=records)
