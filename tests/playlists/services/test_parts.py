"""A crawl file read in parts imports as it does whole (``services.parts``)."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from playlists.models import (
    DeadLetter,
    PlaylistEntry,
    PlaylistImport,
    PlaylistSnapshot,
    VideoMetadata,
)
from playlists.services import crawl_file_import

pytestmark = pytest.mark.django_db


def record(index: int, **fields) -> dict:
    return {
        "playlist_id": f"PL{index % 3}",
        "timestp": f"2022-05-19T12:{index // 60 % 60:02d}:{index % 60:02d}",
        "video_id": f"v{index % 40:04d}",
        "position": index // 3,
        "title": f"Artist - Song {index % 40}",
        **fields,
    }


def crawl_file(path, records) -> None:
    path.write_text("[\n" + "\n,".join(json.dumps(item) for item in records) + "\n]")


def stored() -> tuple[set, set]:
    entries = set(
        PlaylistEntry.objects.values_list(
            "snapshot__playlist__source_id",
            "snapshot__taken_at",
            "position",
            "video__source_id",
        )
    )
    versions = set(
        VideoMetadata.objects.values_list(
            "video__source_id", "title", "digest", "first_seen", "last_seen"
        )
    )
    return entries, versions


def whole_import(path, settings):
    """Forget the parts' import, then import the same file whole."""
    PlaylistSnapshot.objects.all().delete()
    PlaylistImport.objects.all().delete()
    settings.PLAYLISTS_IMPORT_PART_BYTES = 1 << 40
    return crawl_file_import(path=path)


@pytest.mark.parametrize("processes", [1, 2])
def test_the_sample_in_parts_imports_as_whole(crawl_sample, settings, processes):
    settings.PLAYLISTS_IMPORT_PART_BYTES = 200_000
    settings.PLAYLISTS_IMPORT_PROCESSES = processes
    parts = crawl_file_import(path=crawl_sample)
    assert (parts.rows_read, parts.rows_imported) == (5354, 5354)
    assert PlaylistSnapshot.objects.count() == 40
    in_parts = stored()
    assert len(in_parts[0]) == 5354
    assert whole_import(crawl_sample, settings).rows_imported == 5354
    assert stored() == in_parts


def test_parts_import_with_queries_logged(crawl_sample, settings):
    """With DEBUG on, Django's cursor wrapper refused the parts' COPY buffer
    size given by keyword, and a file in parts failed to import."""
    settings.PLAYLISTS_IMPORT_PART_BYTES = 200_000
    settings.PLAYLISTS_IMPORT_PROCESSES = 1
    with CaptureQueriesContext(connection):
        result = crawl_file_import(path=crawl_sample)
    assert result.status == "ingested", result.message
    assert result.rows_imported == 5354


def test_dead_letters_keep_their_index_in_the_whole_file(tmp_path, settings):
    bad = {7: {"position": -1}, 150: {"video_id": None}, 299: {"timestp": "x"}}
    records = [record(index, **bad.get(index, {})) for index in range(300)]
    path = tmp_path / "crawls.json"
    crawl_file(path, records)
    settings.PLAYLISTS_IMPORT_PART_BYTES = 2_000
    result = crawl_file_import(path=path)
    assert (result.rows_read, result.rows_rejected) == (300, 3)
    assert [reject.line for reject in result.rejects] == [7, 150, 299]
    assert sorted(DeadLetter.objects.values_list("line", flat=True)) == [7, 150, 299]
    assert result.rows_imported + result.details["records_duplicate"] == 297


def test_the_first_record_at_a_position_wins_across_parts(tmp_path, settings):
    first = record(0, video_id="first")
    later = [record(index) for index in range(3, 200, 3)]
    path = tmp_path / "crawls.json"
    crawl_file(path, [first, *later, record(0, video_id="second")])
    settings.PLAYLISTS_IMPORT_PART_BYTES = 1_000
    result = crawl_file_import(path=path)
    assert result.details["records_duplicate"] == 1
    entry = PlaylistEntry.objects.get(snapshot__playlist__source_id="PL0", position=0)
    assert entry.video.source_id == "first"


def test_cuts_inside_strings_fall_back_to_the_whole_file(tmp_path, settings):
    trap = ', {"position": 1}' * 20
    records = [record(index, title=trap) for index in range(200)]
    path = tmp_path / "crawls.json"
    crawl_file(path, records)
    settings.PLAYLISTS_IMPORT_PART_BYTES = 3_000
    result = crawl_file_import(path=path)
    assert (result.rows_read, result.rows_rejected) == (200, 0)
    in_parts = stored()
    whole_import(path, settings)
    assert stored() == in_parts


def test_a_truncated_file_in_parts_fails_as_whole_and_keeps_nothing(tmp_path, settings):
    records = [
        record(index, **({"position": -1} if index == 5 else {}))
        for index in range(200)
    ]
    path = tmp_path / "crawls.json"
    crawl_file(path, records)
    path.write_bytes(path.read_bytes()[:-40])
    settings.PLAYLISTS_IMPORT_PART_BYTES = 2_000
    parts = crawl_file_import(path=path)
    settings.PLAYLISTS_IMPORT_PART_BYTES = 1 << 40
    whole = crawl_file_import(path=path)
    assert parts.status == whole.status == "failed"
    assert parts.message == whole.message
    assert PlaylistEntry.objects.count() == DeadLetter.objects.count() == 0


def test_a_comma_before_the_first_record_fails_as_whole(tmp_path, settings):
    path = tmp_path / "crawls.json"
    crawl_file(path, [record(index) for index in range(200)])
    path.write_bytes(b"[\n," + path.read_bytes()[1:])
    settings.PLAYLISTS_IMPORT_PART_BYTES = 2
    parts = crawl_file_import(path=path)
    settings.PLAYLISTS_IMPORT_PART_BYTES = 1 << 40
    whole = crawl_file_import(path=path)
    assert parts.status == whole.status == "failed"
    assert parts.message == whole.message
    assert PlaylistEntry.objects.count() == 0
