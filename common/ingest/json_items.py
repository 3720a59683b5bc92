"""The items of a top-level JSON array, read in bounded memory whatever their shape.

No ORM. ``ijson.items`` builds each event's prefix path, so memory grows with
the square of the nesting depth (a 200 KB file of 100,000 ``[`` took 23 GB),
and yajl reads an escaped lone surrogate (``"\\ud800"``) as ``?``, silently.
Here the events come from ``ijson.basic_parse`` (no paths), an item is built
only while it stays within ``max_depth`` and ``max_bytes``, and lone surrogate
escapes reach the parser as U+FFFF, a noncharacter no text holds, so that the
caller can set the item aside instead of storing a ``?``.
"""

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import ijson
from ijson.common import ObjectBuilder

NOT_TEXT_MARK = "\uffff"
TOO_DEEP = "nested more than {limit} levels deep ({setting}); not kept"
TOO_LARGE = "larger than {limit:,} characters ({setting}); not kept"

# Escapes, each consumed whole so that "\\ud800" (a backslash, then text) is
# not one: a surrogate pair (kept), a lone surrogate (marked), anything else.
_ESCAPE = re.compile(
    rb"\\(?:(u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(u[dD][89a-fA-F][0-9a-fA-F]{2})|.)",
    re.DOTALL,
)
_LONGEST_ESCAPE = 12
_READ_BYTES = 1 << 16


@dataclass(frozen=True)
class ItemLimits:
    """How deep one item may nest and how large it may be (the characters of
    its strings and keys, plus 8 per other value); the setting names go into
    the reasons."""

    max_depth: int
    max_bytes: int
    depth_setting: str = ""
    bytes_setting: str = ""


@dataclass(frozen=True)
class ItemTooBig:
    """An item past a limit: skipped without being built."""

    reason: str


class _SurrogatesMarked:
    """A binary stream whose lone surrogate escapes read as ``\\uffff``."""

    def __init__(self, stream: BinaryIO):
        self.stream, self.carry = stream, b""

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson asks for nothing to learn bytes from text
            return b""
        while True:
            chunk = self.stream.read(_READ_BYTES if size < 0 else size)
            buffer, self.carry = self.carry + chunk, b""
            if not chunk or b"\\" not in buffer:
                return _marked(buffer)
            out, self.carry = _split_open_escape(buffer)
            if out:
                return _marked(out)


def _split_open_escape(buffer: bytes) -> tuple[bytes, bytes]:
    """``buffer`` up to an escape that may go on in the next read, and the rest."""
    end = 0
    for match in _ESCAPE.finditer(buffer):
        if match.end() > len(buffer) - _LONGEST_ESCAPE:
            return buffer[: match.start()], buffer[match.start() :]
        end = match.end()
    cut = buffer.find(b"\\", end)
    return (buffer, b"") if cut < 0 else (buffer[:cut], buffer[cut:])


def _marked(data: bytes) -> bytes:
    if b"\\u" not in data:
        return data
    return _ESCAPE.sub(lambda m: b"\\uffff" if m.group(2) else m.group(0), data)


def json_array_items(
    *, stream: BinaryIO, limits: ItemLimits
) -> Iterator[object | ItemTooBig]:
    """Every item of the array ``stream`` holds, in order, or ``ItemTooBig``.

    Numbers come as ``int`` or ``Decimal``. Raises ``ValueError`` when the
    stream does not start with an array, ijson's ``JSONError`` (or
    ``UnicodeDecodeError``) when it stops being JSON, and ``SystemError`` for
    an integer longer than Python converts (``sys.get_int_max_str_digits``).
    """
    # Numbers as int or Decimal: yajl's own integers stop at 2**63 - 1 and
    # fail the whole file past it.
    events = ijson.basic_parse(_SurrogatesMarked(stream))
    if next(events, (None, None))[0] != "start_array":
        raise ValueError("not a JSON array")
    for event, value in events:
        if event == "end_array":
            break
        yield _item_build(event, value, events, limits)
    for _ in events:  # the parser checks that nothing follows the array
        pass


def json_item_build(*, data: bytes, limits: ItemLimits) -> object | ItemTooBig:
    """One item from its own bytes, as ``json_array_items`` builds it."""
    events = ijson.basic_parse(_SurrogatesMarked(io.BytesIO(data)))
    event, value = next(events)
    return _item_build(event, value, events, limits)


def _item_build(event: str, value: object, events: Iterator, limits: ItemLimits):
    if event not in ("start_map", "start_array"):
        return value
    builder: ObjectBuilder | None = ObjectBuilder()
    depth, size, reason = 0, 0, ""
    while True:
        if event in ("start_map", "start_array"):
            depth += 1
        elif event in ("end_map", "end_array"):
            depth -= 1
        size += len(value) if type(value) is str else 8
        if builder is not None and depth > limits.max_depth:
            reason = TOO_DEEP.format(
                limit=limits.max_depth, setting=limits.depth_setting
            )
        elif builder is not None and size > limits.max_bytes:
            reason = TOO_LARGE.format(
                limit=limits.max_bytes, setting=limits.bytes_setting
            )
        if reason:
            builder = None
        else:
            builder.event(event, value)
        if depth == 0:
            return ItemTooBig(reason) if reason else builder.value
        event, value = next(events)
