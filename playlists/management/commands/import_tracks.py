"""``manage.py import_tracks PATH [PATH ...]``: load the recordings catalogue."""

from pathlib import Path

from common.ingest.commands import FileImportCommand
from common.ingest.results import ImportResult
from playlists.services import track_file_import

SUMMARY = (
    "{path}: {rows_read:,} rows read, {recordings:,} recordings stored "
    "({invalid_isrcs:,} with an invalid ISRC, kept as written), "
    "{rejected:,} rows rejected, {seconds:.2f} s"
)


class Command(FileImportCommand):
    help = (
        "Import the recordings catalogue (cm_track.csv): cm_track, track, isrc, "
        "cm_artist, artist; directories import every *.csv in them."
    )
    suffixes = (".csv",)
    rejects_shown = 50

    def file_import(self, *, path: Path, on_progress, options: dict):
        return track_file_import(path=path, on_progress=on_progress)

    def summary(self, results: list[ImportResult]) -> str:
        """A sentence per file, as this command has always printed."""
        return "\n".join(
            SUMMARY.format(
                path=result.path,
                rows_read=result.rows_read,
                recordings=result.rows_imported,
                invalid_isrcs=result.details.get("invalid_isrcs", 0),
                rejected=result.rows_rejected,
                seconds=result.seconds,
            )
            for result in results
        )
