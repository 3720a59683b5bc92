"""Writes: the catalogue tracks of ``cm_track.csv`` and the recordings they make."""

from collections.abc import Iterable
from dataclasses import dataclass

from recordings.models import Artist, Recording, Track
from recordings.services.links import recording_facts_fill

ARTIST_SOURCE = "chartmetric"


@dataclass(frozen=True, slots=True)
class TrackFact:
    """A catalogue track as a file gives it (ISRC normalised when valid)."""

    cm_track: int
    title: str
    isrc: str
    isrc_valid: bool
    cm_artist: str
    artist: str


def track_upsert_many(*, tracks: Iterable[TrackFact], source: str) -> list[TrackFact]:
    """Upsert tracks by ``cm_track`` (the last of one id wins), each attached
    to the recording of its valid ISRC, created when new and given the title
    and artist when it has none (naming ``source``). A track with an invalid
    ISRC is kept as written and attached to no recording. Returns the tracks
    written, one per ``cm_track``.
    """
    latest = list({track.cm_track: track for track in tracks}.values())
    artists = _artists_upsert(latest)
    valid = [track for track in latest if track.isrc_valid]
    recording_facts_fill(
        facts=[(track.isrc, track.title, track.artist) for track in valid],
        source=source,
    )
    recordings = dict(
        Recording.objects.filter(isrc__in={track.isrc for track in valid}).values_list(
            "isrc", "pk"
        )
    )
    Track.objects.bulk_create(
        [
            Track(
                cm_track=track.cm_track,
                title=track.title,
                isrc=track.isrc,
                isrc_valid=track.isrc_valid,
                artist_id=artists[track.cm_artist],
                recording_id=recordings.get(track.isrc) if track.isrc_valid else None,
            )
            for track in latest
        ],
        update_conflicts=True,
        unique_fields=["cm_track"],
        update_fields=["title", "isrc", "isrc_valid", "artist", "recording"],
    )
    return latest


def _artists_upsert(tracks: list[TrackFact]) -> dict[str, int]:
    names = {track.cm_artist: track.artist for track in tracks}
    Artist.objects.bulk_create(
        [
            Artist(source=ARTIST_SOURCE, source_id=key, name=name)
            for key, name in names.items()
        ],
        update_conflicts=True,
        unique_fields=["source", "source_id"],
        update_fields=["name"],
    )
    return dict(
        Artist.objects.filter(
            source=ARTIST_SOURCE, source_id__in=list(names)
        ).values_list("source_id", "pk")
    )
