"""``videos_match``: run the matcher over every video and store its decisions."""

import multiprocessing
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice

from django.conf import settings

from playlists.matching import Catalogue, MatchDecision, VideoText, video_match
from playlists.selectors.matching import catalogue_row_iter, video_text_iter_unmatched
from playlists.services.match_decisions import DecisionStager

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
    or rule changes them; ``manual`` ones stay as staff set them. The
    decisions are gathered as they come and stored together at the end
    (``DecisionStager``): a run that fails stores none.
    """
    started = time.monotonic()
    summary = MatchSummary()
    stager = DecisionStager()
    for decisions in _decided(Catalogue(catalogue_row_iter())):
        stager.stage(decisions)
        summary.videos += len(decisions)
        summary.per_method.update(decision.method for decision in decisions)
        summary.ambiguous += sum(bool(decision.ambiguous) for decision in decisions)
        if on_progress:
            on_progress(summary.videos)
    stager.store()
    summary.seconds = time.monotonic() - started
    return summary


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
