"""A DSR's data lines as whole-line chunks that ``COPY`` reads uninterpreted.

The lines go into one text column with ``COPY ... (FORMAT csv)``, with the
delimiter and quote set to control bytes: CSV mode interprets no backslash
escape, so the only bytes that could change what is stored are checked
here, on whole chunks at C speed (``in``, ``find``, ``decode``). If one
occurs, the stream ends early and ``refused`` says why: the caller reads the
file the Python way instead, whose answer for those lines is then the one
stored. On the same chunks, ``linerule``'s pattern finds the lines the SQL
must leave to the parser.
"""

import re
import zlib
from array import array
from typing import BinaryIO

DELIMITER = b"\x01"
QUOTE = b"\x02"
CHUNK_BYTES = 1 << 20

# Why a file cannot go through COPY as it is.
REFUSED_LONG_LINE = "a line is longer than the line limit"
REFUSED_BYTES = "a NUL, delimiter or quote byte"
REFUSED_ENCODING = "not valid UTF-8"
REFUSED_CARRIAGE_RETURN = "a carriage return not ending a line"
REFUSED_END_MARKER = "a line that reads as COPY's end-of-data marker"
REFUSED_READ = "the file could not be read to its end"

_END_MARKER = b"\\."


class LineChunks:
    """A file-like ``read`` over ``stream`` (positioned after the header).

    Every chunk but the last ends with a newline, so a stream cut short by
    a refusal ends between lines. ``\\r\\n`` endings become ``\\n``: the
    parser strips them anyway. ``leftovers`` are the numbers of the lines
    ``leftover`` matches (the header is line 1).
    """

    def __init__(
        self, stream: BinaryIO, *, max_line_bytes: int, leftover: re.Pattern[str]
    ):
        self.stream = stream
        self.limit = max_line_bytes
        self.leftover = leftover
        self.leftovers = array("i")
        self.lines = 1
        # Lines inside one read are shorter than the read: only the line
        # spanning reads needs its length counted.
        self.read_bytes = min(CHUNK_BYTES, max_line_bytes + 1)
        self.tail = b""
        self.refused = ""
        self.done = False

    def read(self, size: int = -1) -> bytes:
        while not self.done:
            chunk = self._chunk()
            if chunk:
                return chunk
        return b""

    def _chunk(self) -> bytes:
        try:
            block = self.stream.read(self.read_bytes)
        except (EOFError, OSError, zlib.error):
            return self._refuse(REFUSED_READ)
        if not block:
            self.done = True
            if len(self.tail) > self.limit:
                return self._refuse(REFUSED_LONG_LINE)
            chunk, self.tail = self.tail, b""
            return self._checked(chunk, last=True)
        first = block.find(b"\n")
        if first < 0:
            self.tail += block
            return (
                self._refuse(REFUSED_LONG_LINE) if len(self.tail) > self.limit else b""
            )
        if len(self.tail) + first > self.limit:
            return self._refuse(REFUSED_LONG_LINE)
        end = block.rfind(b"\n") + 1
        chunk, self.tail = self.tail + block[:end], block[end:]
        if len(self.tail) > self.limit:
            return self._refuse(REFUSED_LONG_LINE)
        return self._checked(chunk, last=False)

    def _checked(self, chunk: bytes, *, last: bool) -> bytes:
        if not chunk:
            return chunk
        if b"\x00" in chunk or DELIMITER in chunk or QUOTE in chunk:
            return self._refuse(REFUSED_BYTES)
        if b"\r" in chunk:
            chunk = chunk.replace(b"\r\n", b"\n")
            if b"\r" in chunk:
                return self._refuse(REFUSED_CARRIAGE_RETURN)
        if _end_marker_in(chunk, last=last):
            return self._refuse(REFUSED_END_MARKER)
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError:
            return self._refuse(REFUSED_ENCODING)
        self._leftovers_find(text)
        return chunk

    def _leftovers_find(self, text: str) -> None:
        end = len(text) - text.endswith("\n")  # no line starts after the last
        seen, line = 0, self.lines + 1
        for match in self.leftover.finditer(text, 0, end):
            line += text.count("\n", seen, match.start())
            seen = match.start()
            self.leftovers.append(line)
        self.lines += text.count("\n") + (not text.endswith("\n"))

    def _refuse(self, reason: str) -> bytes:
        self.refused, self.done = reason, True
        return b""


def _end_marker_in(chunk: bytes, *, last: bool) -> bool:
    """``\\.`` alone on a line ends COPY's data, whatever follows it."""
    marker = _END_MARKER + b"\n"
    if chunk.startswith(marker) or b"\n" + marker in chunk:
        return True
    return last and (chunk == _END_MARKER or chunk.endswith(b"\n" + _END_MARKER))
