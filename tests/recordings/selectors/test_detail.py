"""A recording's playlists come from the playlists app, by ISRC."""

import pytest

from recordings.selectors import recording_detail
from recordings.services import recording_work_link
from tests.playlists.factories import (
    PlaylistEntryFactory,
    VideoMatchFactory,
)
from tests.recordings.factories import TrackFactory

pytestmark = pytest.mark.django_db


def test_playlists_of_a_catalogued_recording_without_revenue():
    track = TrackFactory(isrc="USAB10000001")
    match = VideoMatchFactory(track=track)
    entry = PlaylistEntryFactory(video=match.video, position=4)
    recording_work_link(isrc="usab10000001", iswc="T9204649558", source="cwr:x")
    detail = recording_detail(isrc="US-AB1-00-00001")
    assert detail["usages"] == 0 and detail["revenue_eur"] == "0.000000"
    (playlist,) = detail["playlists"]
    assert playlist["playlist_id"] == entry.snapshot.playlist_id
    assert (playlist["best_position"], playlist["crawls"]) == (4, 1)
    assert detail["works"][0]["iswc"] == "T9204649558"


def test_an_unknown_or_invalid_isrc_is_none():
    assert recording_detail(isrc="USAB10000001") is None
    assert recording_detail(isrc="nope") is None
