"""videos_match on the delivered samples and around staff decisions."""

import pytest
from django.contrib.auth.models import User

from playlists.models import VideoMatch
from playlists.services import matching, track_file_import, videos_match
from playlists.services.review import video_match_set
from tests.recordings.factories import TrackFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def matched(imported_crawls, track_sample):
    track_file_import(path=track_sample)
    return videos_match()


def test_counts_per_stage_on_the_samples(matched):
    assert matched.videos == 1046
    assert {m: matched.per_method[m] for m in ("exact", "title", "fuzzy")} == {
        "exact": 214,
        "title": 87,
        "fuzzy": 4,
    }
    assert VideoMatch.objects.count() == 1046
    assert VideoMatch.objects.exclude(track=None).count() == matched.matched


def test_a_match_is_the_canonical_row_with_the_others_as_alternatives(matched):
    # "Shape of You" by Ed Sheeran is catalogued twice; the lowest cm_track
    # (both ISRCs are valid) is the match, the other an alternative.
    match = VideoMatch.objects.get(
        video__metadata__title="Ed Sheeran - Shape of You (Official Music Video)"
    )
    assert (match.track.cm_track, match.track.isrc) == (
        12450039,
        "GBAHS1600463",
    )
    assert [r.isrc for r in match.alternatives.all()] == ["GBAHS1700003"]


def decisions() -> list[tuple]:
    return [
        (m.video_id, m.track_id, m.method, m.score, m.ambiguous, m.candidates)
        for m in VideoMatch.objects.order_by("pk")
    ]


def test_forked_deciders_decide_as_one_process(matched, monkeypatch, settings):
    single = decisions()
    VideoMatch.objects.all().delete()
    monkeypatch.setattr(matching, "BATCH_VIDEOS", 100)
    settings.PLAYLISTS_MATCH_PROCESSES = 2
    again = videos_match()
    assert (again.videos, again.per_method) == (matched.videos, matched.per_method)
    assert decisions() == single


def test_running_again_gives_the_same_decisions(matched):
    before = list(VideoMatch.objects.order_by("pk").values_list("pk", "track_id"))
    again = videos_match()
    assert again.per_method == matched.per_method
    after = list(VideoMatch.objects.order_by("pk").values_list("pk", "track_id"))
    assert after == before


def test_staff_decisions_are_kept(matched):
    match = VideoMatch.objects.exclude(track=None).first()
    other = TrackFactory()
    match.track, match.method = other, VideoMatch.Method.MANUAL
    match.save()
    summary = videos_match()
    assert summary.videos == 1045
    match.refresh_from_db()
    assert (match.track, match.method) == (other, "manual")


def test_a_staff_decision_saved_during_the_run_is_kept(matched, monkeypatch):
    """The decided videos were read once at the start and the bulk write
    overwrote one decided meanwhile (issue 25, item 3)."""
    target = VideoMatch.objects.exclude(track=None).order_by("pk").last()
    chosen = TrackFactory()
    staff = User.objects.create_user("staff")
    matcher = matching.video_match

    def decide_by_hand_once_the_run_has_started(*, video, catalogue):
        if not VideoMatch.objects.filter(method=VideoMatch.Method.MANUAL).exists():
            video_match_set(match=target, track=chosen, user=staff)
        return matcher(video=video, catalogue=catalogue)

    monkeypatch.setattr(
        matching, "video_match", decide_by_hand_once_the_run_has_started
    )
    summary = videos_match()
    assert summary.videos == 1046  # the video was not decided when the run began
    target.refresh_from_db()
    assert (target.track, target.method, target.decided_by) == (
        chosen,
        "manual",
        staff,
    )
    assert list(target.alternatives.all()) == []


def test_a_run_with_no_video_stores_nothing(track_sample):
    """With nothing crawled yet, the run wrote an upsert of no values and failed."""
    track_file_import(path=track_sample)
    summary = videos_match()
    assert (summary.videos, summary.matched) == (0, 0)
    assert not VideoMatch.objects.exists()
