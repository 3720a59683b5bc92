"""Ways to read a video's crawled metadata as (artists, title), no ORM.

``Artist - Title (Official Music Video)`` is the common shape, but uploads
also write ``Title - Artist``, ``Artist | Title | Album | ...`` or only the
title, with the artist in the crawler's ``artist_name``. Every plausible
reading is returned; the matcher accepts one only when the catalogue agrees.
"""

import functools
import re
from dataclasses import dataclass

from common.text import (
    VERSION_WORDS,
    ParsedTitle,
    artist_credit_main,
    artist_key,
    artist_names_split,
    text_fixed,
    text_tokens,
    title_parse,
    title_qualifiers_cut,
)

# Between artist and title: a spaced hyphen, en or em dash, or a bar.
_SEPARATORS = re.compile("\\s+[-\u2013\u2014]\\s+|\\s*\\|\\s*")


@dataclass(frozen=True)
class VideoText:
    """A video's current metadata as crawled."""

    video_id: int
    title: str
    artist_name: str | None = None
    track_title: str | None = None


@dataclass(frozen=True)
class Reading:
    """One reading of a video: the artists it credits and the title it names."""

    artists: frozenset[str]  # artist keys
    title: ParsedTitle


@dataclass(frozen=True)
class VideoReadings:
    readings: tuple[Reading, ...]
    versions: frozenset[str]  # the version qualifiers of title and track title
    tokens: frozenset[str]  # the words of title, track title, main artist name
    whole: str  # the whole title's base, artists' names included
    track: ParsedTitle | None  # the crawler's track title, parsed once


def video_readings(*, video: VideoText) -> VideoReadings:
    """Every (artists, title) the metadata can be read as.

    The title's first two parts either way round, the whole title by
    ``artist_name``, and the crawler's ``track_title`` by each of those
    credits. ``versions`` are the version qualifiers of the video title and
    of ``track_title``: a reading only matches a recording with all of them,
    so a live video whose track title says "(Live)" never matches the studio
    row, and a video whose title and track title disagree matches nothing.
    """
    title = " ".join(text_fixed(value=video.title or "").split())
    text, qualifiers = title_qualifiers_cut(title)
    parts = [part for part in _SEPARATORS.split(text) if part.strip()]
    suffix = "".join(f" ({qualifier})" for qualifier in qualifiers)
    # Parts after artist and title name an album, a show, a channel; only a
    # version among them ("Artist - Title - Live") says which recording.
    suffix += "".join(f" ({part})" for part in parts[2:] if _names_version(part))
    named = [video.artist_name] if video.artist_name else []
    readings = []
    if len(parts) >= 2:
        for artist_part, title_part in ((parts[0], parts[1]), (parts[1], parts[0])):
            artists = _artist_keys([artist_part, *named])
            readings.append(Reading(artists, title_parse(value=title_part + suffix)))
    whole = title_parse(value=title)
    if named:
        readings.append(Reading(_artist_keys(named), whole))
    versions = frozenset().union(*(reading.title.versions for reading in readings))
    words = set(whole.base.split())
    track = None
    if video.track_title:
        track = title_parse(value=video.track_title)
        versions |= track.versions
        words.update(track.base.split())
        credits = {reading.artists for reading in readings}
        readings.extend(Reading(artists, track) for artists in credits)
    for credit in named:
        words.update(text_tokens(value=artist_credit_main(value=credit)))
    return VideoReadings(tuple(readings), versions, frozenset(words), whole.base, track)


def _names_version(text: str) -> bool:
    return bool(VERSION_WORDS.intersection(text_tokens(value=text)))


def _artist_keys(credits: list[str]) -> frozenset[str]:
    return frozenset().union(*map(_credit_keys, credits))


@functools.lru_cache(maxsize=1 << 16)
def _credit_keys(credit: str) -> frozenset[str]:
    """A main credit whole and each name in it: "A & B ft. C" credits "a b",
    "a" and "b"; a featured artist's own song of the same title is another
    recording ("Clean Bandit - Solo (feat. Demi Lovato)" is not Demi Lovato's
    "Solo"). Cached: credits repeat across videos."""
    main = artist_credit_main(value=credit)
    names = [main, *artist_names_split(value=main)]
    return frozenset(artist_key(value=name) for name in names) - {""}
