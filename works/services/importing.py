"""Importing works files: one file, one transaction, one ``WorkImportResult``."""

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from django.db import connection, reset_queries, transaction
from django.utils import timezone

from common.ingest.filehash import file_sha256
from works.db import import_lock, tables_analyze
from works.models import WorkImport
from works.parsers import WorkRow, WorksFormatError, WorksReader
from works.services.staging import Staging
from works.services.writing import ANALYZED_TABLES, BatchCounts, WorkWriter

PARSE_BATCH_ROWS = 20_000
RECONCILE_BATCH_ROWS = 5_000

ALREADY_IMPORTED = "already imported as import #{import_id} (same SHA-256)"


class ImportStatus:
    INGESTED = WorkImport.Status.INGESTED.value
    FAILED = WorkImport.Status.FAILED.value
    SKIPPED = "skipped"

    SUCCESSFUL = frozenset({INGESTED, SKIPPED})


@dataclass
class WorkImportResult:
    path: str
    status: str
    message: str = ""
    import_id: int | None = None
    rows_read: int = 0
    works_created: int = 0
    rows_merged: int = 0
    conflicts: int = 0
    rows_rejected: int = 0
    rows_known: int = 0
    reviews: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status in ImportStatus.SUCCESSFUL


ProgressCallback = Callable[[int], None]
_COUNTS = ("works_created", "rows_merged", "conflicts", "rows_rejected", "reviews")


def work_import(
    *,
    path: Path,
    source: str | None = None,
    on_progress: ProgressCallback | None = None,
) -> WorkImportResult:
    """Import one works file; never raises for a problem in the file itself.

    Rows without a ``source`` column value get ``source``, or the file's name
    without its suffix. A file whose bytes were already imported is skipped;
    a row already imported from any file (same source, id and raw values) is
    counted as known and changes nothing.
    """
    started = time.monotonic()
    result = WorkImportResult(path=str(path), status=ImportStatus.FAILED)
    checksum = file_sha256(path=path)
    existing = WorkImport.objects.filter(
        checksum=checksum, status=WorkImport.Status.INGESTED
    ).first()
    if existing is not None:
        result.status, result.import_id = ImportStatus.SKIPPED, existing.pk
        result.message = ALREADY_IMPORTED.format(import_id=existing.pk)
        return result
    reader = WorksReader(path=path, source=source or path.stem)
    try:
        with transaction.atomic():
            work_import = _import_run(reader, checksum, on_progress)
    except WorksFormatError as error:
        work_import = _failure_record(reader, checksum, str(error))
        result.message = str(error)
    result.status, result.import_id = str(work_import.status), work_import.pk
    for name in ("rows_read", "rows_known", *_COUNTS):
        setattr(result, name, getattr(work_import, name))
    result.seconds = time.monotonic() - started
    return result


def _import_run(
    reader: WorksReader, checksum: str, on_progress: ProgressCallback | None
) -> WorkImport:
    work_import = WorkImport.objects.create(
        path=str(reader.path),
        source=reader.source,
        checksum=checksum,
        status=WorkImport.Status.INGESTED,
        imported_at=timezone.now(),
    )
    with connection.cursor() as cursor:
        import_lock(cursor)
        staging = Staging(cursor=cursor)
        staging.begin()
        for batch in _batches(iter(reader), PARSE_BATCH_ROWS):
            staging.stage(batch)
            if on_progress:
                on_progress(reader.rows_read)
        staging.order()
        writer = WorkWriter(cursor=cursor, work_import_id=work_import.pk)
        totals = BatchCounts()
        for rows in staging.batches(size=RECONCILE_BATCH_ROWS):
            pool = writer.pool_load(rows)
            counts = writer.decisions_write([pool.reconcile(row) for row in rows])
            # With DEBUG on, Django keeps each query's SQL, parameters spelled
            # out: thousands of batches would hold hundreds of megabytes.
            reset_queries()
            for name in _COUNTS:
                setattr(totals, name, getattr(totals, name) + getattr(counts, name))
        staging.end()
        # The API's plans, right after a bulk load.
        tables_analyze(cursor, tables=(*ANALYZED_TABLES, "works_sourcerow"))
    for name in _COUNTS:
        setattr(work_import, name, getattr(totals, name))
    work_import.rows_read = reader.rows_read
    work_import.rows_known = reader.rows_read - staging.new
    work_import.save()
    return work_import


def _failure_record(reader: WorksReader, checksum: str, error: str) -> WorkImport:
    return WorkImport.objects.create(
        path=str(reader.path),
        source=reader.source,
        checksum=checksum,
        status=WorkImport.Status.FAILED,
        error=error,
        rows_read=reader.rows_read,
        imported_at=timezone.now(),
    )


def _batches(items: Iterator[WorkRow], size: int) -> Iterator[list[WorkRow]]:
    while batch := list(islice(items, size)):
        yield batch
