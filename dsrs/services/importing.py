"""Importing DSR files: one file, one transaction, one ``ImportResult``."""

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from common.ingest.batches import BatchCounts, ProgressCallback
from common.ingest.filehash import file_sha256
from common.ingest.files import file_path_problem
from common.ingest.results import ImportResult, timed
from common.ingest.selectors import import_record_ingested
from common.ingest.status import ImportStatus
from dsrs.currency import EurRate, EurRateUnavailable, eur_rate
from dsrs.models import DSR
from dsrs.parsers import (
    DSRFileName,
    DSRFileNameError,
    DSRFormatError,
    DSRReader,
    dsr_filename_parse,
)
from dsrs.parsers.dsrf import dsrf_recognise
from dsrs.services.dsrf import dsrf_import
from dsrs.services.loading import Loader
from dsrs.services.records import (
    ImportedFile,
    dsr_dry_run_count,
    dsr_failure_record,
    dsr_identity_text,
    dsr_load_prepare,
)
from dsrs.services.reference import currency_get_or_create, territory_get_or_create
from dsrs.services.staging import batches, rows_stage
from dsrs.services.summaries import dsr_summary_refresh
from dsrs.storage import storage


@timed
def dsr_import(
    *,
    path: Path,
    force: bool = False,
    dry_run: bool = False,
    strict: bool = False,
    on_progress: ProgressCallback | None = None,
) -> ImportResult:
    """Import one DSR file; never raises for a problem in the file itself.

    A DDEX DSRF file (recognised by its first line) goes to
    ``dsrs.services.dsrf.dsrf_import``, which ``strict`` is for; every other
    file is read as a TSV DSR, as follows.

    A file whose bytes were already imported for the same DSR identity is
    skipped unless ``force``; the same bytes under another identity are
    another DSR. A new file for an already imported DSR (same DSP, offer,
    society, territory, currency and period) replaces its contents in one
    transaction; if the new file fails, the old contents stay. The result's
    ``import_id`` is the DSR's id, ``details["eur_rate"]`` the rate used.
    """
    if file_path_problem(path=path) is None and dsrf_recognise(path=path):
        return dsrf_import(
            path=path,
            force=force,
            dry_run=dry_run,
            strict=strict,
            on_progress=on_progress,
        )
    result = ImportResult(path=str(path), status=ImportStatus.REJECTED)
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
    return _file_import(reader, name, result, force, on_progress)


def _file_import(
    reader: DSRReader,
    name: DSRFileName,
    result: ImportResult,
    force: bool,
    on_progress: ProgressCallback | None,
) -> ImportResult:
    path = reader.path
    file = ImportedFile(
        path, file_sha256(path=path), path.stat().st_size, timezone.now()
    )
    identity = _identity(name)
    with storage().identity_lock(identity=dsr_identity_text(identity)):
        # The idempotency key is the DSR identity and the file's bytes together.
        earlier = import_record_ingested(model=DSR, sha256=file.sha256, **identity)
        if earlier is not None and not force:
            return result.skip(earlier=earlier)
        try:
            rate = _rate(name, result)
            with transaction.atomic():
                dsr, counts = _rows_load(reader, identity, file, rate, on_progress)
        except (DSRFormatError, EurRateUnavailable) as error:
            return dsr_failure_record(result, reader, identity, file, error)
    result.record_take(dsr)
    result.warnings, result.rejects = dsr.warnings, counts.first_rejects
    return result


def _rate(name: DSRFileName, result: ImportResult) -> EurRate:
    rate = eur_rate(
        currency=name.currency,
        period_start=name.period_start,
        period_end=name.period_end,
    )
    result.details["eur_rate"] = rate.rate
    return rate


def _dry_run(
    reader: DSRReader,
    name: DSRFileName,
    result: ImportResult,
    on_progress: ProgressCallback | None,
) -> ImportResult:
    """Parse and count; write nothing, not even for a file that fails."""
    dsr_dry_run_count(
        result=result,
        rate=lambda: _rate(name, result),
        batches=batches(reader),
        read_so_far=lambda: reader.rows_read,
        warnings=lambda: reader.warnings,
        on_progress=on_progress,
    )
    return result


def _rows_load(
    reader: DSRReader,
    identity: dict[str, object],
    file: ImportedFile,
    rate: EurRate,
    on_progress: ProgressCallback | None,
) -> tuple[DSR, BatchCounts]:
    dsr = dsr_load_prepare(identity=identity, file=file, rate=rate)
    loader = Loader(dsr)
    loader.begin()
    counts = rows_stage(reader=reader, dsr=dsr, loader=loader, on_progress=on_progress)
    loader.finish(
        fields={
            "rows_read": reader.rows_read,
            "rows_rejected": counts.rejected,
            "warnings": dict(reader.warnings),
        }
    )
    dsr_summary_refresh(dsr_id=dsr.pk)
    return dsr, counts


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
