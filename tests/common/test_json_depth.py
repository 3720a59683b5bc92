"""``json_depth_exceeds``: brackets counted outside strings, without recursion."""

import json

import pytest

from common.json_depth import json_depth_exceeds


@pytest.mark.parametrize(
    ("text", "limit", "exceeds"),
    [
        ("[]", 1, False),
        ("[[]]", 1, True),
        ('{"a": [1, {"b": []}]}', 4, False),
        ('{"a": [1, {"b": []}]}', 3, True),
        ('["[[[[", "\\"[[["]', 1, False),
        ("[" * 100_000 + "]" * 100_000, 64, True),
        ('"no brackets"', 0, False),
    ],
)
def test_depth_is_counted_outside_strings(text, limit, exceeds):
    assert json_depth_exceeds(data=text.encode(), limit=limit) is exceeds


def test_agrees_with_the_depth_of_what_json_parses():
    value: object = "leaf"
    for depth in range(1, 30):
        value = [value, "]]}["] if depth % 2 else {"k[": value}
        data = json.dumps(value).encode()
        assert json_depth_exceeds(data=data, limit=depth - 1)
        assert not json_depth_exceeds(data=data, limit=depth)
