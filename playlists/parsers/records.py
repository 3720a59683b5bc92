"""Crawl records from a JSON array, streamed: a file of gigabytes never loads whole.

Each array item becomes a ``CrawlRecord`` or, when it cannot be one, a
``DeadLetterRecord`` that keeps the item as received with its index and reason.
"""

import datetime
import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from io import BufferedReader

import ijson

from common.ingest.json_array_fast import json_array_items_fast
from common.ingest.json_items import NOT_TEXT_MARK, ItemLimits, ItemTooBig

NOT_AN_OBJECT = "not a JSON object"
MISSING = "{field}: missing"
NULL = "{field}: null, a value is required"
NOT_TEXT = "{field}: expected a non-empty string, got {value}"
NOT_INTEGER = "{field}: expected an integer, got {value}"
NOT_TIMESTAMP = "{field}: expected an ISO 8601 date-time, got {value}"
NUL_CHARACTER = "{field}: contains a NUL character, which no database stores"
NEGATIVE = "{field}: expected 0 or more, got {value}"
TOO_LONG = "{field}: longer than {limit} characters"
TOO_LARGE = "{field}: {value} is larger than {limit}"
OUT_OF_RANGE = "{field}: {value} is outside the years 1 to 9999 once in UTC"
NOT_UNICODE = (
    "{field}: holds a lone surrogate (an unpaired \\ud800-\\udfff escape) "
    "or U+FFFF, which is not text"
)
NOT_AN_ARRAY = "the file does not start with a JSON array ('[')"
BAD_JSON = "record {index}: the file is not a valid JSON array of records ({error})"
NUMBER_TOO_LONG = "a number of more digits than can be read"

REQUIRED_TEXT = ("playlist_id", "video_id")
OPTIONAL_TEXT = (
    "playlist_name",
    "artwork_url",
    "channel_id",
    "title",
    "artist_name",
    "image_url",
    "track_title",
)
OPTIONAL_INTEGERS = ("views", "num_videos")
# What the columns hold: ids are varchar(100); position and num_videos
# integer, views bigint.
SOURCE_IDS = frozenset({"playlist_id", "video_id", "channel_id"})
SOURCE_ID_MAX = 100
INTEGER_MAX = {"position": 2**31 - 1, "num_videos": 2**31 - 1, "views": 2**63 - 1}
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
# Nesting and size of one record: past them it is set aside, never built.
DEFAULT_LIMITS = ItemLimits(
    max_depth=32,
    max_bytes=1 << 20,
    depth_setting="PLAYLISTS_MAX_RECORD_DEPTH",
    bytes_setting="PLAYLISTS_MAX_RECORD_CHARS",
)
_NOT_UNICODE = re.compile(f"[\ud800-\udfff{NOT_TEXT_MARK}]")
_TEXT_TYPES = frozenset({str, type(None)})
_VIEWS_MAX, _NUM_VIDEOS_MAX = INTEGER_MAX["views"], INTEGER_MAX["num_videos"]


class CrawlFileError(Exception):
    """The file itself is broken (not JSON, not an array, truncated)."""


@dataclass(slots=True)  # not frozen: a frozen init costs a call per field
class CrawlRecord:
    index: int
    playlist_id: str
    video_id: str
    timestamp_us: int  # microseconds since the epoch, UTC
    position: int
    playlist_name: str | None
    artwork_url: str | None
    channel_id: str | None
    title: str | None
    artist_name: str | None
    image_url: str | None
    track_title: str | None
    views: int | None
    num_videos: int | None


@dataclass(frozen=True, slots=True)
class DeadLetterRecord:
    index: int
    record: str
    reason: str

    # Read as every import's reject (common.ingest.batches.Reject): the
    # record's index is its number, the record as received its value.
    @property
    def line(self) -> int:
        return self.index

    @property
    def field(self) -> str:
        return ""

    @property
    def value(self) -> str:
        return self.record


def crawl_records_read(
    *, stream: BufferedReader, limits: ItemLimits = DEFAULT_LIMITS
) -> Iterator[CrawlRecord | DeadLetterRecord]:
    """Yield every item of the top-level array, in order, as record or dead letter.

    An item nested deeper or larger than ``limits`` is a dead letter, read
    past without being built. Raises ``CrawlFileError`` when the bytes stop
    being a JSON array.
    """
    if not stream.peek(64).lstrip().startswith(b"["):
        raise CrawlFileError(NOT_AN_ARRAY)
    index = 0
    items = json_array_items_fast(stream=stream, limits=limits)
    try:
        for index, item in enumerate(items):
            if isinstance(item, ItemTooBig):
                yield DeadLetterRecord(index, "", item.reason)
            else:
                yield crawl_record_parse(index=index, item=item)
    except (ijson.JSONError, UnicodeDecodeError) as error:
        raise CrawlFileError(BAD_JSON.format(index=index, error=error)) from error
    except (ValueError, SystemError) as error:  # int() refuses so many digits
        message = BAD_JSON.format(index=index, error=NUMBER_TOO_LONG)
        raise CrawlFileError(message) from error


def crawl_record_parse(*, index: int, item: object) -> CrawlRecord | DeadLetterRecord:
    """One array item checked field by field; the first problem is the reason."""
    if type(item) is dict and (record := _record_fast(index, item)) is not None:
        return record
    if not isinstance(item, dict):
        return DeadLetterRecord(index, _as_received(item), NOT_AN_OBJECT)
    try:
        fields = {name: _required_text(item, name) for name in REQUIRED_TEXT}
        fields["timestamp_us"] = _timestamp_us(item)
        fields["position"] = _integer(item, "position", required=True)
        fields.update({name: _optional_text(item, name) for name in OPTIONAL_TEXT})
        fields.update(
            {name: _integer(item, name, required=False) for name in OPTIONAL_INTEGERS}
        )
    except ValueError as error:
        return DeadLetterRecord(index, _as_received(item), str(error))
    return CrawlRecord(index=index, **fields)


def _record_fast(index: int, item: dict) -> CrawlRecord | None:
    """The record when every field is right, else ``None`` (the checks above
    then say which is wrong): one pass without a call per field."""
    get = item.get
    playlist_id, video_id, position = (
        get("playlist_id"),
        get("video_id"),
        get("position"),
    )
    if not (
        type(playlist_id) is str
        and type(video_id) is str
        and type(position) is int
        and 0 <= position <= INTEGER_MAX["position"]
    ):
        return None
    playlist_id, video_id = playlist_id.strip(), video_id.strip()
    texts = list(map(get, OPTIONAL_TEXT))
    views, num_videos = get("views"), get("num_videos")
    channel_id = texts[2]
    if (
        not playlist_id
        or not video_id
        or not _TEXT_TYPES.issuperset(map(type, texts))
        or not (views is None or (type(views) is int and 0 <= views <= _VIEWS_MAX))
        or not (
            num_videos is None
            or (type(num_videos) is int and 0 <= num_videos <= _NUM_VIDEOS_MAX)
        )
        or len(playlist_id) > SOURCE_ID_MAX
        or len(video_id) > SOURCE_ID_MAX
        or (channel_id is not None and len(channel_id) > SOURCE_ID_MAX)
    ):
        return None
    joined = "".join([playlist_id, video_id, *filter(None, texts)])
    if "\x00" in joined or (not joined.isascii() and _NOT_UNICODE.search(joined)):
        return None
    timestp = get("timestp")
    try:
        timestamp_us = (
            _timestamp_us_of(timestp) if type(timestp) is str else _timestamp_us(item)
        )
    except ValueError:
        return None
    return CrawlRecord(
        index, playlist_id, video_id, timestamp_us, position, *texts, views, num_videos
    )


def timestamp_from_us(value: int) -> datetime.datetime:
    return EPOCH + datetime.timedelta(microseconds=value)


def _as_received(item: object) -> str:
    """The item as JSON; escaped to ASCII when it holds what no column can
    (a lone surrogate), so that the dead letter itself can be stored."""
    text = json.dumps(item, ensure_ascii=False, default=float)
    if _NOT_UNICODE.search(text):
        return json.dumps(item, default=float)
    return text


def _present(item: dict, name: str) -> object:
    if name not in item:
        raise ValueError(MISSING.format(field=name))
    if item[name] is None:
        raise ValueError(NULL.format(field=name))
    return item[name]


def _required_text(item: dict, name: str) -> str:
    value = _present(item, name)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(NOT_TEXT.format(field=name, value=_as_received(value)))
    return _storable(name, value.strip())


def _optional_text(item: dict, name: str) -> str | None:
    value = item.get(name)
    if value is not None and not isinstance(value, str):
        raise ValueError(NOT_TEXT.format(field=name, value=_as_received(value)))
    return value if value is None else _storable(name, value)


def _storable(name: str, value: str) -> str:
    """``value`` if its column can hold it, else why not."""
    if "\x00" in value:
        raise ValueError(NUL_CHARACTER.format(field=name))
    if _NOT_UNICODE.search(value):
        raise ValueError(NOT_UNICODE.format(field=name))
    if name in SOURCE_IDS and len(value) > SOURCE_ID_MAX:
        raise ValueError(TOO_LONG.format(field=name, limit=SOURCE_ID_MAX))
    return value


def _integer(item: dict, name: str, *, required: bool) -> int | None:
    value = _present(item, name) if required else item.get(name)
    if value is None:
        return None
    # bool is an int in Python, never in a crawl.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(NOT_INTEGER.format(field=name, value=_as_received(value)))
    if value < 0:
        raise ValueError(NEGATIVE.format(field=name, value=value))
    if value > INTEGER_MAX[name]:
        raise ValueError(
            TOO_LARGE.format(field=name, value=value, limit=INTEGER_MAX[name])
        )
    return value


def _timestamp_us(item: dict) -> int:
    """``timestp`` in microseconds since the epoch; without an offset it is UTC."""
    value = _present(item, "timestp")
    if type(value) is not str:
        raise ValueError(
            NOT_TIMESTAMP.format(field="timestp", value=_as_received(value))
        )
    return _timestamp_us_of(value)


@functools.lru_cache(maxsize=1 << 14)
def _timestamp_us_of(value: str) -> int:
    """Cached: the records of one crawl often share their time."""
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            NOT_TIMESTAMP.format(field="timestp", value=_as_received(value))
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    try:
        parsed = parsed.astimezone(datetime.UTC)
    except OverflowError:
        raise ValueError(
            OUT_OF_RANGE.format(field="timestp", value=_as_received(value))
        ) from None
    delta = parsed - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
