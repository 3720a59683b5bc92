"""import of the recordings catalogue."""

import pytest

from playlists.models import Artist, Recording
from playlists.parsers.tracks import EMPTY, FIELD_COUNT, NOT_AN_ID
from playlists.services import track_file_import

pytestmark = pytest.mark.django_db


def test_the_sample(track_sample):
    result = track_file_import(path=track_sample)
    assert (result.rows_read, result.recordings, result.errors) == (4538, 4538, [])
    assert result.invalid_isrcs == 2
    assert Recording.objects.count() == 4538
    recording = Recording.objects.get(cm_track=31888366)
    assert (recording.title, recording.isrc, recording.artist.name) == (
        "FEEL SOMETHING (feat. Marshmello)",
        "USSM12006584",
        "The Kid LAROI",
    )


def test_the_same_file_again_changes_nothing(track_sample):
    track_file_import(path=track_sample)
    track_file_import(path=track_sample)
    assert Recording.objects.count() == 4538
    assert (
        Artist.objects.count() == Artist.objects.values("source_id").distinct().count()
    )


def test_isrcs_are_normalised_with_bom_and_crlf(data_dir):
    result = track_file_import(path=data_dir / "tracks_bom_crlf.csv")
    assert result.ok
    assert Recording.objects.get().isrc == "USS1Z9900001"


def test_an_invalid_isrc_is_kept_and_counted(data_dir):
    result = track_file_import(path=data_dir / "tracks_invalid_isrc.csv")
    assert result.invalid_isrcs == 1
    bad = Recording.objects.get(cm_track=1)
    assert (bad.isrc, bad.isrc_valid) == ("NOTANISRC", False)


def test_a_missing_column_stores_nothing(data_dir):
    result = track_file_import(path=data_dir / "tracks_missing_column.csv")
    assert not result.ok
    assert "missing column(s) isrc" in result.message
    assert Recording.objects.count() == 0


def test_bad_rows_are_reported_with_line_and_field(data_dir):
    result = track_file_import(path=data_dir / "tracks_bad_rows.csv")
    assert [(e.line, e.field, e.reason) for e in result.errors] == [
        (2, "cm_track", NOT_AN_ID.format(value="x1")),
        (3, "track", EMPTY),
        (5, "", FIELD_COUNT.format(expected=5, got=2)),
    ]
    assert list(Recording.objects.values_list("cm_track", flat=True)) == [3]
