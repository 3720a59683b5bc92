"""Writes: importing crawls and the catalogue, matching videos, exporting."""

from playlists.services.importing import (
    DEFAULT_CRAWL_GAP,
    CrawlImportResult,
    ImportStatus,
    crawl_file_import,
)
from playlists.services.matching import MatchSummary, videos_match
from playlists.services.tracks import TrackImportResult, track_file_import

__all__ = [
    "DEFAULT_CRAWL_GAP",
    "CrawlImportResult",
    "ImportStatus",
    "MatchSummary",
    "TrackImportResult",
    "crawl_file_import",
    "track_file_import",
    "videos_match",
]
