"""The crawl records of one file in a temporary table, written the fast way.

PostgreSQL gets them through ``COPY``, SQLite through ``executemany``; every
later step is the same SQL on both (see ``playlists.services.crawls``).
"""

import datetime
import hashlib
import io

from django.db import connection

from playlists.parsers import CrawlRecord, timestamp_from_us

STAGE = "playlists_stage"
STAGE_COLUMNS = (
    "idx",
    "playlist_id",
    "video_id",
    "ts",
    "seen_at",
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
_TYPES = {"idx": "bigint", "ts": "bigint", "position": "integer", "views": "bigint"}
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def metadata_digest(record: CrawlRecord) -> str:
    """One digest per version of a video's metadata; null differs from ""."""
    parts = (record.title, record.track_title, record.artist_name, record.image_url)
    text = "\x1f".join("\x00" if part is None else part for part in parts)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


class Stager:
    """Create the staging table, append batches of records, drop it."""

    def __init__(self):
        self.cursor = connection.cursor()
        self.staged = 0

    seen_at_type = "text"

    def begin(self) -> None:
        types = {**_TYPES, "seen_at": self.seen_at_type}
        columns = ", ".join(f"{c} {types.get(c, 'text')}" for c in STAGE_COLUMNS)
        self.cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
        self.cursor.execute(f"CREATE TEMPORARY TABLE {STAGE} ({columns})")

    def stage(self, records: list[CrawlRecord]) -> None:
        self.write([self.row(record) for record in records])
        self.staged += len(records)

    def row(self, record: CrawlRecord) -> tuple:
        return (
            record.index,
            record.playlist_id,
            record.video_id,
            record.timestamp_us,
            self.seen_at(timestamp_from_us(record.timestamp_us)),
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
            metadata_digest(record),
        )

    def seen_at(self, moment: datetime.datetime) -> str:
        # Fixed width, so MIN and MAX on the text are chronological.
        return moment.strftime("%Y-%m-%d %H:%M:%S.%f")

    def write(self, rows: list[tuple]) -> None:
        marks = ", ".join(["%s"] * len(STAGE_COLUMNS))
        self.cursor.executemany(f"INSERT INTO {STAGE} VALUES ({marks})", rows)

    def analyze(self) -> None:
        """Statistics for the planner, where it needs them."""

    def end(self) -> None:
        self.cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")


class PostgreSQLStager(Stager):
    seen_at_type = "timestamptz"

    def begin(self) -> None:
        self.cursor.execute("SET LOCAL work_mem = '128MB'")
        super().begin()

    def seen_at(self, moment: datetime.datetime) -> str:
        return super().seen_at(moment) + "+00"

    def write(self, rows: list[tuple]) -> None:
        buffer = io.StringIO()
        for row in rows:
            buffer.write("\t".join(map(_copy_text, row)))
            buffer.write("\n")
        buffer.seek(0)
        self.cursor.copy_expert(f"COPY {STAGE} FROM STDIN", buffer)

    def analyze(self) -> None:
        self.cursor.execute(f"ANALYZE {STAGE}")


def stager_for_connection() -> Stager:
    if connection.vendor == "postgresql":
        return PostgreSQLStager()
    return Stager()


def _copy_text(value: object) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    return str(value)
