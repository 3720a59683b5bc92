"""What every file-import command shares: the paths it takes, one file at a
time with a progress line, a summary table, exit 1 when a file failed."""

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.ingest.files import file_path_problem
from common.ingest.progress import ProgressLine
from common.ingest.results import ImportResult

NO_FILES = "{path}: no {patterns} files in this directory"
NOT_FOUND = "{path}: no such file or directory"
UNEXPECTED = "{path}: not imported, unexpected {kind}: {error}"
NOT_IMPORTED = "{failed} of {total} file(s) not imported"
REJECT_LINE = "{path}:{line}: {field}: {reason}"


class FileImportCommand(BaseCommand):
    """A command that imports files and directories of files.

    Subclasses name the ``suffixes`` a directory is searched for and the
    ``summary_columns`` between a file's name and status and its seconds,
    and implement ``file_import`` (which returns the service's
    ``ImportResult``) and ``summary_cells``. ``rejects_shown`` of the rows
    each file set aside are printed, ``path:line: field: reason``.
    """

    suffixes: tuple[str, ...] = ()
    summary_columns: tuple[str, ...] = ()
    progress_unit = "rows"
    rejects_shown = 0

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    def handle(self, *args, paths: list[Path], **options):
        files = files_collect(paths=paths, suffixes=self.suffixes)
        results = [self._one_file_import(path, options) for path in files]
        self.stdout.write(self.summary(results))
        failed = sum(not result.ok for result in results)
        if failed:
            raise CommandError(
                NOT_IMPORTED.format(failed=failed, total=len(results)), returncode=1
            )

    def file_import(self, *, path: Path, on_progress, options: dict) -> ImportResult:
        """Import one file; return the service's result."""
        raise NotImplementedError

    def summary(self, results: list[ImportResult]) -> str:
        """What the command prints when every file is done: a table."""
        return text_table(
            header=("file", "status", *self.summary_columns, "seconds"),
            rows=[
                (
                    Path(result.path).name,
                    result.status,
                    *self.summary_cells(result),
                    f"{result.seconds:.2f}",
                )
                for result in results
            ],
        )

    def summary_cells(self, result: ImportResult) -> Sequence[str]:
        """One result's cells under ``summary_columns``."""
        raise NotImplementedError

    def _one_file_import(self, path: Path, options: dict):
        progress = None
        if self.stderr.isatty():
            progress = ProgressLine(
                name=path.name, stream=self.stderr, unit=self.progress_unit
            )
        try:
            result = self._guarded_import(path, progress, options)
        finally:
            if progress:
                progress.done()
        if result.message:
            style = self.style.SUCCESS if result.ok else self.style.ERROR
            self.stderr.write(style(f"{result.status}: {result.message}"))
        for reject in result.rejects[: self.rejects_shown]:
            self.stderr.write(
                REJECT_LINE.format(
                    path=path,
                    line=reject.line,
                    field=reject.field or "(line)",
                    reason=reject.reason,
                )
            )
        return result

    def _guarded_import(self, path: Path, progress, options: dict) -> ImportResult:
        # A FIFO would block the reader: what is no regular file is reported.
        problem = file_path_problem(path=path)
        if problem:
            return ImportResult(path=str(path), message=problem)
        try:
            return self.file_import(path=path, on_progress=progress, options=options)
        except Exception as error:  # the boundary of one file
            # One file's unforeseen error (a database refusing a value, a full
            # disk) must not cost the summary or the files after it.
            message = UNEXPECTED.format(
                path=path, kind=type(error).__name__, error=error
            )
            return ImportResult(path=str(path), message=message)


def files_collect(*, paths: Iterable[Path], suffixes: tuple[str, ...]) -> list[Path]:
    """The files named, and each directory's entries ending in ``suffixes``.

    Directory entries that are no regular file are kept, so that the import
    reports them as what they are rather than skipping them unseen.
    """
    files = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.name.endswith(suffixes))
            if not found:
                patterns = " or ".join(f"*{suffix}" for suffix in suffixes)
                raise CommandError(NO_FILES.format(path=path, patterns=patterns))
            files.extend(found)
        elif os.path.lexists(path):
            files.append(path)
        else:
            raise CommandError(NOT_FOUND.format(path=path))
    return files


def text_table(*, header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A plain-text table: the first two columns left-aligned, the rest right."""
    table = [tuple(header), *(tuple(row) for row in rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = []
    for index, row in enumerate(table):
        cells = [
            cell.ljust(width) if column < 2 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)
