"""Crawl imports and match runs at once, on PostgreSQL, with real connections.

Each import runs in a thread with its own connection; events order them so
that the second reaches its crawl load while the first has loaded and not
committed. Before the crawl lock, the second grouped its records without the
first's new crawl: one crawl became two snapshots for good, or, when both
files held the same crawl, the second failed on the unique ``taken_at``
(issue 25, item 4).
"""

import json
import threading

import pytest
from django.contrib.auth.models import User

from playlists.models import PlaylistEntry, PlaylistSnapshot, VideoMatch
from playlists.services import crawl_file_import, crawls, matching, videos_match
from playlists.services.review import video_match_set
from tests.playlists.factories import (
    VideoMatchFactory,
    VideoMetadataFactory,
)
from tests.recordings.factories import TrackFactory
from tests.threads import Worker, lock_waiters

# SQLite has one writer: two writers cannot overlap there.
pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True),
]

PLAYLISTS = ("PLa", "PLb", "PLc")


def crawl_file(path, *, day: int, positions: range, indent=None):
    records = [
        {
            "playlist_id": playlist,
            "playlist_name": "Hits",
            "channel_id": "UCx",
            "views": 10,
            "num_videos": 50,
            "timestp": f"2022-05-{day:02d}T10:00:{position:02d}",
            "video_id": f"v{position:03d}",
            "title": f"Song {position}",
            "position": position,
        }
        for playlist in PLAYLISTS
        for position in positions
    ]
    path.write_text(json.dumps(records, indent=indent))
    return path


@pytest.mark.parametrize(
    ("second_positions", "duplicates"),
    [(range(25, 50), 0), (range(0, 25), 25 * len(PLAYLISTS))],
    ids=["two-halves-of-one-crawl", "the-same-crawl-twice"],
)
def test_two_files_of_one_crawl_at_once_give_one_snapshot(
    tmp_path, monkeypatch, second_positions, duplicates
):
    # The playlists and videos exist: the imports' inserts of them wait for
    # nothing, as in a daily crawl.
    earlier = crawl_file(tmp_path / "day1.json", day=18, positions=range(50))
    assert crawl_file_import(path=earlier).ok
    first = crawl_file(tmp_path / "a.json", day=19, positions=range(25))
    second = crawl_file(
        tmp_path / "b.json", day=19, positions=second_positions, indent=1
    )

    first_loading, second_arrived = threading.Event(), threading.Event()
    calls, calls_lock = [], threading.Lock()
    group = crawls._crawls_group

    def group_in_turn(cursor, **kwargs):
        with calls_lock:
            calls.append(None)
            number = len(calls)
        if number == 1:
            first_loading.set()
            assert second_arrived.wait(timeout=60)
        else:
            second_arrived.set()
        return group(cursor, **kwargs)

    monkeypatch.setattr(crawls, "_crawls_group", group_in_turn)
    importer_a = Worker(lambda: crawl_file_import(path=first))
    importer_a.start()
    assert first_loading.wait(timeout=60)
    importer_b = Worker(lambda: crawl_file_import(path=second))
    importer_b.start()
    # Either the second waits for the first's lock, or (without one) it
    # reaches the crawl rule while the first has not committed.
    while not (second_arrived.is_set() or lock_waiters()):
        assert importer_b.is_alive() or importer_b.outcome()
    second_arrived.set()

    result_a, result_b = importer_a.outcome(), importer_b.outcome()
    assert result_a.ok, result_a.message
    assert result_b.ok, result_b.message
    assert result_b.details["records_duplicate"] == duplicates
    for playlist in PLAYLISTS:
        (snapshot,) = PlaylistSnapshot.objects.filter(
            playlist__source_id=playlist, taken_at__day=19
        )
        positions = PlaylistEntry.objects.filter(snapshot=snapshot)
        assert positions.count() == 25 + 25 * (duplicates == 0)


def test_a_staff_decision_committed_during_a_match_run_stays(monkeypatch):
    """The run read the decided videos once at its start and its bulk write
    overwrote a decision committed meanwhile (issue 25, item 3)."""
    metadata = VideoMetadataFactory.create_batch(3)
    target = VideoMatchFactory(video=metadata[1].video, method="none", track=None)
    chosen = TrackFactory()
    staff = User.objects.create_user("staff", is_staff=True)

    run_started, decided = threading.Event(), threading.Event()
    matcher = matching.video_match

    def match_once_staff_decided(*, video, catalogue):
        run_started.set()
        assert decided.wait(timeout=60)
        return matcher(video=video, catalogue=catalogue)

    monkeypatch.setattr(matching, "video_match", match_once_staff_decided)
    run = Worker(videos_match)
    run.start()
    assert run_started.wait(timeout=60)
    staff_decision = Worker(
        lambda: video_match_set(
            match=VideoMatch.objects.get(pk=target.pk), track=chosen, user=staff
        )
    )
    staff_decision.start()
    staff_decision.outcome()
    decided.set()

    assert run.outcome().videos == 3
    target.refresh_from_db()
    assert (target.method, target.track, target.decided_by) == (
        "manual",
        chosen,
        staff,
    )
