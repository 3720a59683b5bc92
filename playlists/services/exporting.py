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
    "video__match__track__isrc",
    "video__match__method",
)
CHUNK_ROWS = 20_000
UNKNOWN_FORMAT = "unknown format {value!r}; expected one of {expected}"
OUT_UNUSABLE = "cannot write the export to {path}: {reason}."
# OWASP's CSV injection guidance: a cell a spreadsheet would read as a formula
# (or that starts with a tab or carriage return) is prefixed with a quote.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
_TEXT_COLUMNS = frozenset(
    index for index, kind in enumerate(COLUMNS.values()) if kind == "VARCHAR"
)


class PlaylistsExportError(ValueError):
    """The export cannot be written where it was asked; nothing was written."""


@dataclass
class ExportResult:
    path: Path
    rows: int


def playlists_export(*, out_dir: Path, file_format: str) -> ExportResult:
    """Write ``playlist_entries.<format>`` into ``out_dir`` (created if needed)."""
    if file_format not in FORMATS:
        raise ValueError(UNKNOWN_FORMAT.format(value=file_format, expected=FORMATS))
    target = out_dir / f"{FILE_STEM}.{file_format}"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        if file_format == "csv":
            return ExportResult(target, _csv_write(target, escaped=True))
        with tempfile.TemporaryDirectory(dir=out_dir) as work:
            staged = Path(work) / f"{FILE_STEM}.csv"
            rows = _csv_write(staged, escaped=False)
            _parquet_convert(staged, target)
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise PlaylistsExportError(
            OUT_UNUSABLE.format(path=error.filename or out_dir, reason=reason)
        ) from error
    return ExportResult(target, rows)


def cell_escape(*, value: str) -> str:
    """``value`` as a spreadsheet shows it without running it (OWASP)."""
    return "'" + value if value.startswith(FORMULA_LEADS) else value


def _csv_write(path: Path, *, escaped: bool) -> int:
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
            writer.writerow(_cells(row, escaped=escaped))
            rows += 1
    return rows


def _cells(row: tuple, *, escaped: bool) -> list:
    """The CSV cells of a row; text escaped for spreadsheets when ``escaped``
    (Parquet is typed data, read by programs, and keeps text as it is)."""
    cells = list(row)
    cells[4] = cells[4].isoformat()
    if escaped:
        for index in _TEXT_COLUMNS:
            if cells[index]:
                cells[index] = cell_escape(value=cells[index])
    return cells


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
