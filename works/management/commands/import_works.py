"""``manage.py import_works PATH [PATH ...] [--source NAME]``: import works files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.progress import ProgressLine
from works.services import WorkImportResult, work_import

SUFFIX = ".csv"
SUMMARY_COLUMNS = (
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
NO_FILES = "{path}: no *.csv files in this directory"
NOT_FOUND = "{path}: no such file or directory"


class Command(BaseCommand):
    help = "Import musical works metadata (CSV); directories import every *.csv."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--source",
            help="provider of rows without a source column (default: the file name)",
        )

    def handle(self, *args, paths: list[Path], source: str | None, **options):
        results = []
        for path in _files(paths):
            progress = (
                ProgressLine(name=path.name, stream=self.stderr)
                if self.stderr.isatty()
                else None
            )
            result = work_import(path=path, source=source, on_progress=progress)
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


def _files(paths: list[Path]) -> list[Path]:
    files = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix == SUFFIX
            )
            if not found:
                raise CommandError(NO_FILES.format(path=path))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(NOT_FOUND.format(path=path))
    return files


def summary_table(results: list[WorkImportResult]) -> str:
    rows = [SUMMARY_COLUMNS] + [
        (
            Path(r.path).name,
            r.status,
            *(
                f"{n:,}"
                for n in (
                    r.rows_read,
                    r.works_created,
                    r.rows_merged,
                    r.conflicts,
                    r.rows_rejected,
                    r.rows_known,
                    r.reviews,
                )
            ),
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
