"""What importing a TSV DSR and a DSRF report share: the file's record, a
failure recorded, the identity lock's key, the error as stored."""

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from common.ingest.results import ImportResult
from common.ingest.status import ImportStatus
from common.ingest.text import text_cut
from dsrs.models import DSR

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
