"""``json_array_items``: items within their limits, lone surrogates marked."""

import io
import json
import random

import pytest

from common.ingest.json_items import (
    NOT_TEXT_MARK,
    TOO_DEEP,
    TOO_LARGE,
    ItemLimits,
    ItemTooBig,
    _SurrogatesMarked,
    json_array_items,
)

LIMITS = ItemLimits(max_depth=4, max_bytes=100, depth_setting="D", bytes_setting="B")


def items(data: bytes, limits: ItemLimits = LIMITS) -> list:
    return list(json_array_items(stream=io.BytesIO(data), limits=limits))


def test_items_within_the_limits_are_built():
    data = b'[1, "a", null, {"k": [1, {"x": 2.5}]}, [[["deep"]]]]'
    assert [json.dumps(i, default=float) for i in items(data)] == [
        "1",
        '"a"',
        "null",
        '{"k": [1, {"x": 2.5}]}',
        '[[["deep"]]]',
    ]


def test_an_item_too_deep_is_skipped_and_the_next_one_read():
    data = b"[" + b"[" * 100_000 + b"]" * 100_000 + b", 7]"
    assert items(data) == [ItemTooBig(TOO_DEEP.format(limit=4, setting="D")), 7]


def test_an_item_too_large_is_skipped():
    data = b'[{"k": "' + b"x" * 200 + b'"}, {"k": "y"}]'
    assert items(data) == [
        ItemTooBig(TOO_LARGE.format(limit=100, setting="B")),
        {"k": "y"},
    ]


def test_integers_past_64_bits_are_read_exactly():
    assert items(b"[9223372036854775808, 1e400]")[0] == 2**63


@pytest.mark.parametrize(
    ("text", "read"),
    [
        (r'"v\ud800x"', f"v{NOT_TEXT_MARK}x"),
        (r'"\udc00"', NOT_TEXT_MARK),
        (r'"\ud83d\ude00"', "\U0001f600"),
        (r'"\\ud800"', "\\ud800"),
        (r'"\\\ud800"', f"\\{NOT_TEXT_MARK}"),
        (r'"a\"\ud800"', f'a"{NOT_TEXT_MARK}'),
    ],
)
def test_lone_surrogate_escapes_read_as_the_mark(text, read):
    assert items(f"[{text}]".encode()) == [read]


def test_marking_does_not_depend_on_where_reads_end():
    pieces = [r"\ud800", r"\ud83d\ude00", r"\\", r"\"", "x", "\\\\ud800", "é"]
    generator = random.Random(25)
    for _ in range(200):
        text = '["' + "".join(generator.choices(pieces, k=40)) + '"]'
        whole = read_in_pieces(text.encode(), size=1 << 16)
        assert read_in_pieces(text.encode(), size=generator.randint(1, 16)) == whole
        assert json.loads(whole) == items(text.encode())


def read_in_pieces(data: bytes, *, size: int) -> bytes:
    marked = _SurrogatesMarked(io.BytesIO(data))
    parts = []
    while chunk := marked.read(size):
        parts.append(chunk)
    return b"".join(parts)
