"""``manage.py import_playlists PATH [PATH ...]``: import playlist crawl files."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.progress import ProgressLine
from playlists.models import Source
from playlists.services import (
    DEFAULT_CRAWL_GAP,
    CrawlImportResult,
    crawl_file_import,
)

SUMMARY_COLUMNS = (
    "file",
    "status",
    "read",
    "imported",
    "duplicate",
    "dead letters",
    "snapshots",
    "seconds",
)
NO_FILES = "{path}: no *.json files in this directory"
NOT_FOUND = "{path}: no such file or directory"


class Command(BaseCommand):
    help = (
        "Import playlist crawls (JSON arrays of records); directories import "
        "every *.json in them."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--source", choices=Source.values, default=Source.YOUTUBE)
        parser.add_argument(
            "--crawl-gap",
            type=float,
            default=DEFAULT_CRAWL_GAP.total_seconds() / 60,
            metavar="MINUTES",
            help="records of a playlist less than this apart are one crawl "
            "(default: %(default)g)",
        )

    def handle(self, *args, paths: list[Path], source: str, crawl_gap: float, **kw):
        if crawl_gap <= 0:
            raise CommandError("--crawl-gap must be more than 0 minutes")
        gap = datetime.timedelta(minutes=crawl_gap)
        results = []
        for path in self._files(paths):
            progress = (
                ProgressLine(name=path.name, stream=self.stderr, unit="records")
                if self.stderr.isatty()
                else None
            )
            result = crawl_file_import(
                path=path, source=source, crawl_gap=gap, on_progress=progress
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
                found = sorted(p for p in path.glob("*.json") if p.is_file())
                if not found:
                    raise CommandError(NO_FILES.format(path=path))
                files.extend(found)
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(NOT_FOUND.format(path=path))
        return files


def summary_table(results: list[CrawlImportResult]) -> str:
    rows = [SUMMARY_COLUMNS] + [
        (
            Path(r.path).name,
            r.status,
            f"{r.records_read:,}",
            f"{r.records_imported:,}",
            f"{r.records_duplicate:,}",
            f"{r.dead_letters:,}",
            f"{r.snapshots_created:,}",
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
