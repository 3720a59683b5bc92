"""Reads for the matcher: the catalogue (``recordings``' tracks) and each
video's current metadata."""

from collections.abc import Iterator

from playlists.matching import CatalogueRow, VideoText
from playlists.models import VideoMatch, VideoMetadata
from recordings.selectors.tracks import track_catalogue_iter

CHUNK_ROWS = 10_000


def catalogue_row_iter() -> Iterator[CatalogueRow]:
    for row in track_catalogue_iter():
        yield CatalogueRow(*row)


def video_text_iter_unmatched() -> Iterator[VideoText]:
    """Every video's latest metadata, by video id; staff decisions are left out.

    A video whose metadata changed is matched on the version seen last.
    """
    decided = set(
        VideoMatch.objects.filter(method=VideoMatch.Method.MANUAL).values_list(
            "video_id", flat=True
        )
    )
    versions = VideoMetadata.objects.order_by("video_id", "-last_seen", "-pk")
    previous = None
    for video_id, title, artist_name, track_title in versions.values_list(
        "video_id", "title", "artist_name", "track_title"
    ).iterator(chunk_size=CHUNK_ROWS):
        if video_id == previous or video_id in decided:
            continue
        previous = video_id
        yield VideoText(video_id, title, artist_name, track_title)
