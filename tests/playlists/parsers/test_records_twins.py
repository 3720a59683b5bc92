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


# A field of the kind the crawler writes, and a value that is not.
TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=6)
ID = st.one_of(TEXT.filter(str.strip), TEXT.map(lambda text: f" {text}x "))
COUNT = st.integers(0, 10**12)
TIMESTAMP = st.one_of(
    st.datetimes().map(lambda moment: moment.isoformat()),
    st.datetimes(timezones=st.timezones()).map(lambda moment: moment.isoformat()),
)
VALID = {
    "playlist_id": ID,
    "video_id": ID,
    "timestp": TIMESTAMP,
    "position": COUNT,
    **{name: st.one_of(st.none(), TEXT) for name in OPTIONAL_TEXT},
    **{name: st.one_of(st.none(), COUNT) for name in OPTIONAL_INTEGERS},
}
WRONG_VALUES = [None, "", "  ", "a\x00b", -1, True, False, 1.5, 2.0, "1", [], {}, "x"]
WRONG = st.sampled_from(WRONG_VALUES)
MISSING = object()


@st.composite
def crawl_items(draw) -> object:
    """A record as crawled, then perhaps a field or two wrong or missing."""
    if draw(st.integers(0, 19)) == 0:
        return draw(st.sampled_from([[], "record", None, 7]))
    item = draw(st.fixed_dictionaries(VALID))
    for _ in range(draw(st.sampled_from([0, 0, 1, 1, 2]))):
        name = draw(st.sampled_from(sorted(VALID)))
        value = draw(st.one_of(st.just(MISSING), WRONG))
        if value is MISSING:
            item.pop(name, None)
        else:
            item[name] = value
    return item


def one_field_wrong() -> list[object]:
    """A crawled record with each field in turn missing or each wrong value."""
    [record, *_] = file_items(DATA_DIR / "null_optional_fields.json")
    wrong = []
    for name in sorted(VALID):
        wrong.append({key: value for key, value in record.items() if key != name})
        wrong.extend({**record, name: value} for value in WRONG_VALUES)
    return wrong


def data_files(test):
    test = example(items=one_field_wrong())(test)
    for path in reversed(CRAWL_FILES):
        test = example(items=file_items(path))(test)
    return test


@settings(max_examples=300)
@data_files
@given(items=st.lists(crawl_items(), max_size=10))
def test_the_fast_path_reads_as_the_field_checks(twin_inputs, items):
    for index, item in enumerate(items):
        checked = Checked(item) if isinstance(item, dict) else item
        fast = crawl_record_parse(index=index, item=item)
        assert fast == crawl_record_parse(index=index, item=checked), item
    twin_inputs["playlists crawl record: _record_fast == field checks"] += 1
