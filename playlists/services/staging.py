"""The crawl records of one file in a temporary table, written the fast way.

PostgreSQL gets them through ``COPY``, SQLite through ``executemany``
(``common.db.rows_insert``); every later step is the same SQL on both (see
``playlists.services.crawls``).
"""

import functools
import hashlib
from pathlib import Path

from django.db import connection

from common.db import rows_insert, tables_analyze
from playlists.parsers import CrawlRecord
from playlists.storage import storage

STAGE = "playlists_stage"
STAGE_COLUMNS = (
    "idx",
    "playlist_id",
    "video_id",
    "ts",
    "position",
    "playlist_name",
    "artwork_url",
    "channel_id",
    "views",
    "num_videos",
    "title",
    "artist_name",
    "track_title",
    "image_url",
    "digest",
)
# A part holds fewer than 2**40 records.
PART_SHIFT = 40
_TYPES = {"idx": "bigint", "ts": "bigint", "position": "integer", "views": "bigint"}


@functools.lru_cache(maxsize=1 << 16)
def metadata_digest(
    title: str | None,
    track_title: str | None,
    artist_name: str | None,
    image: str | None,
) -> str:
    """One digest per version of a video's metadata; null differs from "".

    Cached: a video comes back with the same metadata in every crawl.
    """
    parts = (title, track_title, artist_name, image)
    text = "\x1f".join("\x00" if part is None else part for part in parts)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


class Stager:
    """Create the staging table, append batches of records, drop it."""

    def __init__(self):
        self.cursor = connection.cursor()
        self.staged = 0

    def begin(self) -> None:
        storage().stage_tune(self.cursor)
        columns = ", ".join(f"{c} {_TYPES.get(c, 'text')}" for c in STAGE_COLUMNS)
        self.cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
        self.cursor.execute(f"CREATE TEMPORARY TABLE {STAGE} ({columns})")

    def stage(self, records: list[CrawlRecord]) -> None:
        rows = [stage_row(record) for record in records]
        rows_insert(self.cursor, table=STAGE, columns=STAGE_COLUMNS, rows=rows)
        self.staged += len(records)

    def part_stage(self, *, path: Path, records: int) -> None:
        """The rows a part's reader wrote to ``path`` (``part_rows_write``)."""
        storage().part_rows_load(
            self.cursor, path=path, table=STAGE, columns=STAGE_COLUMNS
        )
        self.staged += records

    def analyze(self) -> None:
        """Statistics for the planner, where it needs them."""
        tables_analyze(self.cursor, tables=[STAGE])

    def end(self) -> None:
        self.cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")


def stager_for_connection() -> Stager:
    """A stager on the default connection."""
    return Stager()


def stage_row(record: CrawlRecord, *, part: int = 0) -> tuple:
    """The record as a staged row. ``idx`` orders the records of the file: a
    record's index in its part, with the part's number in the high bits."""
    return (
        (part << PART_SHIFT) + record.index,
        record.playlist_id,
        record.video_id,
        record.timestamp_us,
        record.position,
        record.playlist_name,
        record.artwork_url,
        record.channel_id,
        record.views,
        record.num_videos,
        record.title,
        record.artist_name,
        record.track_title,
        record.image_url,
        metadata_digest(
            record.title, record.track_title, record.artist_name, record.image_url
        ),
    )
