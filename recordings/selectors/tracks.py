"""Reads: the catalogue tracks, as the playlists matcher indexes them."""

from collections.abc import Iterator

from recordings.models import Track

CHUNK_ROWS = 10_000


def track_catalogue_iter() -> Iterator[tuple[int, int, str, bool, str, str]]:
    """Every track as ``(id, cm_track, isrc, isrc_valid, title, artist name)``,
    by id, read in chunks."""
    rows = Track.objects.values_list(
        "pk", "cm_track", "isrc", "isrc_valid", "title", "artist__name"
    ).order_by("pk")
    yield from rows.iterator(chunk_size=CHUNK_ROWS)


def track_exists(*, isrc: str) -> bool:
    """Whether a catalogue track has this ISRC (normal form, or as written)."""
    return Track.objects.filter(isrc=isrc).exists()
