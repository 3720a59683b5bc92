"""``manage.py import_tracks PATH``: load the recordings catalogue (cm_track.csv)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from playlists.services import track_file_import

ERRORS_SHOWN = 50
ROW_ERROR = "{path}:{line}: {field}: {reason}"
SUMMARY = (
    "{path}: {rows_read:,} rows read, {recordings:,} recordings stored "
    "({invalid_isrcs:,} with an invalid ISRC, kept as written), "
    "{errors:,} rows rejected, {seconds:.2f} s"
)


class Command(BaseCommand):
    help = "Import the recordings catalogue: cm_track, track, isrc, cm_artist, artist."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, metavar="PATH")

    def handle(self, *args, path: Path, **options):
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        result = track_file_import(path=path)
        if not result.ok:
            raise CommandError(result.message)
        for error in result.errors[:ERRORS_SHOWN]:
            self.stderr.write(
                ROW_ERROR.format(
                    path=path,
                    line=error.line,
                    field=error.field or "(line)",
                    reason=error.reason,
                )
            )
        self.stdout.write(
            SUMMARY.format(
                path=path,
                rows_read=result.rows_read,
                recordings=result.recordings,
                invalid_isrcs=result.invalid_isrcs,
                errors=len(result.errors),
                seconds=result.seconds,
            )
        )
