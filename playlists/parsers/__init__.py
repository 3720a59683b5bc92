"""Pure parsers (no ORM): crawl records from JSON, catalogue rows from CSV."""

from playlists.parsers.records import (
    CrawlFileError,
    CrawlRecord,
    DeadLetterRecord,
    crawl_record_parse,
    crawl_records_read,
    timestamp_from_us,
)
from playlists.parsers.tracks import (
    TrackFileError,
    TrackRow,
    TrackRowError,
    track_rows_read,
)

__all__ = [
    "CrawlFileError",
    "CrawlRecord",
    "DeadLetterRecord",
    "TrackFileError",
    "TrackRow",
    "TrackRowError",
    "crawl_record_parse",
    "crawl_records_read",
    "timestamp_from_us",
    "track_rows_read",
]
