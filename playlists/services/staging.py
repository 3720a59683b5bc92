"""The crawl records of one file in a temporary table, written the fast way.

PostgreSQL gets them through ``COPY``, SQLite through ``executemany``; every
later step is the same SQL on both (see ``playlists.services.crawls``).
"""

import functools
import hashlib
import io

from django.db import connection

from playlists.parsers import CrawlRecord

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
_TYPES = {"idx": "bigint", "ts": "bigint", "position": "integer", "views": "bigint"}
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


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
        columns = ", ".join(f"{c} {_TYPES.get(c, 'text')}" for c in STAGE_COLUMNS)
        self.cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
        self.cursor.execute(f"CREATE TEMPORARY TABLE {STAGE} ({columns})")

    def stage(self, records: list[CrawlRecord]) -> None:
        self.write([_row(record) for record in records])
        self.staged += len(records)

    def write(self, rows: list[tuple]) -> None:
        marks = ", ".join(["%s"] * len(STAGE_COLUMNS))
        self.cursor.executemany(f"INSERT INTO {STAGE} VALUES ({marks})", rows)

    def analyze(self) -> None:
        """Statistics for the planner, where it needs them."""

    def end(self) -> None:
        self.cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")


class PostgreSQLStager(Stager):
    def begin(self) -> None:
        self.cursor.execute("SET LOCAL work_mem = '128MB'")
        super().begin()

    def write(self, rows: list[tuple]) -> None:
        buffer = io.StringIO()
        for row in rows:
            buffer.write(_copy_line(row))
        buffer.seek(0)
        self.cursor.copy_expert(f"COPY {STAGE} FROM STDIN", buffer)

    def analyze(self) -> None:
        self.cursor.execute(f"ANALYZE {STAGE}")


def stager_for_connection() -> Stager:
    if connection.vendor == "postgresql":
        return PostgreSQLStager()
    return Stager()


def _row(record: CrawlRecord) -> tuple:
    return (
        record.index,
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


def _copy_line(row: tuple) -> str:
    """One line of COPY's text format; fields are escaped only when needed."""
    texts = [value for value in row if type(value) is str]
    probe = "".join(texts)
    if "\\" in probe or "\t" in probe or "\n" in probe or "\r" in probe:
        return "\t".join(map(_copy_text, row)) + "\n"
    return "\t".join("\\N" if value is None else str(value) for value in row) + "\n"


def _copy_text(value: object) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    return str(value)
