"""The playlists API: shapes, the ISRC join, history, bad input."""

import datetime

import pytest
from rest_framework.test import APIClient

from playlists.serializers import BAD_ISRC, VIDEO_REQUIRED
from playlists.views import UNKNOWN_VIDEO
from tests.playlists.factories import (
    PlaylistEntryFactory,
    PlaylistFactory,
    PlaylistSnapshotFactory,
    VideoFactory,
    VideoMatchFactory,
    VideoMetadataFactory,
)
from tests.recordings.factories import TrackFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def two_crawls():
    """One playlist crawled twice; video a at 0 then 1, video b only first."""
    playlist = PlaylistFactory(source_id="PLtwo")
    first = PlaylistSnapshotFactory(playlist=playlist, views=100)
    second = PlaylistSnapshotFactory(
        playlist=playlist, taken_at=first.taken_at + DAY, views=150, name="Renamed"
    )
    a, b = VideoFactory(source_id="aaaaaaaaaaa"), VideoFactory(source_id="bbbbbbbbbbb")
    VideoMetadataFactory(video=a, title="Artist - Song (Official Video)")
    VideoMetadataFactory(video=b, title="Other - Thing")
    PlaylistEntryFactory(snapshot=first, video=a, position=0)
    PlaylistEntryFactory(snapshot=first, video=b, position=1)
    PlaylistEntryFactory(snapshot=second, video=a, position=1)
    recording = TrackFactory(isrc="USAB12200001")
    match = VideoMatchFactory(video=a, track=recording)
    alternative = TrackFactory(isrc="USAB12200002")
    match.alternatives.add(alternative)
    return playlist, first, second


class TestList:
    def test_the_latest_crawl_of_each_playlist(self, api, two_crawls):
        playlist, _, second = two_crawls
        other = PlaylistSnapshotFactory()
        body = api.get("/playlists/").json()
        assert body["count"] == 2
        assert [r["id"] for r in body["results"]] == [playlist.pk, other.playlist_id]
        assert body["results"][0] == {
            "id": playlist.pk,
            "source": "youtube",
            "source_id": "PLtwo",
            "name": "Renamed",
            "artwork_url": second.artwork_url,
            "channel_id": second.channel.source_id,
            "views": 150,
            "num_videos": 2,
            "snapshot_id": second.pk,
            "taken_at": "2022-05-20T12:00:00Z",
        }

    def test_pages(self, api, two_crawls):
        PlaylistSnapshotFactory()
        body = api.get("/playlists?limit=1&offset=1").json()
        assert body["count"] == 2
        assert len(body["results"]) == 1
        assert body["previous"] is not None


class TestDetail:
    def test_latest_entries_with_their_isrc(
        self, api, two_crawls, django_assert_max_num_queries
    ):
        playlist, _, second = two_crawls
        with django_assert_max_num_queries(3):
            body = api.get(f"/playlists/{playlist.pk}").json()
        assert body["snapshot_id"] == second.pk
        assert body["entries"] == [
            {
                "position": 1,
                "video_id": "aaaaaaaaaaa",
                "title": "Artist - Song (Official Video)",
                "isrc": "USAB12200001",
                "match_method": "exact",
            }
        ]

    def test_an_unmatched_video_has_a_null_isrc(self, api, two_crawls):
        playlist, first, _ = two_crawls
        PlaylistSnapshotFactory(playlist=playlist, taken_at=first.taken_at + 2 * DAY)
        latest = playlist.snapshots.order_by("-taken_at").first()
        PlaylistEntryFactory(snapshot=latest, position=0)
        entries = api.get(f"/playlists/{playlist.pk}/").json()["entries"]
        assert entries[0]["isrc"] is None

    @pytest.mark.parametrize("key", ["999999", "abc", "1.5", "9" * 30])
    def test_unknown_or_malformed_id_is_a_404(self, api, key):
        response = api.get(f"/playlists/{key}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


class TestHistory:
    def test_position_and_views_crawl_by_crawl(self, api, two_crawls):
        playlist, first, second = two_crawls
        body = api.get(f"/playlists/{playlist.pk}/history?video=bbbbbbbbbbb").json()
        assert body == {
            "playlist_id": playlist.pk,
            "video_id": "bbbbbbbbbbb",
            "points": [
                {
                    "snapshot_id": first.pk,
                    "taken_at": "2022-05-19T12:00:00Z",
                    "position": 1,
                    "views": 100,
                    "num_videos": 2,
                },
                {
                    "snapshot_id": second.pk,
                    "taken_at": "2022-05-20T12:00:00Z",
                    "position": None,
                    "views": 150,
                    "num_videos": 2,
                },
            ],
        }

    def test_the_video_is_required(self, api, two_crawls):
        response = api.get(f"/playlists/{two_crawls[0].pk}/history")
        assert response.status_code == 400
        assert response.json() == {"video": [VIDEO_REQUIRED]}

    def test_an_unknown_video_is_a_400(self, api, two_crawls):
        response = api.get(f"/playlists/{two_crawls[0].pk}/history?video=nope")
        assert response.status_code == 400
        assert response.json() == {"video": [UNKNOWN_VIDEO.format(video="nope")]}

    def test_on_the_sample_positions_are_0_based(self, api, imported_crawls):
        from playlists.models import Playlist

        playlist = Playlist.objects.get(source_id="PLx0sYbCqOb8Q_CLZC2BdBSKEEB59BOPUM")
        body = api.get(f"/playlists/{playlist.pk}/history?video=XXYlFuWEuKI").json()
        day_2 = [p for p in body["points"] if p["taken_at"].startswith("2022-05-20")]
        assert day_2[0]["position"] == 36
        assert len(body["points"]) == 4


class TestRecordingPlaylists:
    def test_every_crawl_the_recording_appeared_in(self, api, two_crawls):
        playlist, first, second = two_crawls
        body = api.get("/recordings/USAB12200001/playlists").json()
        assert [(r["snapshot_id"], r["position"]) for r in body] == [
            (first.pk, 0),
            (second.pk, 1),
        ]
        assert body[0] == {
            "playlist_id": playlist.pk,
            "playlist_source_id": "PLtwo",
            "playlist_name": first.name,
            "snapshot_id": first.pk,
            "taken_at": "2022-05-19T12:00:00Z",
            "video_id": "aaaaaaaaaaa",
            "isrc": "USAB12200001",
            "position": 0,
        }

    def test_an_alternative_isrc_of_the_recording_finds_it_too(self, api, two_crawls):
        body = api.get("/recordings/us-ab1-22-00002/playlists").json()
        assert len(body) == 2

    def test_a_known_recording_never_in_a_playlist(self, api, db):
        TrackFactory(isrc="USAB12200009")
        assert api.get("/recordings/USAB12200009/playlists").json() == []

    def test_unknown_isrc_is_a_404_and_malformed_a_400(self, api, db):
        assert api.get("/recordings/USAB12299999/playlists").status_code == 404
        response = api.get("/recordings/XX/playlists")
        assert response.status_code == 400
        assert response.json() == {"isrc": [BAD_ISRC.format(value="XX")]}


def test_the_schema_lists_the_paths(api):
    schema = api.get("/api/schema/?format=json").json()
    for path in (
        "/playlists/",
        "/playlists/{id}",
        "/playlists/{id}/history/",
        "/recordings/{isrc}/playlists",
    ):
        assert path in schema["paths"], path
