"""import of the recordings catalogue: tracks, each with its recording."""

import pytest
from django.db.models import F

from playlists.models import TrackImport, TrackReject
from playlists.parsers.tracks import EMPTY, FIELD_COUNT, NOT_AN_ID
from playlists.services import track_file_import
from recordings.models import Artist, Recording, Track

pytestmark = pytest.mark.django_db


def test_the_sample(track_sample):
    result = track_file_import(path=track_sample)
    assert (result.rows_read, result.rows_imported, result.rejects) == (4538, 4538, [])
    assert result.details["invalid_isrcs"] == 2
    assert Track.objects.count() == 4538
    track = Track.objects.get(cm_track=31888366)
    assert (track.title, track.isrc, track.artist.name) == (
        "FEEL SOMETHING (feat. Marshmello)",
        "USSM12006584",
        "The Kid LAROI",
    )
    assert track.recording.isrc == "USSM12006584"


def test_tracks_of_one_isrc_share_its_one_recording(track_sample):
    track_file_import(path=track_sample)
    valid = Track.objects.filter(isrc_valid=True)
    assert not valid.filter(recording=None).exists()
    assert valid.exclude(recording__isrc=F("isrc")).count() == 0
    assert valid.values("isrc").distinct().count() == Recording.objects.count()


def test_the_same_file_again_changes_nothing(track_sample):
    track_file_import(path=track_sample)
    track_file_import(path=track_sample)
    assert Track.objects.count() == 4538
    assert (
        Artist.objects.count() == Artist.objects.values("source_id").distinct().count()
    )


def test_isrcs_are_normalised_with_bom_and_crlf(data_dir):
    result = track_file_import(path=data_dir / "tracks_bom_crlf.csv")
    assert result.ok
    assert Track.objects.get().isrc == "USS1Z9900001"


def test_an_invalid_isrc_is_kept_and_counted(data_dir):
    result = track_file_import(path=data_dir / "tracks_invalid_isrc.csv")
    assert result.details["invalid_isrcs"] == 1
    bad = Track.objects.get(cm_track=1)
    assert (bad.isrc, bad.isrc_valid, bad.recording) == ("NOTANISRC", False, None)


def test_a_missing_column_stores_nothing(data_dir):
    result = track_file_import(path=data_dir / "tracks_missing_column.csv")
    assert not result.ok
    assert "missing column(s) isrc" in result.message
    assert Track.objects.count() == 0


def test_bad_rows_are_reported_with_line_and_field(data_dir):
    result = track_file_import(path=data_dir / "tracks_bad_rows.csv")
    assert [(e.line, e.field, e.reason) for e in result.rejects] == [
        (2, "cm_track", NOT_AN_ID.format(value="x1")),
        (3, "track", EMPTY),
        (5, "", FIELD_COUNT.format(expected=5, got=2)),
    ]
    assert list(Track.objects.values_list("cm_track", flat=True)) == [3]


def test_bad_rows_are_stored_with_their_import(data_dir):
    result = track_file_import(path=data_dir / "tracks_bad_rows.csv")
    record = TrackImport.objects.get()
    assert (result.import_id, result.status, result.rows_rejected) == (
        record.pk,
        "ingested",
        3,
    )
    assert (record.rows_read, record.rows_imported, record.rows_rejected) == (4, 1, 3)
    assert record.size == (data_dir / "tracks_bad_rows.csv").stat().st_size
    assert list(
        TrackReject.objects.values_list("file", "line", "field", "value", "reason")
    ) == [
        (record.pk, 2, "cm_track", "x1", NOT_AN_ID.format(value="x1")),
        (record.pk, 3, "track", "", EMPTY),
        (
            record.pk,
            5,
            "",
            "4,Short",
            FIELD_COUNT.format(expected=5, got=2),
        ),
    ]


def test_a_file_error_leaves_a_failed_import_and_no_rows(data_dir):
    result = track_file_import(path=data_dir / "tracks_missing_column.csv")
    record = TrackImport.objects.get()
    assert (record.status, record.error) == ("failed", result.message)
    assert not TrackReject.objects.exists() and not Track.objects.exists()


def test_every_import_of_the_catalogue_is_recorded(track_sample):
    """The last file wins: the same bytes again are imported, not skipped."""
    first = track_file_import(path=track_sample)
    again = track_file_import(path=track_sample)
    assert (first.status, again.status) == ("ingested", "ingested")
    assert TrackImport.objects.count() == 2
