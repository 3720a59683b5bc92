"""``manage.py import_dsrs PATH [PATH ...]``: import DSR files and directories."""

from pathlib import Path

from common.ingest.commands import FileImportCommand
from common.ingest.results import ImportResult
from dsrs.parsers import FILENAME_SUFFIXES
from dsrs.services import dsr_import


class Command(FileImportCommand):
    help = (
        "Import DSR files (.tsv or .tsv.gz: simple TSV or DDEX DSRF); "
        "directories import every DSR in them."
    )
    suffixes = FILENAME_SUFFIXES
    summary_columns = ("imported", "rejected", "warnings", "EUR rate")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--force", action="store_true", help="re-import files already imported"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="parse and report, write nothing"
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="fail a DSRF report whose FOOT counts differ from what was read",
        )

    def file_import(self, *, path: Path, on_progress, options: dict):
        return dsr_import(
            path=path,
            force=options["force"],
            dry_run=options["dry_run"],
            strict=options["strict"],
            on_progress=on_progress,
        )

    def summary_cells(self, result: ImportResult) -> tuple[str, ...]:
        rate = result.details.get("eur_rate")
        return (
            f"{result.rows_imported:,}",
            f"{result.rows_rejected:,}",
            f"{sum(result.warnings.values()):,}",
            "" if rate is None else f"{rate.normalize():f}",
        )
