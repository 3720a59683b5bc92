"""``track_file_import``: load the recordings catalogue (``cm_track.csv``).

The file, its import record and its set-aside rows are this app's; the
tracks are the ``recordings`` catalogue's, written through its service.
"""

from pathlib import Path

from common.ingest.batches import (
    BatchCounts,
    ProgressCallback,
    batched,
    batches_ingest,
)
from common.ingest.results import ImportResult, timed
from common.ingest.services import file_ingest, set_aside_keeper
from playlists.models import TrackImport, TrackReject
from playlists.parsers import TrackFileError, TrackRow, TrackRowError, track_rows_read
from recordings.services import TrackFact, track_upsert_many

BATCH_ROWS = 5_000
FACTS_SOURCE = "cm_track"


@timed
def track_file_import(
    *, path: Path, on_progress: ProgressCallback | None = None
) -> ImportResult:
    """Upsert every good row as a catalogue track by ``cm_track``; bad rows
    are set aside.

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
            stage=lambda rows: _tracks_upsert(rows, record),
            keep=set_aside_keeper(model=TrackReject, file=record),
            reject_type=TrackRowError,
            on_progress=on_progress,
            counts=counts,
        )
    record.rows_read, record.rows_rejected = counts.read, counts.rejected
    return counts


def _tracks_upsert(rows: list[TrackRow], record: TrackImport) -> None:
    written = track_upsert_many(
        tracks=(
            TrackFact(
                cm_track=row.cm_track,
                title=row.title,
                isrc=row.isrc,
                isrc_valid=row.isrc_valid,
                cm_artist=row.cm_artist,
                artist=row.artist,
            )
            for row in rows
        ),
        source=FACTS_SOURCE,
    )
    record.rows_imported += len(written)
    record.invalid_isrcs += sum(not track.isrc_valid for track in written)
