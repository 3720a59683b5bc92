"""The review queue: videos without a recording that no one decided on."""

import pytest

from playlists.selectors.review import video_review_count, video_review_list
from tests.playlists.factories import VideoMatchFactory

pytestmark = pytest.mark.django_db


def test_the_queue_holds_undecided_videos_ambiguous_first():
    unmatched = VideoMatchFactory(track=None, method="none")
    ambiguous = VideoMatchFactory(track=None, method="none", ambiguous=True)
    VideoMatchFactory()  # matched
    VideoMatchFactory(track=None, method="manual")  # staff said: none
    assert [m.pk for m in video_review_list()] == [ambiguous.pk, unmatched.pk]
    assert video_review_count() == 2
