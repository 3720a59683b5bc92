"""``track_file_import``: load the recordings catalogue (``cm_track.csv``)."""

import time
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.db import transaction

from playlists.models import Artist, Recording
from playlists.parsers import TrackFileError, TrackRow, TrackRowError, track_rows_read

BATCH_ROWS = 5_000
ARTIST_SOURCE = "chartmetric"


@dataclass
class TrackImportResult:
    path: str
    ok: bool = True
    message: str = ""
    rows_read: int = 0
    recordings: int = 0
    invalid_isrcs: int = 0
    errors: list[TrackRowError] = field(default_factory=list)
    seconds: float = 0.0


def track_file_import(*, path: Path) -> TrackImportResult:
    """Upsert every good row by ``cm_track``; bad rows are reported, not stored.

    An invalid ISRC is kept as written (trimmed) with ``isrc_valid`` false and
    counted; the same file again changes nothing.
    """
    started = time.monotonic()
    result = TrackImportResult(path=str(path))
    try:
        with (
            open(path, encoding="utf-8-sig", newline="") as stream,
            transaction.atomic(),
        ):
            _rows_load(track_rows_read(stream=stream), result)
    except (TrackFileError, UnicodeDecodeError) as error:
        result.ok, result.message = False, f"{path}: {error}"
        result.recordings = result.invalid_isrcs = 0
    result.seconds = time.monotonic() - started
    return result


def _rows_load(items, result: TrackImportResult) -> None:
    while batch := list(islice(items, BATCH_ROWS)):
        result.rows_read += len(batch)
        result.errors.extend(item for item in batch if isinstance(item, TrackRowError))
        # The last line of a cm_track wins, as a later upsert would.
        rows = {row.cm_track: row for row in batch if isinstance(row, TrackRow)}
        artists = _artists_upsert(rows.values())
        Recording.objects.bulk_create(
            [
                Recording(
                    cm_track=row.cm_track,
                    title=row.title,
                    isrc=row.isrc,
                    isrc_valid=row.isrc_valid,
                    artist_id=artists[row.cm_artist],
                )
                for row in rows.values()
            ],
            update_conflicts=True,
            unique_fields=["cm_track"],
            update_fields=["title", "isrc", "isrc_valid", "artist"],
        )
        result.recordings += len(rows)
        result.invalid_isrcs += sum(not row.isrc_valid for row in rows.values())


def _artists_upsert(rows) -> dict[str, int]:
    names = {row.cm_artist: row.artist for row in rows}
    Artist.objects.bulk_create(
        [
            Artist(source=ARTIST_SOURCE, source_id=key, name=n)
            for key, n in names.items()
        ],
        update_conflicts=True,
        unique_fields=["source", "source_id"],
        update_fields=["name"],
    )
    return dict(
        Artist.objects.filter(
            source=ARTIST_SOURCE, source_id__in=list(names)
        ).values_list("source_id", "pk")
    )
