"""``track_file_import``: load the recordings catalogue (``cm_track.csv``)."""

from collections.abc import Iterable
from pathlib import Path

from common.ingest.batches import (
    BatchCounts,
    ProgressCallback,
    batched,
    batches_ingest,
)
from common.ingest.results import ImportResult, timed
from common.ingest.services import file_ingest, set_aside_keeper
from playlists.models import Artist, Recording, TrackImport, TrackReject
from playlists.parsers import TrackFileError, TrackRow, TrackRowError, track_rows_read
from recordings.services import recording_facts_fill

BATCH_ROWS = 5_000
ARTIST_SOURCE = "chartmetric"
FACTS_SOURCE = "cm_track"


@timed
def track_file_import(
    *, path: Path, on_progress: ProgressCallback | None = None
) -> ImportResult:
    """Upsert every good row by ``cm_track``; bad rows are set aside.

    An invalid ISRC is kept as written (trimmed) with ``isrc_valid`` false and
    counted (``details["invalid_isrcs"]``); the same file again changes
    nothing. Each import is a ``TrackImport``, its bad rows ``TrackReject``s.
    """
    counts = BatchCounts()
    return file_ingest(
        path=path,
        model=TrackImport,
        load=lambda record: _rows_load(record, counts, on_progress),
        file_errors=(TrackFileError, UnicodeDecodeError),
        error_message=lambda error: f"{path}: {error}",
        read_so_far=lambda: counts.read,
        once=False,
        details=("invalid_isrcs",),
    )


def _rows_load(
    record: TrackImport, counts: BatchCounts, on_progress: ProgressCallback | None
) -> BatchCounts:
    with open(record.path, encoding="utf-8-sig", newline="") as stream:
        batches_ingest(
            batches=batched(track_rows_read(stream=stream), size=BATCH_ROWS),
            stage=lambda rows: _recordings_upsert(rows, record),
            keep=set_aside_keeper(model=TrackReject, file=record),
            reject_type=TrackRowError,
            on_progress=on_progress,
            counts=counts,
        )
    record.rows_read, record.rows_rejected = counts.read, counts.rejected
    return counts


def _recordings_upsert(rows: list[TrackRow], record: TrackImport) -> None:
    # The last line of a cm_track wins, as a later upsert would.
    latest = list({row.cm_track: row for row in rows}.values())
    artists = _artists_upsert(latest)
    Recording.objects.bulk_create(
        [
            Recording(
                cm_track=row.cm_track,
                title=row.title,
                isrc=row.isrc,
                isrc_valid=row.isrc_valid,
                artist_id=artists[row.cm_artist],
            )
            for row in latest
        ],
        update_conflicts=True,
        unique_fields=["cm_track"],
        update_fields=["title", "isrc", "isrc_valid", "artist"],
    )
    # The recordings catalogue (one per ISRC) learns titles and artists here.
    recording_facts_fill(
        facts=[(row.isrc, row.title, row.artist) for row in latest if row.isrc_valid],
        source=FACTS_SOURCE,
    )
    record.rows_imported += len(latest)
    record.invalid_isrcs += sum(not row.isrc_valid for row in latest)


def _artists_upsert(rows: Iterable[TrackRow]) -> dict[str, int]:
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
