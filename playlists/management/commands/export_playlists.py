"""``manage.py export_playlists --format csv|parquet OUT/``: crawls, flat."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from playlists.services.exporting import (
    FORMATS,
    PlaylistsExportError,
    playlists_export,
)


class Command(BaseCommand):
    help = (
        "Write every crawl's entries flat (one row per playlist, crawl and "
        "position) to OUT/playlist_entries.csv or .parquet."
    )

    def add_arguments(self, parser):
        parser.add_argument("out_dir", type=Path, metavar="OUT")
        parser.add_argument("--format", choices=FORMATS, default="csv")

    def handle(self, *args, out_dir: Path, format: str, **options):
        try:
            result = playlists_export(out_dir=out_dir, file_format=format)
        except PlaylistsExportError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{result.path}: {result.rows:,} rows")
