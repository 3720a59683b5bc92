"""``videos_match``: run the matcher over every video and store its decisions."""

import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.db import transaction

from playlists.matching import Catalogue, MatchDecision, video_match
from playlists.models import VideoMatch
from playlists.selectors.matching import catalogue_row_iter, video_text_iter_unmatched

BATCH_VIDEOS = 2_000
AMBIGUOUS = "ambiguous"


@dataclass
class MatchSummary:
    videos: int = 0
    per_method: Counter = field(default_factory=Counter)
    ambiguous: int = 0
    seconds: float = 0.0

    @property
    def matched(self) -> int:
        return sum(n for method, n in self.per_method.items() if method != "none")


def videos_match(*, on_progress: Callable[[int], None] | None = None) -> MatchSummary:
    """Match every video not decided by staff; safe to run again.

    Each run replaces the previous automatic decisions, so a better catalogue
    or rule changes them; ``manual`` ones stay as staff set them.
    """
    started = time.monotonic()
    catalogue = Catalogue(catalogue_row_iter())
    summary = MatchSummary()
    for batch in _batches(video_text_iter_unmatched()):
        decisions = [video_match(video=video, catalogue=catalogue) for video in batch]
        _decisions_store(decisions)
        summary.videos += len(decisions)
        summary.per_method.update(decision.method for decision in decisions)
        summary.ambiguous += sum(bool(decision.ambiguous) for decision in decisions)
        if on_progress:
            on_progress(summary.videos)
    summary.seconds = time.monotonic() - started
    return summary


@transaction.atomic
def _decisions_store(decisions: list[MatchDecision]) -> None:
    matches = [
        VideoMatch(
            video_id=decision.video_id,
            recording_id=decision.group.canonical.recording_id
            if decision.group
            else None,
            method=decision.method,
            score=decision.score,
            ambiguous=bool(decision.ambiguous),
            candidates=[_candidate(group) for group in decision.ambiguous],
            decided_by=None,
        )
        for decision in decisions
    ]
    VideoMatch.objects.bulk_create(
        matches,
        update_conflicts=True,
        unique_fields=["video"],
        update_fields=[
            "recording",
            "method",
            "score",
            "ambiguous",
            "candidates",
            "decided_by",
            "updated_at",
        ],
    )
    through = VideoMatch.alternatives.through
    through.objects.filter(
        videomatch_id__in=[decision.video_id for decision in decisions]
    ).delete()
    through.objects.bulk_create(
        through(videomatch_id=decision.video_id, recording_id=row.recording_id)
        for decision in decisions
        if decision.group
        for row in decision.group.alternatives
    )


def _candidate(group) -> dict:
    row = group.canonical
    return {
        "recording_id": row.recording_id,
        "isrc": row.isrc,
        "title": row.title,
        "artist": row.artist,
    }


def _batches(items: Iterator) -> Iterator[list]:
    while batch := list(islice(items, BATCH_VIDEOS)):
        yield batch
