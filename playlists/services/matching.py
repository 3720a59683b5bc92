"""``videos_match``: run the matcher over every video and store its decisions."""

import json
import multiprocessing
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from playlists.matching import Catalogue, MatchDecision, VideoText, video_match
from playlists.models import VideoMatch
from playlists.selectors.matching import catalogue_row_iter, video_text_iter_unmatched

BATCH_VIDEOS = 2_000
AMBIGUOUS = "ambiguous"

# A staff decision is checked for in the write itself, not in the list of
# videos read at the start: one saved while the run goes on stays. The rows
# written come back, so only their alternatives are replaced.
_DECISION_UPSERT_SQL = """
    INSERT INTO playlists_videomatch
        (video_id, track_id, method, score, ambiguous, candidates,
         decided_by_id, updated_at)
    VALUES {values}
    ON CONFLICT (video_id) DO UPDATE SET
        track_id = excluded.track_id, method = excluded.method,
        score = excluded.score, ambiguous = excluded.ambiguous,
        candidates = excluded.candidates, decided_by_id = NULL,
        updated_at = excluded.updated_at
    WHERE playlists_videomatch.method <> %s
    RETURNING video_id
"""


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
    summary = MatchSummary()
    for decisions in _decided(Catalogue(catalogue_row_iter())):
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
    """Upsert the decisions, except over a staff one, and their alternatives."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    params = [
        value
        for decision in decisions
        for value in (
            decision.video_id,
            decision.group.canonical.track_id if decision.group else None,
            decision.method,
            decision.score,
            bool(decision.ambiguous),
            json.dumps([_candidate(group) for group in decision.ambiguous]),
            None,
            now,
        )
    ]
    values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s)"] * len(decisions))
    with connection.cursor() as cursor:
        cursor.execute(
            _DECISION_UPSERT_SQL.format(values=values),
            [*params, VideoMatch.Method.MANUAL],
        )
        written = {video_id for (video_id,) in cursor.fetchall()}
    through = VideoMatch.alternatives.through
    through.objects.filter(videomatch_id__in=written).delete()
    through.objects.bulk_create(
        through(videomatch_id=decision.video_id, track_id=row.track_id)
        for decision in decisions
        if decision.group and decision.video_id in written
        for row in decision.group.alternatives
    )


def _candidate(group) -> dict:
    row = group.canonical
    return {
        "track_id": row.track_id,
        "isrc": row.isrc,
        "title": row.title,
        "artist": row.artist,
    }


def _batches(items: Iterator) -> Iterator[list]:
    while batch := list(islice(items, BATCH_VIDEOS)):
        yield batch


# The catalogue the forked deciders read: inherited, never sent to them.
_catalogue: Catalogue | None = None


def _decided(catalogue: Catalogue) -> Iterator[list[MatchDecision]]:
    """Each batch of videos decided, in order: in ``PLAYLISTS_MATCH_PROCESSES``
    forked processes when there is more than one batch, which only match
    (the database is read and written here)."""
    global _catalogue
    _catalogue = catalogue
    batches = _batches(video_text_iter_unmatched())
    first = next(batches, [])
    processes = settings.PLAYLISTS_MATCH_PROCESSES
    if processes < 2 or len(first) < BATCH_VIDEOS:
        yield from map(_batch_decide, chain([first], batches))
        return
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        yield from pool.imap(_batch_decide, chain([first], batches))


def _batch_decide(batch: list[VideoText]) -> list[MatchDecision]:
    return [video_match(video=video, catalogue=_catalogue) for video in batch]
