"""``manage.py import_works PATH [PATH ...] [--source NAME]``: import works files."""

from pathlib import Path

from common.ingest.commands import FileImportCommand
from common.ingest.results import ImportResult
from works.services import work_import


class Command(FileImportCommand):
    help = "Import musical works metadata (CSV); directories import every *.csv."
    suffixes = (".csv",)
    summary_columns = (
        "rows read",
        "works created",
        "merged",
        "conflicts",
        "rejected",
        "known",
        "reviews",
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--source",
            help="provider of rows without a source column (default: the file name)",
        )

    def file_import(self, *, path: Path, on_progress, options: dict):
        return work_import(path=path, source=options["source"], on_progress=on_progress)

    def summary_cells(self, result: ImportResult) -> tuple[str, ...]:
        details = result.details
        counts = (
            result.rows_read,
            details.get("works_created", 0),
            details.get("rows_merged", 0),
            details.get("conflicts", 0),
            result.rows_rejected,
            details.get("rows_known", 0),
            details.get("reviews", 0),
        )
        return tuple(f"{count:,}" for count in counts)
