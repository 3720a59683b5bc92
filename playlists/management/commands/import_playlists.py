"""``manage.py import_playlists PATH [PATH ...]``: import playlist crawl files."""

import datetime
from pathlib import Path

from django.core.management.base import CommandError

from common.ingest.commands import FileImportCommand
from common.ingest.results import ImportResult
from playlists.models import Source
from playlists.services import DEFAULT_CRAWL_GAP, crawl_file_import

CRAWL_GAP_NOT_POSITIVE = "--crawl-gap must be more than 0 minutes"


class Command(FileImportCommand):
    help = (
        "Import playlist crawls (JSON arrays of records); directories import "
        "every *.json in them."
    )
    suffixes = (".json",)
    progress_unit = "records"
    summary_columns = ("read", "imported", "duplicate", "dead letters", "snapshots")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--source", choices=Source.values, default=Source.YOUTUBE)
        parser.add_argument(
            "--crawl-gap",
            type=float,
            default=DEFAULT_CRAWL_GAP.total_seconds() / 60,
            metavar="MINUTES",
            help="records of a playlist less than this apart are one crawl "
            "(default: %(default)g)",
        )

    def handle(self, *args, crawl_gap: float, **options):
        if crawl_gap <= 0:
            raise CommandError(CRAWL_GAP_NOT_POSITIVE)
        super().handle(*args, crawl_gap=crawl_gap, **options)

    def file_import(self, *, path: Path, on_progress, options: dict):
        return crawl_file_import(
            path=path,
            source=options["source"],
            crawl_gap=datetime.timedelta(minutes=options["crawl_gap"]),
            on_progress=on_progress,
        )

    def summary_cells(self, result: ImportResult) -> tuple[str, ...]:
        counts = (
            result.rows_read,
            result.rows_imported,
            result.details.get("records_duplicate", 0),
            result.rows_rejected,
            result.details.get("snapshots_created", 0),
        )
        return tuple(f"{count:,}" for count in counts)
