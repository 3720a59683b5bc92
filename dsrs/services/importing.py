"""Importing DSR files: one file, one transaction, one ``DSRImportResult``."""

import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from dsrs.currency import EurRate, EurRateUnavailable, eur_rate
from dsrs.models import DSR, DSRRowError
from dsrs.parsers import (
    DSRFileName,
    DSRFileNameError,
    DSRFormatError,
    DSRReader,
    ParsedRow,
    RowError,
    dsr_filename_parse,
)
from dsrs.services.deleting import dsr_contents_remove, orphan_resources_delete
from dsrs.services.loading import Loader, loader_for
from dsrs.services.reference import currency_get_or_create, territory_get_or_create
from dsrs.services.summaries import dsr_summary_refresh

BATCH_ROWS = 50_000
WARN_METADATA_CONFLICTS = "resources with metadata differing from stored"

ALREADY_IMPORTED = "already imported as DSR #{dsr_id} (same SHA-256)"
KEPT_PREVIOUS = "; DSR #{dsr_id} keeps the previously imported file"


class ImportStatus:
    INGESTED = DSR.Status.INGESTED.value
    FAILED = DSR.Status.FAILED.value
    SKIPPED = "skipped"
    REJECTED = "rejected"
    DRY_RUN = "dry-run"

    SUCCESSFUL = frozenset({INGESTED, SKIPPED, DRY_RUN})


@dataclass
class DSRImportResult:
    path: str
    status: str
    message: str = ""
    dsr_id: int | None = None
    rows_read: int = 0
    rows_imported: int = 0
    rows_rejected: int = 0
    warnings: dict[str, int] = field(default_factory=dict)
    eur_rate: Decimal | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status in ImportStatus.SUCCESSFUL


ProgressCallback = Callable[[int], None]


def dsr_import(
    *,
    path: Path,
    force: bool = False,
    dry_run: bool = False,
    on_progress: ProgressCallback | None = None,
) -> DSRImportResult:
    """Import one DSR file; never raises for a problem in the file itself.

    A file whose bytes were already imported is skipped unless ``force``. A
    new file for an already imported DSR (same DSP, offer, society, territory,
    currency and period) replaces its contents in one transaction; if the new
    file fails, the old contents stay.
    """
    started = time.monotonic()
    result = _dsr_import(
        path=path, force=force, dry_run=dry_run, on_progress=on_progress
    )
    result.seconds = time.monotonic() - started
    return result


def _dsr_import(
    *, path: Path, force: bool, dry_run: bool, on_progress: ProgressCallback | None
) -> DSRImportResult:
    result = DSRImportResult(path=str(path), status=ImportStatus.REJECTED)
    try:
        name = dsr_filename_parse(path.name)
    except DSRFileNameError as error:
        result.message = str(error)
        return result
    checksum = file_sha256(path)
    if not force and not dry_run:
        existing = DSR.objects.filter(
            checksum=checksum, status=DSR.Status.INGESTED
        ).first()
        if existing is not None:
            result.status, result.dsr_id = ImportStatus.SKIPPED, existing.pk
            result.message = ALREADY_IMPORTED.format(dsr_id=existing.pk)
            return result
    reader = DSRReader(path)
    try:
        rate = eur_rate(
            currency=name.currency,
            period_start=name.period_start,
            period_end=name.period_end,
        )
        result.eur_rate = rate.rate
        if dry_run:
            return _dry_run(reader, result, on_progress)
        with transaction.atomic():
            dsr = _rows_load(reader, name, path, checksum, rate, on_progress)
    except (DSRFormatError, EurRateUnavailable) as error:
        return _failure_record(result, reader, name, path, checksum, str(error))
    result.status, result.dsr_id = ImportStatus.INGESTED, dsr.pk
    _counts_copy(result, dsr)
    return result


def _dry_run(
    reader: DSRReader, result: DSRImportResult, on_progress: ProgressCallback | None
) -> DSRImportResult:
    for batch in _batches(reader):
        rejected = sum(isinstance(item, RowError) for item in batch)
        result.rows_rejected += rejected
        result.rows_imported += len(batch) - rejected
        if on_progress:
            on_progress(reader.rows_read)
    result.status, result.rows_read = ImportStatus.DRY_RUN, reader.rows_read
    result.warnings = dict(reader.warnings)
    return result


def _rows_load(
    reader: DSRReader,
    name: DSRFileName,
    path: Path,
    checksum: str,
    rate: EurRate,
    on_progress: ProgressCallback | None,
) -> DSR:
    dsr = _dsr_for(name)
    replacing = dsr.pk is not None
    if replacing:  # while the DSR still has its old rate, for the totals
        dsr_contents_remove(dsr_ids=[dsr.pk])
    dsr.path, dsr.checksum = str(path), checksum
    dsr.eur_rate, dsr.eur_rate_source = rate.rate, rate.source
    dsr.status, dsr.error, dsr.imported_at = DSR.Status.INGESTED, "", timezone.now()
    dsr.save()
    loader = loader_for(dsr)
    loader.begin()
    rejected = _rows_stage(reader, dsr, loader, on_progress)
    loaded = loader.finish()
    if replacing:
        orphan_resources_delete(recheck=True)
    dsr.rows_read, dsr.rows_imported = reader.rows_read, loaded.rows_imported
    dsr.rows_rejected, dsr.warnings = rejected, dict(reader.warnings)
    if loaded.metadata_conflicts:
        dsr.warnings[WARN_METADATA_CONFLICTS] = loaded.metadata_conflicts
    dsr.save(update_fields=["rows_read", "rows_imported", "rows_rejected", "warnings"])
    dsr_summary_refresh(dsr_id=dsr.pk)
    return dsr


def _rows_stage(
    reader: DSRReader, dsr: DSR, loader: Loader, on_progress: ProgressCallback | None
) -> int:
    """Stage the valid rows, store the rejected ones; return how many were."""
    rejected = 0
    for batch in _batches(reader):
        rows = [item for item in batch if isinstance(item, ParsedRow)]
        errors = [
            DSRRowError(
                dsr=dsr, line=e.line, field=e.field, value=e.value, reason=e.reason
            )
            for e in batch
            if isinstance(e, RowError)
        ]
        if rows:
            loader.stage(rows)
        if errors:
            DSRRowError.objects.bulk_create(errors)
            rejected += len(errors)
        if on_progress:
            on_progress(reader.rows_read)
    return rejected


def _failure_record(
    result: DSRImportResult,
    reader: DSRReader,
    name: DSRFileName,
    path: Path,
    checksum: str,
    error: str,
) -> DSRImportResult:
    result.status, result.rows_read = ImportStatus.FAILED, reader.rows_read
    result.message, result.warnings = error, dict(reader.warnings)
    with transaction.atomic():
        dsr = _dsr_for(name)
        if dsr.status == DSR.Status.INGESTED:
            result.dsr_id = dsr.pk
            result.message += KEPT_PREVIOUS.format(dsr_id=dsr.pk)
            return result
        dsr.path, dsr.checksum, dsr.status, dsr.error = (
            str(path),
            checksum,
            DSR.Status.FAILED,
            error,
        )
        dsr.rows_read, dsr.rows_imported, dsr.rows_rejected = reader.rows_read, 0, 0
        dsr.warnings, dsr.imported_at = dict(reader.warnings), timezone.now()
        dsr.eur_rate = result.eur_rate
        dsr.save()
    result.dsr_id = dsr.pk
    return result


def _dsr_for(name: DSRFileName) -> DSR:
    """The DSR with this identity, locked, or a new unsaved one."""
    territory = territory_get_or_create(code_2=name.territory)
    currency = currency_get_or_create(code=name.currency)
    identity = {
        "dsp": name.dsp,
        "offer": name.offer,
        "society": name.society,
        "territory": territory,
        "currency": currency,
        "period_start": name.period_start,
        "period_end": name.period_end,
    }
    existing = DSR.objects.select_for_update().filter(**identity).first()
    return existing or DSR(**identity)


def _counts_copy(result: DSRImportResult, dsr: DSR) -> None:
    result.rows_read, result.rows_imported = dsr.rows_read, dsr.rows_imported
    result.rows_rejected, result.warnings = dsr.rows_rejected, dsr.warnings


def _batches(reader: DSRReader) -> Iterator[list[ParsedRow | RowError]]:
    items = iter(reader)
    while batch := list(islice(items, BATCH_ROWS)):
        yield batch


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
