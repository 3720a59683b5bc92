"""``manage.py import_works PATH [PATH ...] [--source NAME]``: import works files."""

from pathlib import Path

from common.ingest.commands import FileImportCommand
from works.services import WorkImportResult, work_import


class Command(FileImportCommand):
    help = "Import musical works metadata (CSV); directories import every *.csv."
    suffixes = (".csv",)
    result_class = WorkImportResult
    summary_columns = (
        "file",
        "status",
        "rows read",
        "works created",
        "merged",
        "conflicts",
        "rejected",
        "known",
        "reviews",
        "seconds",
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--source",
            help="provider of rows without a source column (default: the file name)",
        )

    def file_import(self, *, path: Path, on_progress, options: dict):
        return work_import(path=path, source=options["source"], on_progress=on_progress)

    def summary_row(self, result: WorkImportResult) -> tuple[str, ...]:
        counts = (
            result.rows_read,
            result.works_created,
            result.rows_merged,
            result.conflicts,
            result.rows_rejected,
            result.rows_known,
            result.reviews,
        )
        return (
            Path(result.path).name,
            result.status,
            *(f"{count:,}" for count in counts),
            f"{result.seconds:.2f}",
        )
