"""LineChunks: what reaches COPY is the file's lines, or nothing and a reason."""

import io
import random
import re

import pytest

from dsrs.parsers.rows import lines_bounded
from dsrs.storage.postgresql import chunks
from dsrs.storage.postgresql.chunks import LineChunks

# Every line but "ok" is left over.
NOT_OK = re.compile(r"^(?!ok$).*$", re.MULTILINE)


def chunks_read(data: bytes, *, limit: int) -> LineChunks:
    return LineChunks(io.BytesIO(data), max_line_bytes=limit, leftover=NOT_OK)


def sent_all(reader: LineChunks) -> bytes:
    return b"".join(iter(lambda: reader.read(8192), b""))


def copied(data: bytes, *, limit: int) -> tuple[bytes, str]:
    reader = chunks_read(data, limit=limit)
    return sent_all(reader), reader.refused


def left_over(sent: bytes) -> list[int]:
    """The numbers of the lines not "ok", the header being line 1."""
    lines = sent.split(b"\n") if sent else []
    if sent.endswith(b"\n"):
        lines.pop()
    return [number for number, line in enumerate(lines, start=2) if line != b"ok"]


def expected(data: bytes, *, limit: int) -> bytes | None:
    """The same rule line by line: the lines, or ``None`` if refused.

    Long lines are the parser's own (``lines_bounded``).
    """
    if None in lines_bounded(io.BytesIO(data), limit):
        return None
    if any(byte in data for byte in (b"\x00", b"\x01", b"\x02")):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    sent = data.replace(b"\r\n", b"\n")
    if b"\r" in sent or b"\\." in sent.split(b"\n"):
        return None
    return sent


def test_random_files_match_the_line_by_line_rule(monkeypatch):
    """Reads smaller than lines, lines spanning reads, every awkward byte."""
    monkeypatch.setattr(chunks, "CHUNK_BYTES", 7)
    alphabet = [b"a", b"\t", b"\n", b"\r\n", b"\r", b"\\", b".", "é".encode(), b"\xff"]
    alphabet.append(b"\nok\n")
    weights = [40, 5, 8, 3, 1, 2, 2, 3, 1, 8]
    pick = random.Random(12)
    for _ in range(3000):
        data = b"".join(pick.choices(alphabet, weights, k=pick.randrange(40)))
        limit = pick.randrange(1, 12)
        reader = chunks_read(data, limit=limit)
        sent = sent_all(reader)
        want = expected(data, limit=limit)
        assert (sent if not reader.refused else None) == want, (data, limit)
        if not reader.refused:
            assert list(reader.leftovers) == left_over(sent), (data, limit)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"a\n0123456789A\nb\n", chunks.REFUSED_LONG_LINE),
        (b"a\n0123456789A", chunks.REFUSED_LONG_LINE),
        (b"a\x01b\n", chunks.REFUSED_BYTES),
        (b"a\x00b\n", chunks.REFUSED_BYTES),
        (b"caf\xe9\n", chunks.REFUSED_ENCODING),
        (b"a\rb\n", chunks.REFUSED_CARRIAGE_RETURN),
        (b"\\.\nb\n", chunks.REFUSED_END_MARKER),
        (b"a\n\\.\r\nb\n", chunks.REFUSED_END_MARKER),
        (b"a\n\\.", chunks.REFUSED_END_MARKER),
    ],
)
def test_refusals_say_why(data, reason):
    assert (
        copied(data, limit=10) == (b"", reason) or copied(data, limit=10)[1] == reason
    )


def test_a_line_of_exactly_the_limit_goes_through():
    """The parser counts a carriage return in the line, not the newline."""
    assert copied(b"012345678\r\n0123456789", limit=10) == (
        b"012345678\n0123456789",
        "",
    )


def test_a_read_error_refuses_the_file():
    class Broken(io.BytesIO):
        def read(self, size=-1):
            raise EOFError("Compressed file ended before the end-of-stream marker")

    assert copied(b"", limit=10)[1] == ""
    reader = LineChunks(Broken(b"a\n"), max_line_bytes=10, leftover=NOT_OK)
    assert (reader.read(), reader.refused) == (b"", chunks.REFUSED_READ)
