"""``manage.py import_dsrs PATH [PATH ...]``: import DSR files and directories."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.progress import ProgressLine
from dsrs.parsers import FILENAME_SUFFIXES
from dsrs.services import DSRImportResult, ImportStatus, dsr_import

SUMMARY_COLUMNS = (
    "file",
    "status",
    "imported",
    "rejected",
    "warnings",
    "EUR rate",
    "seconds",
)
NO_FILES = "{path}: no *.tsv or *.tsv.gz files in this directory"
NOT_FOUND = "{path}: no such file or directory"
UNEXPECTED = "{path}: not imported, unexpected {kind}: {error}"


class Command(BaseCommand):
    help = "Import DSR files (.tsv or .tsv.gz); directories import every DSR in them."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--force", action="store_true", help="re-import files already imported"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="parse and report, write nothing"
        )

    def handle(self, *args, paths: list[Path], force: bool, dry_run: bool, **options):
        files = self._files(paths)
        results = []
        for path in files:
            progress = (
                ProgressLine(name=path.name, stream=self.stderr)
                if self.stderr.isatty()
                else None
            )
            result = _import_one(
                path=path, force=force, dry_run=dry_run, on_progress=progress
            )
            if progress:
                progress.done()
            results.append(result)
            if result.message:
                style = self.style.SUCCESS if result.ok else self.style.ERROR
                self.stderr.write(style(f"{result.status}: {result.message}"))
        self.stdout.write(summary_table(results))
        failed = sum(not result.ok for result in results)
        if failed:
            raise CommandError(
                f"{failed} of {len(results)} file(s) not imported", returncode=1
            )

    def _files(self, paths: list[Path]) -> list[Path]:
        files = []
        for path in paths:
            if path.is_dir():
                # Entries that are no regular file are imported, and so
                # reported as what they are, rather than skipped unseen.
                found = sorted(
                    p for p in path.iterdir() if p.name.endswith(FILENAME_SUFFIXES)
                )
                if not found:
                    raise CommandError(NO_FILES.format(path=path))
                files.extend(found)
            elif os.path.lexists(path):
                files.append(path)
            else:
                raise CommandError(NOT_FOUND.format(path=path))
        return files


def _import_one(**arguments) -> DSRImportResult:
    """``dsr_import``, with whatever it raises reported as this file's failure.

    One file's unforeseen error (a database refusing a value, a full disk)
    must not cost the summary or the files after it.
    """
    try:
        return dsr_import(**arguments)
    except Exception as error:  # the boundary of one file
        path = arguments["path"]
        return DSRImportResult(
            path=str(path),
            status=ImportStatus.FAILED,
            message=UNEXPECTED.format(
                path=path, kind=type(error).__name__, error=error
            ),
        )


def summary_table(results: list[DSRImportResult]) -> str:
    rows = [SUMMARY_COLUMNS] + [
        (
            Path(r.path).name,
            r.status,
            f"{r.rows_imported:,}",
            f"{r.rows_rejected:,}",
            f"{sum(r.warnings.values()):,}",
            "" if r.eur_rate is None else f"{r.eur_rate.normalize():f}",
            f"{r.seconds:.2f}",
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(SUMMARY_COLUMNS))]
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.ljust(width) if column < 2 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)
