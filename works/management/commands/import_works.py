"""``manage.py import_works PATH [PATH ...] [--source NAME] [--strict]``: import
works files, CSV or CWR."""

from pathlib import Path

from common.ingest.commands import FileImportCommand
from common.ingest.results import ImportResult
from works.services import work_import


class Command(FileImportCommand):
    help = (
        "Import musical works metadata (CSV or CISAC CWR, told by content); "
        "directories import every *.csv and CWR-named file."
    )
    # CWR names as CISAC spells them; any file named on the command line is
    # read whatever its name.
    suffixes = (".csv", ".V21", ".V22", ".SUB", ".ISR", ".ACK", ".zip")
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
            help="provider of rows without a source column (default: the file name; "
            "for CWR the HDR sender name)",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="fail a CWR file whose GRT/TRL counts do not match its records",
        )

    def file_import(self, *, path: Path, on_progress, options: dict):
        return work_import(
            path=path,
            source=options["source"],
            strict=options["strict"],
            on_progress=on_progress,
        )

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
