"""Streamed JSON arrays equal DRF's rendering of the whole list, byte for byte."""

import pytest
from rest_framework.renderers import JSONRenderer

from common.json_stream import json_array_chunks, json_array_response

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
