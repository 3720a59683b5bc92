"""``json_array_parts``: when every part reads, the parts hold the file's items.

Random arrays (Hypothesis, derandomized) whose strings and nested values
hold the very text a cut looks for (``,{``), cut every few bytes, truncated
or spoiled anywhere: either a part does not read or holds no item (and the
caller reads the whole file), or the parts' items, in order, are the whole
file's.
"""

import json
import tempfile
from pathlib import Path

import ijson
from hypothesis import example, given, settings
from hypothesis import strategies as st

from common.ingest.json_array_fast import json_array_items_fast
from common.ingest.json_array_parts import json_array_parts
from common.ingest.json_items import ItemLimits

LIMITS = ItemLimits(max_depth=32, max_bytes=1 << 20)
TRAPS = st.sampled_from([",{", ', {"a": 1}', "[", "]", '\\",{', "x"])
VALUE = st.recursive(
    st.one_of(st.integers(), st.text(max_size=6), TRAPS),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=3), inner, max_size=3),
    ),
    max_leaves=8,
)
ITEM = st.one_of(st.dictionaries(st.text(max_size=3), VALUE, max_size=4), VALUE)


def items_of(stream) -> tuple[list, bool]:
    items = []
    try:
        for item in json_array_items_fast(stream=stream, limits=LIMITS):
            items.append(item)
    except (ijson.JSONError, UnicodeDecodeError, ValueError, SystemError):
        return items, False
    return items, True


def read_in_parts(data: bytes, part_bytes: int) -> tuple[list, list | None]:
    """The whole file's items and the parts' (``None`` when a part fails)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "items.json"
        path.write_bytes(data)
        with open(path, "rb") as stream:
            whole, whole_read = items_of(stream)
        parts = json_array_parts(path=path, part_bytes=part_bytes)
        together = []
        for part in parts:
            with part.open() as stream:
                items, read = items_of(stream)
            if not read or not items:
                return whole, None
            together.extend(items)
    assert whole_read, "every part read, so the file must"
    return whole, together


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    items=st.lists(ITEM, max_size=12),
    blank=st.sampled_from(["", " ", "\n", "\r\n "]),
    part_bytes=st.integers(1, 64),
    cut=st.integers(0, 10**6),
    spoil=st.sampled_from([None, b",", b"]", b"{", b'"', b"\xff"]),
)
@example(items=[{"a": ",{"}, {"b": 1}], blank="", part_bytes=3, cut=0, spoil=None)
@example(items=[{}], blank="", part_bytes=1, cut=1, spoil=b",")  # [,{}]
def test_the_parts_hold_the_files_items(items, blank, part_bytes, cut, spoil):
    data = ("[" + f"{blank},{blank}".join(map(json.dumps, items)) + "]").encode()
    where = cut % (len(data) + 1)
    for variant in (
        data,
        data[:where],
        None if spoil is None else data[:where] + spoil + data[where:],
    ):
        if variant is None:
            continue
        whole, together = read_in_parts(variant, part_bytes)
        if together is not None:
            assert together == whole


def test_a_cut_inside_a_string_leaves_the_part_before_it_open(tmp_path):
    path = tmp_path / "trap.json"
    path.write_bytes(b'[{"title": "a,{b"}, {"c": 1}]')
    parts = json_array_parts(path=path, part_bytes=5)
    assert len(parts) == 3
    with parts[0].open() as stream:
        assert items_of(stream) == ([], False)


def test_a_file_without_a_cut_is_one_part(tmp_path):
    path = tmp_path / "one.json"
    path.write_bytes(b'[{"a": 1}]')
    (part,) = json_array_parts(path=path, part_bytes=2)
    with part.open() as stream:
        assert stream.read() == b'[{"a": 1}]'
