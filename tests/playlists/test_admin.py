"""The admin: browsing crawls, and the review list where staff decide matches."""

import pytest
from django.urls import reverse

from playlists.models import VideoMatch
from tests.playlists.factories import (
    PlaylistEntryFactory,
    VideoMatchFactory,
    VideoMetadataFactory,
)
from tests.recordings.factories import TrackFactory

pytestmark = pytest.mark.django_db
REVIEW = reverse("admin:playlists_videoreview_changelist")


@pytest.fixture
def staff(admin_client):
    return admin_client


@pytest.fixture
def to_review():
    unmatched = VideoMatchFactory(track=None, method="none")
    ambiguous = VideoMatchFactory(
        track=None,
        method="none",
        ambiguous=True,
        candidates=[
            {"track_id": 1, "isrc": "USAB12200001", "title": "S", "artist": "A"},
            {"track_id": 2, "isrc": "USAB12200002", "title": "S", "artist": "B"},
        ],
    )
    matched = VideoMatchFactory()
    for match in (unmatched, ambiguous, matched):
        VideoMetadataFactory(video=match.video)
    return unmatched, ambiguous, matched


def test_the_review_list_holds_unmatched_and_ambiguous_videos(staff, to_review):
    unmatched, ambiguous, _ = to_review
    response = staff.get(REVIEW)
    assert response.status_code == 200
    listed = [m.pk for m in response.context["cl"].result_list]
    assert listed == [ambiguous.pk, unmatched.pk]  # ambiguous first


def test_the_tied_candidates_are_shown(staff, to_review):
    ambiguous = to_review[1]
    url = reverse("admin:playlists_videoreview_change", args=[ambiguous.pk])
    page = staff.get(url).content.decode()
    assert "USAB12200001" in page
    assert "USAB12200002" in page


def test_staff_set_a_match(staff, to_review, admin_user):
    unmatched = to_review[0]
    track = TrackFactory()
    url = reverse("admin:playlists_videoreview_change", args=[unmatched.pk])
    response = staff.post(url, {"track": track.pk})
    assert response.status_code == 302
    unmatched.refresh_from_db()
    assert (unmatched.track, unmatched.method) == (track, "manual")
    assert unmatched.decided_by == admin_user
    assert unmatched.pk not in [
        m.pk for m in staff.get(REVIEW).context["cl"].result_list
    ]


def test_staff_clear_a_wrong_match(staff, to_review):
    matched = to_review[2]
    response = staff.post(
        reverse("admin:playlists_videomatch_changelist"),
        {"action": "clear_match", "_selected_action": [matched.pk]},
    )
    assert response.status_code == 302
    matched.refresh_from_db()
    assert (matched.track, matched.method) == (None, VideoMatch.Method.MANUAL)


@pytest.mark.parametrize(
    "name",
    [
        "playlist",
        "playlistsnapshot",
        "video",
        "deadletter",
        "playlistimport",
        "videomatch",
    ],
)
def test_every_list_opens(staff, name):
    PlaylistEntryFactory()
    assert staff.get(reverse(f"admin:playlists_{name}_changelist")).status_code == 200


def test_crawl_data_cannot_be_edited(staff):
    entry = PlaylistEntryFactory()
    url = reverse("admin:playlists_playlistsnapshot_change", args=[entry.snapshot_id])
    page = staff.get(url)
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
