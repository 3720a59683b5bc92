"""track_upsert_many: catalogue tracks by cm_track, each with its recording."""

import pytest

from recordings.models import Recording, Track
from recordings.services import TrackFact, track_upsert_many

pytestmark = pytest.mark.django_db


def fact(cm_track: int, isrc: str, *, valid: bool = True, title: str = "Song"):
    return TrackFact(cm_track, title, isrc, valid, cm_artist="7", artist="Singer")


def test_tracks_of_one_isrc_share_its_one_recording():
    track_upsert_many(
        tracks=[fact(1, "USAB12200001"), fact(2, "USAB12200001")], source="cm_track"
    )
    (recording,) = Recording.objects.all()
    assert sorted(recording.tracks.values_list("cm_track", flat=True)) == [1, 2]
    assert (recording.title, recording.artists) == ("Song", "Singer")
    assert recording.title_source == "cm_track"


def test_an_invalid_isrc_is_a_track_of_no_recording():
    track_upsert_many(tracks=[fact(1, "NOTANISRC", valid=False)], source="cm_track")
    track = Track.objects.get()
    assert (track.isrc, track.recording) == ("NOTANISRC", None)
    assert not Recording.objects.exists()


def test_the_last_row_of_a_track_wins_and_moves_it_to_its_new_isrc():
    written = track_upsert_many(
        tracks=[fact(1, "USAB12200001"), fact(1, "USAB12200002", title="Fixed")],
        source="cm_track",
    )
    assert [t.isrc for t in written] == ["USAB12200002"]
    track_upsert_many(tracks=[fact(1, "USAB12200003")], source="cm_track")
    track = Track.objects.get()
    assert (track.title, track.recording.isrc) == ("Song", "USAB12200003")
