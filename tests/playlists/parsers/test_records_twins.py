"""A crawl record read by the fast path is what the field checks make of it.

``crawl_record_parse`` tries ``_record_fast`` (one pass, no call per field)
on plain ``dict`` items and falls back to the field-by-field checks, which
alone say why a record is a dead letter. A ``dict`` subclass skips the fast
path, so both run on the same items: random ones (Hypothesis,
derandomized) and every item of every crawl file in ``tests/data/playlists/``
and of the delivered sample; ``twin_inputs`` counts the lists of items.
"""

from contextlib import suppress
from pathlib import Path

import ijson
from hypothesis import example, given, settings
from hypothesis import strategies as st

from playlists.parsers import crawl_record_parse
from playlists.parsers.records import OPTIONAL_INTEGERS, OPTIONAL_TEXT
from tests.playlists.conftest import DATA_DIR, SAMPLES_DIR

CRAWL_FILES = [
    *(p for p in sorted(DATA_DIR.glob("*.json")) if p.name != "precision_sample.json"),
    SAMPLES_DIR / "youtube_playlist.json",
]


class Checked(dict):
    """An item the fast path leaves alone (it takes ``type(item) is dict``)."""


def file_items(path: Path) -> list[object]:
    """The items of a crawl file as the reader sees them, up to a JSON error."""
    items = []
    with open(path, "rb") as stream, suppress(ijson.JSONError):
        for item in ijson.items(stream, "item", use_float=True):
            items.append(item)
    return items


TEXTS = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=6),
    st.sampled_from(["", "  ", " PLx ", "a\x00b"]),
)
INTEGERS = st.one_of(
    st.integers(0, 10**12),
    st.sampled_from([-1, True, False, 1.5, 2.0, "1"]),
)
TIMESTAMPS = st.one_of(
    st.datetimes().map(lambda moment: moment.isoformat()),
    st.sampled_from(
        ["2022-05-19T14:00:00+02:00", "2022-05-19", "19/05/2022 12:00", "", 0]
    ),
)
FIELDS = {
    "playlist_id": TEXTS,
    "video_id": TEXTS,
    "timestp": TIMESTAMPS,
    "position": INTEGERS,
    **{name: st.one_of(st.none(), TEXTS, INTEGERS) for name in OPTIONAL_TEXT},
    **{name: st.one_of(st.none(), INTEGERS) for name in OPTIONAL_INTEGERS},
}
# Any subset of the fields, each of its own kind or not, or not an object.
ITEMS = st.one_of(
    st.fixed_dictionaries({}, optional=FIELDS),
    st.fixed_dictionaries(FIELDS),
    st.sampled_from([[], "record", None, 7]),
)


def data_files(test):
    for path in reversed(CRAWL_FILES):
        test = example(items=file_items(path))(test)
    return test


@settings(max_examples=300)
@data_files
@given(items=st.lists(ITEMS, max_size=10))
def test_the_fast_path_reads_as_the_field_checks(twin_inputs, items):
    for index, item in enumerate(items):
        checked = Checked(item) if isinstance(item, dict) else item
        fast = crawl_record_parse(index=index, item=item)
        assert fast == crawl_record_parse(index=index, item=checked), item
    twin_inputs["playlists crawl record: _record_fast == field checks"] += 1
