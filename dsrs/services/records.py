"""What importing a TSV DSR and a DSRF report share: the file's record, a
failure recorded, the identity lock's key, the error as stored, the dry run's
count."""

import datetime
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from common.ingest.batches import BatchCounts, ProgressCallback, batches_ingest
from common.ingest.results import ImportResult
from common.ingest.status import ImportStatus
from common.ingest.text import text_cut
from dsrs.currency import EurRate, EurRateUnavailable
from dsrs.models import DSR, DSRRowError
from dsrs.parsers import DSRFormatError, RowError

if TYPE_CHECKING:
    from dsrs.parsers import DSRReader
    from dsrs.parsers.dsrf import DSRFReport

KEPT_PREVIOUS = "; DSR #{dsr_id} keeps the previously imported file"


class ImportedFile(NamedTuple):
    """The file a DSR is imported from, as its record describes it."""

    path: Path
    sha256: str
    size: int
    started_at: datetime.datetime


def dsr_file_describe(dsr: DSR, file: ImportedFile) -> None:
    dsr.path, dsr.sha256, dsr.size = str(file.path), file.sha256, file.size
    dsr.started_at, dsr.finished_at = file.started_at, None


def dsr_failure_record(
    result: ImportResult,
    reader: "DSRReader | DSRFReport",
    identity: dict[str, object],
    file: ImportedFile,
    error: Exception,
) -> ImportResult:
    message = error_cap(str(error))
    result.status, result.rows_read = ImportStatus.FAILED, reader.rows_read
    result.message, result.warnings = message, dict(reader.warnings)
    with transaction.atomic():
        dsr = DSR.objects.select_for_update().filter(**identity).first()
        if dsr is not None and dsr.status == DSR.Status.INGESTED:
            result.import_id = dsr.pk
            result.message += KEPT_PREVIOUS.format(dsr_id=dsr.pk)
            return result
        dsr = dsr or DSR(**identity)
        dsr_file_describe(dsr, file)
        dsr.status, dsr.error = DSR.Status.FAILED, message
        dsr.rows_read, dsr.rows_imported, dsr.rows_rejected = reader.rows_read, 0, 0
        dsr.warnings, dsr.finished_at = dict(reader.warnings), timezone.now()
        dsr.eur_rate = result.details.get("eur_rate")
        dsr.save()
    result.import_id = dsr.pk
    return result


def dsr_identity_text(identity: dict[str, object]) -> str:
    return "\x1f".join(
        str(getattr(value, "pk", value)) for _, value in sorted(identity.items())
    )


def error_cap(message: str) -> str:
    """The error as stored and printed: at most ``DSRS_ERROR_MAX_CHARS``."""
    return text_cut(value=message, limit=settings.DSRS_ERROR_MAX_CHARS)


def dsr_dry_run_count(
    *,
    result: ImportResult,
    rate: Callable[[], object],
    batches: Iterable,
    read_so_far: Callable[[], int],
    warnings: Callable[[], dict],
    on_progress: ProgressCallback | None,
) -> None:
    """Parse and count one DSR's rows into ``result``; write nothing.

    The TSV and the DSRF dry runs alike: a file error or a missing EUR rate
    fails the result, otherwise it is a dry run with the rows it would import.
    """
    counts = BatchCounts()
    try:
        rate()
        batches_ingest(
            batches=batches,
            stage=None,
            reject_type=RowError,
            on_progress=on_progress,
            read_so_far=read_so_far,
            counts=counts,
        )
    except (DSRFormatError, EurRateUnavailable) as error:
        result.status, result.message = ImportStatus.FAILED, error_cap(str(error))
    else:
        result.status = ImportStatus.DRY_RUN
    result.batch_take(counts)
    result.rows_read, result.rows_imported = read_so_far(), counts.staged
    result.warnings = dict(warnings())


def dsr_load_prepare(
    *, identity: dict[str, object], file: ImportedFile, rate: EurRate
) -> DSR:
    """The DSR of ``identity`` (new, or the one a replace overwrites) ready
    for a load of ``file``: its old row errors gone, counts reset, ingested."""
    dsr = DSR.objects.filter(**identity).first() or DSR(**identity)
    if dsr.pk is not None:  # a replace: the new file's row errors take over
        DSRRowError.objects.filter(dsr_id=dsr.pk).delete()
    dsr_file_describe(dsr, file)
    dsr.eur_rate, dsr.eur_rate_source = rate.rate, rate.source
    dsr.status, dsr.error = DSR.Status.INGESTED, ""
    dsr.rows_read = dsr.rows_imported = dsr.rows_rejected = 0
    dsr.warnings = {}
    return dsr
