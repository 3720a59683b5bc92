"""Writes: importing crawls and the catalogue, matching videos, exporting."""

from playlists.services.importing import (
    DEFAULT_CRAWL_GAP,
    CrawlImportResult,
    ImportStatus,
    crawl_file_import,
)

__all__ = [
    "DEFAULT_CRAWL_GAP",
    "CrawlImportResult",
    "ImportStatus",
    "crawl_file_import",
]
