"""Staff decisions on matches: they win over the matcher from then on."""

from collections.abc import Iterable

from django.db import transaction

from playlists.models import VideoMatch
from recordings.models import Track


@transaction.atomic
def video_match_set(*, match: VideoMatch, track: Track, user) -> VideoMatch:
    """Set the video's catalogue track by hand; ``match_videos`` keeps it."""
    match.track, match.method, match.score = (
        track,
        VideoMatch.Method.MANUAL,
        None,
    )
    match.ambiguous, match.candidates, match.decided_by = False, [], user
    match.save()
    match.alternatives.clear()
    return match


@transaction.atomic
def video_match_clear(*, matches: Iterable[VideoMatch], user) -> int:
    """Say by hand that these videos are no catalogued recording."""
    cleared = 0
    for match in matches:
        match.track, match.method, match.score = (
            None,
            VideoMatch.Method.MANUAL,
            None,
        )
        match.ambiguous, match.candidates, match.decided_by = False, [], user
        match.save()
        match.alternatives.clear()
        cleared += 1
    return cleared
