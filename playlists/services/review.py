"""Staff decisions on matches: they win over the matcher from then on."""

from collections.abc import Iterable

from django.db import transaction

from playlists.models import Recording, VideoMatch


@transaction.atomic
def video_match_set(*, match: VideoMatch, recording: Recording, user) -> VideoMatch:
    """Set the video's recording by hand; ``match_videos`` keeps it."""
    match.recording, match.method, match.score = (
        recording,
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
        match.recording, match.method, match.score = (
            None,
            VideoMatch.Method.MANUAL,
            None,
        )
        match.ambiguous, match.candidates, match.decided_by = False, [], user
        match.save()
        match.alternatives.clear()
        cleared += 1
    return cleared
