"""Importing DSR files: one file, one transaction, one ``DSRImportResult``."""

import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from common.ingest.filehash import file_sha256
from common.ingest.files import file_path_problem
from dsrs.currency import EurRate, EurRateUnavailable, eur_rate
from dsrs.models import DSR, DSRRowError
from dsrs.parsers import (
    DSRFileName,
    DSRFileNameError,
    DSRFormatError,
    DSRReader,
    RowError,
    dsr_filename_parse,
)
from dsrs.services.loading import Loader
from dsrs.services.reference import currency_get_or_create, territory_get_or_create
from dsrs.services.staging import ProgressCallback, batches, rows_stage
from dsrs.services.summaries import dsr_summary_refresh
from dsrs.storage import storage

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


def dsr_import(
    *,
    path: Path,
    force: bool = False,
    dry_run: bool = False,
    on_progress: ProgressCallback | None = None,
) -> DSRImportResult:
    """Import one DSR file; never raises for a problem in the file itself.

    A file whose bytes were already imported for the same DSR identity is
    skipped unless ``force``; the same bytes under another identity are
    another DSR. A new file for an already imported DSR (same DSP, offer,
    society, territory, currency and period) replaces its contents in one
    transaction; if the new file fails, the old contents stay.
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
    problem = file_path_problem(path=path)
    if problem:
        result.message = problem
        return result
    reader = DSRReader(
        path,
        max_line_bytes=settings.DSRS_MAX_LINE_BYTES,
        max_field_chars=settings.DSRS_MAX_FIELD_CHARS,
    )
    if dry_run:
        return _dry_run(reader, name, result, on_progress)
    checksum = file_sha256(path=path)
    identity = _identity(name)
    with storage().identity_lock(identity=_identity_text(identity)):
        existing = DSR.objects.filter(**identity).first()
        if _already_imported(existing, checksum) and not force:
            result.status, result.dsr_id = ImportStatus.SKIPPED, existing.pk
            result.message = ALREADY_IMPORTED.format(dsr_id=existing.pk)
            return result
        try:
            rate = _rate(name, result)
            with transaction.atomic():
                dsr = _rows_load(reader, identity, path, checksum, rate, on_progress)
        except (DSRFormatError, EurRateUnavailable) as error:
            return _failure_record(result, reader, identity, path, checksum, error)
    result.status, result.dsr_id = ImportStatus.INGESTED, dsr.pk
    _counts_copy(result, dsr)
    return result


def _rate(name: DSRFileName, result: DSRImportResult) -> EurRate:
    rate = eur_rate(
        currency=name.currency,
        period_start=name.period_start,
        period_end=name.period_end,
    )
    result.eur_rate = rate.rate
    return rate


def _already_imported(existing: DSR | None, checksum: str) -> bool:
    """The idempotency key is the DSR identity and the file's bytes together."""
    return (
        existing is not None
        and existing.status == DSR.Status.INGESTED
        and existing.checksum == checksum
    )


def _dry_run(
    reader: DSRReader,
    name: DSRFileName,
    result: DSRImportResult,
    on_progress: ProgressCallback | None,
) -> DSRImportResult:
    """Parse and count; write nothing, not even for a file that fails."""
    try:
        _rate(name, result)
        for batch in batches(reader):
            rejected = sum(isinstance(item, RowError) for item in batch)
            result.rows_rejected += rejected
            result.rows_imported += len(batch) - rejected
            if on_progress:
                on_progress(reader.rows_read)
    except (DSRFormatError, EurRateUnavailable) as error:
        result.status, result.message = ImportStatus.FAILED, error_cap(str(error))
    else:
        result.status = ImportStatus.DRY_RUN
    result.rows_read, result.warnings = reader.rows_read, dict(reader.warnings)
    return result


def _rows_load(
    reader: DSRReader,
    identity: dict[str, object],
    path: Path,
    checksum: str,
    rate: EurRate,
    on_progress: ProgressCallback | None,
) -> DSR:
    dsr = DSR.objects.filter(**identity).first() or DSR(**identity)
    if dsr.pk is not None:  # a replace: the new file's row errors take over
        DSRRowError.objects.filter(dsr_id=dsr.pk).delete()
    dsr.path, dsr.checksum = str(path), checksum
    dsr.eur_rate, dsr.eur_rate_source = rate.rate, rate.source
    dsr.status, dsr.error, dsr.imported_at = DSR.Status.INGESTED, "", timezone.now()
    dsr.rows_read = dsr.rows_imported = dsr.rows_rejected = 0
    dsr.warnings = {}
    loader = Loader(dsr)
    loader.begin()
    rejected = rows_stage(
        reader=reader, dsr=dsr, loader=loader, on_progress=on_progress
    )
    loader.finish(
        fields={
            "rows_read": reader.rows_read,
            "rows_rejected": rejected,
            "warnings": dict(reader.warnings),
        }
    )
    dsr_summary_refresh(dsr_id=dsr.pk)
    return dsr


def _failure_record(
    result: DSRImportResult,
    reader: DSRReader,
    identity: dict[str, object],
    path: Path,
    checksum: str,
    error: Exception,
) -> DSRImportResult:
    message = error_cap(str(error))
    result.status, result.rows_read = ImportStatus.FAILED, reader.rows_read
    result.message, result.warnings = message, dict(reader.warnings)
    with transaction.atomic():
        dsr = DSR.objects.select_for_update().filter(**identity).first()
        if dsr is not None and dsr.status == DSR.Status.INGESTED:
            result.dsr_id = dsr.pk
            result.message += KEPT_PREVIOUS.format(dsr_id=dsr.pk)
            return result
        dsr = dsr or DSR(**identity)
        dsr.path, dsr.checksum, dsr.status, dsr.error = (
            str(path),
            checksum,
            DSR.Status.FAILED,
            message,
        )
        dsr.rows_read, dsr.rows_imported, dsr.rows_rejected = reader.rows_read, 0, 0
        dsr.warnings, dsr.imported_at = dict(reader.warnings), timezone.now()
        dsr.eur_rate = result.eur_rate
        dsr.save()
    result.dsr_id = dsr.pk
    return result


def _identity(name: DSRFileName) -> dict[str, object]:
    """The DSR identity of a file name; creates its territory and currency."""
    return {
        "dsp": name.dsp,
        "offer": name.offer,
        "society": name.society,
        "territory": territory_get_or_create(code_2=name.territory),
        "currency": currency_get_or_create(code=name.currency),
        "period_start": name.period_start,
        "period_end": name.period_end,
    }


def _identity_text(identity: dict[str, object]) -> str:
    return "\x1f".join(
        str(getattr(value, "pk", value)) for _, value in sorted(identity.items())
    )


def error_cap(message: str) -> str:
    """The error as stored and printed: at most ``DSRS_ERROR_MAX_CHARS``."""
    limit = settings.DSRS_ERROR_MAX_CHARS
    if len(message) <= limit:
        return message
    return message[: limit - 1] + "…"


def _counts_copy(result: DSRImportResult, dsr: DSR) -> None:
    result.rows_read, result.rows_imported = dsr.rows_read, dsr.rows_imported
    result.rows_rejected, result.warnings = dsr.rows_rejected, dsr.warnings
