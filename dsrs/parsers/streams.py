"""Reading a DSR's bytes line by line, gzipped or not. No ORM."""

import gzip
import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

_GZIP_MAGIC = b"\x1f\x8b"
_READ_BYTES = 1 << 16


def dsr_open(path: Path) -> BinaryIO:
    """Open a DSR for reading bytes, decompressing when its bytes are gzip."""
    raw = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    if raw.peek(2)[:2] == _GZIP_MAGIC:
        gzipped = gzip.GzipFile(fileobj=raw, mode="rb")
        return io.BufferedReader(_Decompressed(gzipped), buffer_size=_READ_BYTES)
    return raw


class _Decompressed(io.RawIOBase):
    """A gzip stream's bytes as they are decompressed.

    ``GzipFile.readline`` runs Python code for every line; a buffer over this
    reads lines in C. Each read hands over what was decompressed so far, so a
    corrupt or truncated stream fails on the line it breaks, as before.
    """

    def __init__(self, stream: gzip.GzipFile):
        self.stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.stream.read1(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.stream.close()
        super().close()


def lines_bounded(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Yield the lines of ``stream``; ``None`` for one longer than ``limit`` bytes.

    A long line is read on in chunks and dropped: memory stays within the
    limit whatever the file holds.
    """
    while raw := stream.readline(limit + 1):
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield raw
            continue
        while (rest := stream.readline(1 << 16)) and not rest.endswith(b"\n"):
            pass
        yield None
