"""The fast twin of ``json_array_items``: plain items decoded by the C ``json``.

No ORM. ``json_array_items`` builds every item from ijson's events, one
Python step per event (about 28 for a crawl record): most of an import's
parse time. Here the text is decoded in chunks and each item is read by
``json.JSONDecoder.raw_decode`` (C) with the numbers ijson gives (``int``,
``Decimal``); an item is taken as decoded only when the rule cannot differ:
an object of scalars, within ``max_depth``, whose text is short enough that
its size cannot pass ``max_bytes``, without a ``\\u`` escape of a surrogate
(ijson's side reads a lone one as U+FFFF). Any other item is built by the
rule from its own bytes; anything that is not plainly a good array (a JSON
error, an item past the read-ahead, a truncated file, what follows the
array) hands the rest of the file, from the item it stopped at, to the rule,
which says what it says of it. ``tests/common/ingest/test_json_array_fast.py``
holds the two equal.
"""

import codecs
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import BinaryIO

import ijson

from common.ingest.json_items import (
    ItemLimits,
    ItemTooBig,
    json_array_items,
    json_item_build,
)

TRUNCATED = "parse error: premature EOF"
NO_COMMA = "parse error: after an item, {found!r} where ',' or ']' was expected"
COMMA_BEFORE_END = "parse error: a comma before the end of the array"
_READ_CHARS = 1 << 20
_LOOKAHEAD = 8
# Per character of an item's text, the most size it can add (a one-digit
# number counts 8), plus the object's own start and end.
_SIZE_PER_CHAR, _SIZE_OF_OBJECT = 8, 16
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_WHITESPACE = " \t\n\r"


def _constant_refused(name: str):
    raise ValueError(f"{name} is not JSON")


# The C scanner itself: one item from an index, StopIteration when none.
_SCAN = json.JSONDecoder(
    parse_float=Decimal, parse_constant=_constant_refused
).scan_once


class _Fallback(Exception):
    """The rest of the file is the rule's to read, from this item on."""


class _Prefixed:
    """``head`` then the rest of ``stream``, as one binary stream."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self.head, self.stream = head, stream

    def read(self, size: int = -1) -> bytes:
        if self.head:
            if size < 0:
                head, self.head = self.head, b""
                return head + self.stream.read()
            head, self.head = self.head[:size], self.head[size:]
            return head
        return self.stream.read(size)


class _Text:
    """The stream decoded as UTF-8 in chunks; ``pos`` is where reading is."""

    def __init__(self, stream: BinaryIO):
        self.stream, self.decoder = stream, codecs.getincrementaldecoder("utf-8")()
        self.text, self.pos, self.ended = "", 0, False

    def more(self) -> bool:
        """Read a chunk; ``False`` at the end of the stream."""
        if self.ended:
            return False
        chunk = self.stream.read(_READ_CHARS)
        pending = self.decoder.getstate()[0]
        try:
            decoded = self.decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError:
            self.unread = pending + chunk
            raise _Fallback from None
        self.text = self.text[self.pos :] + decoded
        self.pos, self.ended = 0, not chunk
        return bool(chunk) or bool(decoded)

    def skip_blank(self) -> str:
        """The next character that is not whitespace ("" at the end)."""
        text, pos = self.text, self.pos
        if pos < len(text) and text[pos] not in _WHITESPACE:
            return text[pos]
        while True:
            text, pos = self.text, self.pos
            while pos < len(text) and text[pos] in _WHITESPACE:
                pos += 1
            self.pos = pos
            if pos < len(text):
                return text[pos]
            if not self.more():
                return ""

    def rest(self) -> bytes:
        """The bytes not read yet that this object holds."""
        left = self.text[self.pos :].encode("utf-8")
        return left + getattr(self, "unread", self.decoder.getstate()[0])


def json_array_items_fast(
    *, stream: BinaryIO, limits: ItemLimits
) -> Iterator[object | ItemTooBig]:
    """What ``json_array_items`` yields and raises for ``stream``, faster."""
    text = _Text(stream)
    try:
        yield from _items(text, limits)
    except _Fallback:
        opened = getattr(text, "opened", False)
        head = (b"[" if opened else b"") + text.rest()
        yield from json_array_items(stream=_Prefixed(head, stream), limits=limits)


def _items(text: _Text, limits: ItemLimits) -> Iterator[object]:
    if text.skip_blank() != "[":
        raise _Fallback
    text.pos += 1
    text.opened = True
    if text.skip_blank() == "]":
        raise _Fallback  # an empty array: the rule reads the end
    while True:
        yield _item(text, limits)
        following = text.skip_blank()
        if following == "]":
            raise _Fallback  # the rule checks the end and what follows it
        if following == "":
            raise ijson.IncompleteJSONError(TRUNCATED)
        if following != ",":
            raise ijson.JSONError(NO_COMMA.format(found=following))
        text.pos += 1
        if text.skip_blank() == "]":
            raise ijson.JSONError(COMMA_BEFORE_END)


def _item(text: _Text, limits: ItemLimits) -> object:
    while True:
        start = text.pos
        try:
            item, end = _SCAN(text.text, start)
        except (StopIteration, ValueError, RecursionError):
            if len(text.text) - start > max(limits.max_bytes, _READ_CHARS):
                raise _Fallback from None
            if not text.more():
                raise _Fallback from None
            continue
        if len(text.text) - end < _LOOKAHEAD and not text.ended:
            text.more()  # a number cut at "1." or "1e-" goes on in the next chunk
            continue
        source = text.text[start:end]
        text.pos = end
        if _plain(item, source, limits):
            return item
        return _item_rebuilt(source, limits)


def _plain(item: object, source: str, limits: ItemLimits) -> bool:
    """Whether the rule builds exactly ``item`` from ``source``."""
    if "\\u" in source and _SURROGATE_ESCAPE.search(source):
        return False
    if type(item) is not dict:
        return type(item) is not list
    if limits.max_depth < 1 or (
        len(source) * _SIZE_PER_CHAR + _SIZE_OF_OBJECT > limits.max_bytes
    ):
        return False
    # One brace and no bracket: nothing nested (strings may hold either).
    if source.count("{") == 1 and "[" not in source:
        return True
    return not any(type(value) in (dict, list) for value in item.values())


def _item_rebuilt(source: str, limits: ItemLimits) -> object:
    """The item as the rule builds it from its own text."""
    return json_item_build(data=source.encode("utf-8"), limits=limits)
