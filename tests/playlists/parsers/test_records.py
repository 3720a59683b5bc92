"""Crawl records read from JSON, one edge case per file, without a database."""

import datetime
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from common.ingest.json_items import TOO_DEEP as JSON_TOO_DEEP
from playlists.parsers import (
    CrawlFileError,
    CrawlRecord,
    DeadLetterRecord,
    crawl_records_read,
    timestamp_from_us,
)
from playlists.parsers.records import (
    MISSING,
    NOT_AN_ARRAY,
    NOT_AN_OBJECT,
    NOT_INTEGER,
    NOT_TEXT,
    NOT_TIMESTAMP,
    NOT_UNICODE,
    NUL_CHARACTER,
    NULL,
    OUT_OF_RANGE,
    TOO_LARGE,
    TOO_LONG,
)


def read(path: Path) -> list[CrawlRecord | DeadLetterRecord]:
    with open(path, "rb") as stream:
        return list(crawl_records_read(stream=stream))


def test_the_sample_is_all_records(crawl_sample):
    items = read(crawl_sample)
    assert len(items) == 5354
    assert all(isinstance(item, CrawlRecord) for item in items)
    assert [item.index for item in items] == list(range(5354))


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("dead_not_an_object.json", NOT_AN_OBJECT),
        ("dead_missing_position.json", MISSING.format(field="position")),
        (
            "dead_mistyped_position.json",
            NOT_INTEGER.format(field="position", value='"1"'),
        ),
        ("dead_null_video_id.json", NULL.format(field="video_id")),
        (
            "dead_bad_timestamp.json",
            NOT_TIMESTAMP.format(field="timestp", value='"19/05/2022 12:00"'),
        ),
        (
            "dead_mistyped_playlist_id.json",
            NOT_TEXT.format(field="playlist_id", value="42"),
        ),
        ("dead_nul_character.json", NUL_CHARACTER.format(field="title")),
        # Values no column stores failed the whole file (issue 25, item 5).
        (
            "dead_position_too_large.json",
            TOO_LARGE.format(field="position", value=2**31, limit=2**31 - 1),
        ),
        (
            "dead_views_too_large.json",
            TOO_LARGE.format(field="views", value=2**63, limit=2**63 - 1),
        ),
        (
            "dead_num_videos_too_large.json",
            TOO_LARGE.format(field="num_videos", value=2**31, limit=2**31 - 1),
        ),
        ("dead_video_id_too_long.json", TOO_LONG.format(field="video_id", limit=100)),
        (
            "dead_year_9999_offset.json",
            OUT_OF_RANGE.format(field="timestp", value='"9999-12-31T23:30:00-05:00"'),
        ),
        ("dead_lone_surrogate.json", NOT_UNICODE.format(field="video_id")),
        (
            "dead_nested_too_deep.json",
            JSON_TOO_DEEP.format(limit=32, setting="PLAYLISTS_MAX_RECORD_DEPTH"),
        ),
    ],
)
def test_the_bad_record_is_a_dead_letter_with_its_reason(data_dir, name, reason):
    items = read(data_dir / name)
    dead = [item for item in items if isinstance(item, DeadLetterRecord)]
    assert [(letter.index, letter.reason) for letter in dead] == [(1, reason)]
    assert all(isinstance(item, CrawlRecord) for item in items if item not in dead)


def test_the_dead_record_is_kept_as_received(data_dir):
    [letter] = [
        item
        for item in read(data_dir / "dead_not_an_object.json")
        if isinstance(item, DeadLetterRecord)
    ]
    assert letter.record == '["not", "an", "object"]'


def test_not_an_array_says_so(data_dir):
    with pytest.raises(CrawlFileError, match=re.escape(NOT_AN_ARRAY)):
        read(data_dir / "not_an_array.json")


def test_a_truncated_file_is_a_file_error_after_its_whole_records(data_dir):
    with open(data_dir / "truncated.json", "rb") as stream:
        items = crawl_records_read(stream=stream)
        first = next(items)
        with pytest.raises(CrawlFileError, match="not a valid JSON array"):
            list(items)
    assert isinstance(first, CrawlRecord)


def test_null_optional_fields_are_read_as_none(data_dir):
    [record] = read(data_dir / "null_optional_fields.json")
    assert isinstance(record, CrawlRecord)
    assert (record.channel_id, record.views) == (None, None)
    assert (record.artist_name, record.track_title) == (None, None)


def test_a_timestamp_with_an_offset_is_read_in_utc(data_dir):
    [record] = read(data_dir / "crawl_timezone_offset.json")
    assert timestamp_from_us(record.timestamp_us) == datetime.datetime(
        2022, 5, 19, 12, tzinfo=datetime.UTC
    )


ROOT = Path(__file__).resolve().parents[3]
MEMORY_CAP = 300 * 2**20

# 100,000 levels in 200 KB: ijson.items grew to 23.6 GB on it (issue 25, 1).
CAPPED_READ = textwrap.dedent(
    f"""
    import io, resource
    resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_CAP}, {MEMORY_CAP}))
    from playlists.parsers import crawl_records_read
    data = b"[" + b"[" * 100_000 + b"]" * 100_000 + b"]"
    (letter,) = crawl_records_read(stream=io.BufferedReader(io.BytesIO(data)))
    print(letter.index, letter.reason)
    """
)


def test_a_record_nested_100000_deep_is_set_aside_within_300_mb():
    done = subprocess.run(
        [sys.executable, "-c", CAPPED_READ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == (
        "0 nested more than 32 levels deep (PLAYLISTS_MAX_RECORD_DEPTH); not kept\n"
    )
