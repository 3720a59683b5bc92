"""Importing works files: one file, one transaction, one ``ImportResult``."""

import functools
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import connection, reset_queries

from common.db import tables_analyze
from common.ingest.batches import ProgressCallback, batched, batches_ingest
from common.ingest.parallel import ordered_map
from common.ingest.results import ImportResult, timed
from common.ingest.services import file_ingest
from works.models import WorkImport
from works.parsers import WorkRow, WorksFormatError, WorksReader
from works.parsers.cwr import CwrReader, cwr_is
from works.services.acknowledging import cwr_acks_apply
from works.services.cwr import CwrStaging, cwr_details_write
from works.services.iswc_joining import iswc_groups_reconcile
from works.services.links import cwr_links_write, row_links_write
from works.services.staging import Staging, batch_staged
from works.services.title_joining import title_rows_reconcile
from works.services.writing import ANALYZED_TABLES, ReconcileCounts, WorkWriter
from works.storage import storage

# Batches in flight (two per parse worker) are the importer's memory beyond
# one process's: 20,000 rows a batch took its peak RSS from 182 to 203 MB.
PARSE_BATCH_ROWS = 5_000
# A parsed CWR transaction (row, parties, titles, recordings) weighs about
# 4 KB, ten CSV rows: 20,000 of them and their staged copies were 200 MB.
PARSE_BATCH_TRANSACTIONS = 2_000
RECONCILE_BATCH_ROWS = 5_000

_COUNTS = ("works_created", "rows_merged", "conflicts", "rows_rejected", "reviews")
# What a result reports beyond the rows read and rejected.
DETAILS = (
    "works_created",
    "rows_merged",
    "conflicts",
    "rows_known",
    "reviews",
    "acknowledgements",
)


@timed
def work_import(
    *,
    path: Path,
    source: str | None = None,
    strict: bool = False,
    on_progress: ProgressCallback | None = None,
) -> ImportResult:
    """Import one works file; never raises for a problem in the file itself.

    Rows without a ``source`` column value get ``source``, or the file's name
    without its suffix. A file whose bytes were already imported is skipped;
    a row already imported from any file (same source, id and raw values) is
    counted as known and changes nothing. ``details`` holds the works
    created, rows merged, conflicts, rows known, reviews opened and CWR
    acknowledgements read.

    A CWR file is told by its content (an HDR record, zipped or not): its
    work transactions are rows like a CSV's, its provider the HDR's sender
    unless ``source`` is given. Its control counts that do not match are
    warnings in the result's message; with ``strict`` they fail the file.
    """
    if cwr_is(path=path):
        reader = CwrReader(path=path, source=source, strict=strict)
    else:
        reader = WorksReader(
            path=path,
            source=source or path.stem,
            max_line_chars=settings.WORKS_MAX_LINE_CHARS,
            max_field_chars=settings.WORKS_MAX_FIELD_CHARS,
        )
    result = file_ingest(
        path=path,
        model=WorkImport,
        load=lambda work_import: _rows_load(reader, work_import, on_progress),
        file_errors=(WorksFormatError,),
        read_so_far=lambda: reader.rows_read,
        details=DETAILS,
        source=reader.source or path.stem,
    )
    if isinstance(reader, CwrReader) and reader.warnings and result.ok:
        result.warnings["control counts"] = len(reader.warnings)
        result.message = "; ".join(reader.warnings)
    return result


def _rows_load(
    reader: WorksReader | CwrReader,
    work_import: WorkImport,
    on_progress: ProgressCallback | None,
) -> None:
    with connection.cursor() as cursor:
        storage().import_lock(cursor)
        staging = Staging(cursor=cursor)
        staging.begin()
        cwr = None
        if isinstance(reader, CwrReader):
            cwr = CwrStaging(cursor=cursor, staging=staging)
            cwr.begin()
            batches_ingest(
                batches=batched(reader, size=PARSE_BATCH_TRANSACTIONS),
                stage=cwr.stage,
                on_progress=on_progress,
                read_so_far=lambda: reader.rows_read,
            )
        else:
            _records_stage(reader, staging, on_progress)
        staging.order()
        totals = _rows_reconcile(cursor, staging, work_import.pk)
        staging.end()
        if cwr:
            totals.reviews += _cwr_details_write(cursor, cwr, work_import, reader)
            cwr_links_write(work_import_id=work_import.pk)
        # The API's plans, right after a bulk load.
        tables_analyze(cursor, tables=(*ANALYZED_TABLES, "works_sourcerow"))
    for name in _COUNTS:
        setattr(work_import, name, getattr(totals, name))
    work_import.rows_read = reader.rows_read
    work_import.rows_known = reader.rows_read - staging.new


def _records_stage(
    reader: WorksReader, staging: Staging, on_progress: ProgressCallback | None
) -> None:
    """Stage a CSV's rows in file order, built in ``WORKS_PARSE_PROCESSES``
    worker processes while this one reads the file and stages, and hand
    their ISRC links to the catalogue."""
    records = reader.records()
    # The layout is the header's: read it before the first batch leaves.
    first = next(records, None)
    if first is None:
        return
    build = functools.partial(
        batch_staged, layout=reader.layout, encode=storage().rows_encode
    )
    batches = batched(_chained(first, records), size=PARSE_BATCH_ROWS)
    for batch in ordered_map(build, batches, processes=settings.WORKS_PARSE_PROCESSES):
        staging.encoded_stage(batch)
        row_links_write(links=batch.links)
        if on_progress:
            on_progress(reader.rows_read)


def _chained(first, rest: Iterator) -> Iterator:
    yield first
    yield from rest


def _cwr_details_write(
    cursor, cwr: CwrStaging, work_import: WorkImport, reader: CwrReader
) -> int:
    """Registrations and acknowledgements, once the rows have their works;
    return the review items they opened."""
    reviews = cwr_details_write(
        cursor=cursor, staged=cwr, work_import_id=work_import.pk
    )
    reviews += cwr_acks_apply(cursor=cursor, staged=cwr, work_import_id=work_import.pk)
    work_import.acknowledgements = reader.acks_read
    cwr.end()
    return reviews


def _rows_reconcile(cursor, staging: Staging, work_import_id: int) -> ReconcileCounts:
    """Reconcile the new rows in their canonical order: those their ISWC
    settles set-wise, then the rest with an ISWC batch by batch; then the
    rows without ISWC that meet no other row set-wise, the rest batch by
    batch."""
    totals = iswc_groups_reconcile(cursor=cursor, work_import_id=work_import_id)
    batches = staging.batches(size=RECONCILE_BATCH_ROWS, with_iswc=True)
    _batches_reconcile(cursor, batches, totals, work_import_id)
    _totals_add(
        totals, title_rows_reconcile(cursor=cursor, work_import_id=work_import_id)
    )
    _batches_reconcile(
        cursor,
        staging.batches(size=RECONCILE_BATCH_ROWS, with_iswc=False),
        totals,
        work_import_id,
    )
    return totals


def _batches_reconcile(
    cursor,
    batches: Iterator[list[WorkRow]],
    totals: ReconcileCounts,
    work_import_id: int,
) -> None:
    """Apply the rules to each batch, store the decisions, count them into
    ``totals``.

    Each call has its own writer: its ids are drawn after what the set-wise
    steps before it stored.
    """
    writer = WorkWriter(
        cursor=cursor,
        work_import_id=work_import_id,
        written=totals.rows_merged + totals.works_created + totals.rows_rejected,
    )
    for rows in batches:
        pool = writer.pool_load(rows)
        _totals_add(totals, writer.decisions_write([pool.reconcile(r) for r in rows]))
        # With DEBUG on, Django keeps each query's SQL, parameters spelled
        # out: thousands of batches would hold hundreds of megabytes.
        reset_queries()


def _totals_add(totals: ReconcileCounts, counts: ReconcileCounts) -> None:
    for name in _COUNTS:
        setattr(totals, name, getattr(totals, name) + getattr(counts, name))
