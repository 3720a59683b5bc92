"""Writes: importing crawls and the catalogue, matching videos, exporting."""

from playlists.services.importing import DEFAULT_CRAWL_GAP, crawl_file_import
from playlists.services.matching import MatchSummary, videos_match
from playlists.services.tracks import track_file_import

__all__ = [
    "DEFAULT_CRAWL_GAP",
    "MatchSummary",
    "crawl_file_import",
    "track_file_import",
    "videos_match",
]
