"""Which recording a video is: exact, then the parsed title, then fuzzy.

1. **exact**: the crawler's ``artist_name`` and ``track_title`` equal a
   catalogue artist and title key (versions included: the versions the video
   title names count too, so a live video never matches the studio row).
2. **title**: the video title read as ``Artist - Title`` (or ``Title -
   Artist``, or the title with ``artist_name``) equals a title key by one of
   the credited artists (``A & B feat. C`` credits A, B and C).
3. **fuzzy**: among catalogue artists all of whose words are in the video's
   metadata, the recording whose base title is closest to a reading of the
   video title (rapidfuzz ``ratio``, a whole-string edit similarity, so a
   title that is only a subset of the other's words does not score 100), with
   the same versions and the same numbers, at ``FUZZY_THRESHOLD`` or above.

At each stage, two different recordings equally good leave the video
unmatched and marked ambiguous for review; the stages after do not guess.
"""

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from common.text import (
    PACKAGING_WORDS,
    artist_credit_main,
    artist_key,
)
from playlists.matching.catalogue import Catalogue, RecordingGroup
from playlists.matching.videos import VideoReadings, VideoText, video_readings

FUZZY_THRESHOLD = 90.0
EXACT, TITLE, FUZZY, NONE = "exact", "title", "fuzzy", "none"


@dataclass
class MatchDecision:
    video_id: int
    method: str = NONE
    group: RecordingGroup | None = None
    score: float | None = None
    ambiguous: list[RecordingGroup] = field(default_factory=list)


def video_match(*, video: VideoText, catalogue: Catalogue) -> MatchDecision:
    """The decision for one video; ``method`` is ``none`` when unmatched."""
    readings = video_readings(video=video)
    for method, candidates in (
        (EXACT, lambda: _exact(video, readings, catalogue)),
        (TITLE, lambda: _title(readings, catalogue)),
    ):
        found = candidates()
        if len(found) == 1:
            return MatchDecision(video.video_id, method, found[0], 100.0)
        if found:
            return MatchDecision(video.video_id, ambiguous=found)
    return _fuzzy(video, readings, catalogue)


def _distinct(groups: list[RecordingGroup]) -> list[RecordingGroup]:
    unique = {id(group): group for group in groups}
    return sorted(unique.values(), key=lambda group: group.canonical.cm_track)


def _exact(
    video: VideoText, readings: VideoReadings, catalogue: Catalogue
) -> list[RecordingGroup]:
    parsed = readings.track
    if not (video.artist_name and parsed):
        return []
    key = (parsed.base, parsed.versions | readings.versions)
    artist = frozenset({artist_key(value=artist_credit_main(value=video.artist_name))})
    return catalogue.groups_titled(title=key, artists=artist)


def _title(readings: VideoReadings, catalogue: Catalogue) -> list[RecordingGroup]:
    found = []
    for reading in readings.readings:
        key = (reading.title.base, reading.title.versions | readings.versions)
        found.extend(catalogue.groups_titled(title=key, artists=reading.artists))
    return _distinct(found)


def _fuzzy(
    video: VideoText, readings: VideoReadings, catalogue: Catalogue
) -> MatchDecision:
    decision = MatchDecision(video.video_id)
    texts = {reading.title.base for reading in readings.readings}
    best: dict[int, tuple[float, RecordingGroup]] = {}
    for artist in catalogue.artists_within(tokens=readings.tokens):
        # "LE SSERAFIM FEARLESS OFFICIAL M/V": the title is what is left.
        named = catalogue.artist_tokens[artist] | PACKAGING_WORDS
        rest = " ".join(word for word in readings.whole.split() if word not in named)
        groups, bases = catalogue.groups_versioned(
            artist=artist, versions=readings.versions
        )
        for score, group in _closest(texts | {rest}, groups, bases):
            if score > best.get(id(group), (0.0,))[0]:
                best[id(group)] = (score, group)
    if not best:
        return decision
    top = max(score for score, _ in best.values())
    tied = _distinct([group for score, group in best.values() if score == top])
    if len(tied) > 1:
        decision.ambiguous = tied
        return decision
    decision.method, decision.group, decision.score = FUZZY, tied[0], round(top, 1)
    return decision


def _closest(texts: set[str], groups: list[RecordingGroup], bases: list[str]):
    """(score, group) for every group whose base title (``bases``, in the same
    order) is at least ``FUZZY_THRESHOLD`` similar to a text and has the same
    numbers ("Part 2" is not "Part 3"); rapidfuzz compares all of them in one
    call per text."""
    for text in texts - {""}:
        numbers = _numbers(text)
        for _, score, index in process.extract(
            text, bases, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD, limit=None
        ):
            if _numbers(bases[index]) == numbers:
                yield score, groups[index]


def _numbers(text: str) -> set[str]:
    return {word for word in text.split() if word.isdigit()}
