"""A JSON array file cut into parts, each read as a JSON array of its own.

No ORM. A cut is a comma followed by ``{`` found near each multiple of the
part size, found without reading what comes before it, so it may sit inside
a string or a nested value. Part 0 is the file up to the first cut closed by
``]``; part ``i`` is ``[``, the bytes between two cuts, ``]``; the last part
runs to the end of the file. When every part reads as a whole JSON array of
at least one item, each cut was a comma between two items of the top-level
array (inductively from the file's start: a cut inside a string or a nested
value leaves the part before it open, and an empty part hides a comma with
no item before it, as in ``[,{}]``), so the parts' items, in order, are the
file's items.
When a part does not read, the caller reads the whole file instead, which
says what is wrong with it. Cuts never split a UTF-8 character: a comma is
one byte that no multibyte character holds.
"""

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

# How far past a multiple of the part size a cut is looked for.
_CUT_WINDOW = 1 << 20
_CUT = re.compile(rb",\s*\{")


@dataclass(frozen=True)
class ArrayPart:
    """Bytes ``start`` to ``end`` (``None``: the end of the file) of ``path``,
    between ``head`` and ``tail``."""

    path: Path
    number: int
    start: int
    end: int | None
    head: bytes
    tail: bytes

    def open(self) -> io.BufferedReader:
        """The part as a binary stream of its own."""
        return io.BufferedReader(_PartRaw(self), buffer_size=1 << 16)


def json_array_parts(*, path: Path, part_bytes: int) -> list[ArrayPart]:
    """``path`` cut about every ``part_bytes``; one part when no cut is found."""
    size = os.path.getsize(path)
    cuts = []
    with open(path, "rb") as stream:
        for target in range(part_bytes, size, part_bytes):
            if cuts and target <= cuts[-1]:
                continue
            stream.seek(target)
            found = _CUT.search(stream.read(_CUT_WINDOW))
            if found is not None:
                cuts.append(target + found.start())
    if not cuts:
        return [ArrayPart(path, 0, 0, None, b"", b"")]
    starts = [0, *(cut + 1 for cut in cuts)]
    ends = [*cuts, None]
    return [
        ArrayPart(
            path,
            number,
            start,
            end,
            b"" if number == 0 else b"[",
            b"" if end is None else b"]",
        )
        for number, (start, end) in enumerate(zip(starts, ends, strict=True))
    ]


class _PartRaw(io.RawIOBase):
    def __init__(self, part: ArrayPart):
        self.file = open(part.path, "rb")  # noqa: SIM115 (closed with the stream)
        self.file.seek(part.start)
        self.left = None if part.end is None else part.end - part.start
        self.pending = [part.head]
        self.tail = part.tail

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self.pending and not self.pending[0]:
            self.pending.pop(0)
        if self.pending:
            chunk = self.pending[0][: len(buffer)]
            self.pending[0] = self.pending[0][len(chunk) :]
        else:
            wanted = len(buffer) if self.left is None else min(len(buffer), self.left)
            chunk = self.file.read(wanted)
            if self.left is not None:
                self.left -= len(chunk)
            if not chunk and self.tail:
                self.pending, self.tail = [self.tail], b""
                return self.readinto(buffer)
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def close(self) -> None:
        self.file.close()
        super().close()
