"""``json_array_items_fast`` yields and raises what ``json_array_items`` does.

The fast twin decodes plain items with the C ``json`` and hands everything
else to the rule; both run on random arrays (Hypothesis, derandomized: any
JSON, odd whitespace, lone surrogate escapes, items past the limits), on the
same bytes cut or spoiled anywhere, read in chunks of a few characters so
items straddle them, and on every crawl file of the tests and the sample.
"""

import io
import json
from pathlib import Path

import ijson
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from common.ingest import json_array_fast
from common.ingest.json_array_fast import json_array_items_fast
from common.ingest.json_items import ItemLimits, json_array_items

ROOT = Path(__file__).resolve().parents[3]
CRAWL_FILES = [
    *sorted((ROOT / "tests" / "data" / "playlists").glob("*.json")),
    ROOT / "data" / "playlists" / "youtube_playlist.json",
]
LIMITS = ItemLimits(max_depth=3, max_bytes=200, depth_setting="D", bytes_setting="B")
WIDE = ItemLimits(max_depth=32, max_bytes=1 << 20)

SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.text(max_size=8),
    st.sampled_from(["\\ud800", "\\ud83d\\ude00", "\\u00e9", "\\n", '\\"']),
)
JSON_TEXT = st.recursive(
    SCALAR.map(lambda value: value if isinstance(value, str) else json.dumps(value)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda items: "[" + ",".join(items) + "]"),
        st.dictionaries(st.text(max_size=5), inner, max_size=5).map(
            lambda fields: (
                "{"
                + ", ".join(f"{json.dumps(k)}: {v}" for k, v in fields.items())
                + "}"
            )
        ),
    ),
    max_leaves=12,
)


def outcome(reader, data: bytes, limits: ItemLimits) -> tuple[str, str | None]:
    """The items read (as text, types shown) and the kind of error, if any."""
    items = []
    try:
        for item in reader(stream=io.BytesIO(data), limits=limits):
            items.append(item)
    except (ijson.JSONError, UnicodeDecodeError):
        return json.dumps(items, default=repr), "not JSON"
    except (ValueError, SystemError):
        return json.dumps(items, default=repr), "not an array, or a number too long"
    return json.dumps(items, default=repr), None


def assert_twins(data: bytes, limits: ItemLimits = LIMITS) -> None:
    assert outcome(json_array_items_fast, data, limits) == outcome(
        json_array_items, data, limits
    )


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(json_array_fast, "_READ_CHARS", 7)


def array(items: list[str], blank: str) -> bytes:
    return ("[" + blank + f"{blank},{blank}".join(items) + blank + "]").encode()


@settings(max_examples=400, derandomize=True, deadline=None)
@given(
    items=st.lists(JSON_TEXT, max_size=6),
    blank=st.sampled_from(["", " ", "\n\t ", "\r\n"]),
    cut=st.integers(0, 10**6),
    spoil=st.sampled_from([None, b",", b"]", b"\xff", b"x", b"[", b"\\", b'"']),
)
@example(items=["{}"], blank="", cut=10**6, spoil=None)
@example(items=['{"a": 1}', "2"], blank=" ", cut=10**6, spoil=None)
def test_random_arrays_read_alike(items, blank, cut, spoil):
    data = array(items, blank)
    assert_twins(data)
    assert_twins(data, WIDE)
    where = cut % (len(data) + 1)
    assert_twins(data[:where])
    if spoil is not None:
        assert_twins(data[:where] + spoil + data[where:])


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   ",
        b"{}",
        b"[]",
        b"[] x",
        b"[]  \n",
        b"[1,]",
        b"[1 2]",
        b"[1,,2]",
        b"[NaN]",
        b"[Infinity, 1]",
        b'[{"a": 1}] [',
        b"[" + b"[" * 5000 + b"]" * 5000 + b", 7]",
        b'[{"a": "' + b"x" * 300 + b'"}, 1]',
        b"[" + b"9" * 4000 + b"]",
        b'["\xed\xa0\x80"]',
    ],
)
def test_edge_cases_read_alike(data):
    assert_twins(data)


@pytest.mark.parametrize("path", CRAWL_FILES, ids=lambda path: path.name)
def test_every_crawl_file_reads_alike(path, monkeypatch):
    monkeypatch.setattr(json_array_fast, "_READ_CHARS", 4096)
    assert_twins(path.read_bytes(), WIDE)
