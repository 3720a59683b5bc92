"""``playlists_export``: snapshots and entries flat, one row per crawl position.

CSV is written while the rows stream from the database; Parquet is that CSV
converted by DuckDB with typed columns (no pyarrow), then the CSV is removed.
"""

import csv
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from playlists.models import PlaylistEntry

FORMATS = ("csv", "parquet")
FILE_STEM = "playlist_entries"
COLUMNS = {
    "source": "VARCHAR",
    "playlist_id": "VARCHAR",
    "playlist_name": "VARCHAR",
    "snapshot_id": "BIGINT",
    "taken_at": "TIMESTAMPTZ",
    "playlist_views": "BIGINT",
    "num_videos": "INTEGER",
    "channel_id": "VARCHAR",
    "position": "INTEGER",
    "video_id": "VARCHAR",
    "isrc": "VARCHAR",
    "match_method": "VARCHAR",
}
_FIELDS = (
    "snapshot__playlist__source",
    "snapshot__playlist__source_id",
    "snapshot__name",
    "snapshot_id",
    "snapshot__taken_at",
    "snapshot__views",
    "snapshot__num_videos",
    "snapshot__channel__source_id",
    "position",
    "video__source_id",
    "video__match__recording__isrc",
    "video__match__method",
)
CHUNK_ROWS = 20_000
UNKNOWN_FORMAT = "unknown format {value!r}; expected one of {expected}"


@dataclass
class ExportResult:
    path: Path
    rows: int


def playlists_export(*, out_dir: Path, file_format: str) -> ExportResult:
    """Write ``playlist_entries.<format>`` into ``out_dir`` (created if needed)."""
    if file_format not in FORMATS:
        raise ValueError(UNKNOWN_FORMAT.format(value=file_format, expected=FORMATS))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{FILE_STEM}.{file_format}"
    if file_format == "csv":
        return ExportResult(target, _csv_write(target))
    with tempfile.TemporaryDirectory(dir=out_dir) as work:
        staged = Path(work) / f"{FILE_STEM}.csv"
        rows = _csv_write(staged)
        _parquet_convert(staged, target)
    return ExportResult(target, rows)


def _csv_write(path: Path) -> int:
    entries = (
        PlaylistEntry.objects.order_by(
            "snapshot__playlist_id", "snapshot__taken_at", "position"
        )
        .values_list(*_FIELDS)
        .iterator(chunk_size=CHUNK_ROWS)
    )
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        for row in entries:
            writer.writerow(
                value.isoformat() if index == 4 else value
                for index, value in enumerate(row)
            )
            rows += 1
    return rows


def _parquet_convert(source: Path, target: Path) -> None:
    columns = ", ".join(f"'{name}': '{kind}'" for name, kind in COLUMNS.items())
    connection = duckdb.connect()
    try:
        connection.execute(
            f"COPY (SELECT * FROM read_csv(?, header = true, columns = {{{columns}}})) "
            "TO ? (FORMAT parquet)",
            [str(source), str(target)],
        )
    finally:
        connection.close()
