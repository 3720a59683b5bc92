"""Streamed JSON arrays equal DRF's rendering of the whole list, byte for byte."""

from decimal import Decimal

import pytest
from rest_framework.renderers import JSONRenderer

from common.json_stream import (
    OUT_OF_RANGE,
    JSONRows,
    json_array_chunks,
    json_array_response,
    json_floats,
    json_integer_lists,
    json_integers,
    json_strings,
)

ITEMS = [
    {"text": 'Canción ñ \u2028 \u2029 "quoted" \\ \t', "n": 1, "x": 0.1},
    {"revenue": 2.220446049250313e-16, "big": 1e15, "dsrs": [1, 2, 3]},
    {"nested": {"name": "Norway", "code_2": "NO"}, "empty": [], "none": None},
    *({"i": i, "f": i / 7} for i in range(7)),
]


@pytest.mark.parametrize("chunk_items", [1, 2, 3, 100])
@pytest.mark.parametrize("count", [0, 1, 2, len(ITEMS)])
def test_pieces_join_to_the_renderers_bytes(chunk_items, count):
    items = ITEMS[:count]
    pieces = list(json_array_chunks(items=iter(items), chunk_items=chunk_items))
    assert b"".join(pieces) == JSONRenderer().render(items)


def test_one_piece_per_chunk_and_the_closing_bracket():
    pieces = list(json_array_chunks(items=ITEMS, chunk_items=3))
    assert len(pieces) == 4 + 1
    assert pieces[0].startswith(b"[{") and pieces[-1] == b"]"


def test_items_are_read_one_chunk_at_a_time():
    read = []

    def items():
        for i in range(10):
            read.append(i)
            yield {"i": i}

    pieces = json_array_chunks(items=items(), chunk_items=4)
    next(pieces)
    assert read == [0, 1, 2, 3]


def test_response_computes_the_first_chunk_before_it_is_returned():
    def failing():
        raise ConnectionError("database is down")
        yield  # a generator

    with pytest.raises(ConnectionError):
        json_array_response(items=failing())


def test_response_streams_json():
    response = json_array_response(items=ITEMS, chunk_items=2)
    assert response.streaming
    assert response["Content-Type"] == "application/json"
    assert b"".join(response.streaming_content) == JSONRenderer().render(ITEMS)


ROWS = [
    ('a\u2028"b\\', 1, Decimal("0.10"), [1, 2]),
    ("", 0, Decimal("1E+16"), []),
    ("ñ 🎵 \x00\x1f", 10**20, Decimal("2.5E-320"), [7]),
]
COLUMNS = (
    ("text", json_strings),
    ("n%s", json_integers),
    ("x", json_floats),
    ("ids", json_integer_lists),
)


def as_dict(row: tuple) -> dict:
    text, n, x, ids = row
    return {"text": text, "n%s": n, "x": float(x), "ids": ids}


@pytest.mark.parametrize("chunk_items", [1, 2, 100])
def test_rows_render_as_the_renderer_renders_their_dicts(chunk_items):
    pieces = json_array_chunks(
        items=ROWS, chunk_items=chunk_items, render=JSONRows(*COLUMNS).render
    )
    assert b"".join(pieces) == JSONRenderer().render(list(map(as_dict, ROWS)))


@pytest.mark.parametrize("value", [Decimal("1E+400"), Decimal("-1E+400"), float("nan")])
def test_a_number_json_cannot_write_is_an_error(value):
    with pytest.raises(ValueError) as raised:
        json_floats([Decimal(1), value])
    assert str(raised.value).startswith(OUT_OF_RANGE.format(value=""))


def test_rows_of_another_length_are_an_error():
    with pytest.raises(ValueError):
        JSONRows(*COLUMNS).render([("a", 1, Decimal(1))])
    with pytest.raises(ValueError):
        JSONRows(*COLUMNS).render([("a", 1, Decimal(1), [], "extra")])
