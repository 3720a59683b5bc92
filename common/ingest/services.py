"""Writes every import shares: one file into one record, rejects set aside."""

from collections.abc import Callable, Sequence
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone

from common.ingest.batches import BatchCounts, Reject
from common.ingest.filehash import file_sha256
from common.ingest.models import ImportRecord, SetAsideRow
from common.ingest.results import ImportResult
from common.ingest.selectors import import_record_ingested
from common.ingest.status import ImportStatus


def file_ingest(
    *,
    path: Path,
    model: type[ImportRecord],
    load: Callable[[ImportRecord], BatchCounts | None],
    file_errors: tuple[type[Exception], ...],
    error_message: Callable[[Exception], str] = str,
    read_so_far: Callable[[], int] | None = None,
    once: bool = True,
    failures_kept: bool = True,
    details: Sequence[str] = (),
    **fields: object,
) -> ImportResult:
    """Import one file as a new ``model`` record; never raises for its content.

    ``load(record)`` reads the file and stores its rows in the record's
    transaction, counting onto the record, and may return the batch loop's
    counts. A ``file_errors`` exception rolls everything back; with
    ``failures_kept`` a failed record then keeps the error and the rows read
    so far (``read_so_far``). With ``once`` bytes already ingested are
    skipped, also when another process ingested them meanwhile (the record's
    unique SHA-256 stops this one). ``fields`` are the record's own (a works
    file's source); ``details`` the record's counts the result reports.
    """
    result = ImportResult(path=str(path))
    sha256 = file_sha256(path=path)
    if once and (earlier := import_record_ingested(model=model, sha256=sha256)):
        return result.skip(earlier=earlier)
    described = {
        "path": str(path),
        "sha256": sha256,
        "size": path.stat().st_size,
        "started_at": timezone.now(),
        **fields,
    }
    record = model(**described, status=ImportStatus.INGESTED)
    try:
        with transaction.atomic():
            record.save(force_insert=True)
            counts = load(record)
            record.finished_at = timezone.now()
            record.save()
    except file_errors as error:
        result.message = error_message(error)
        if failures_kept:
            record = model.objects.create(
                **described,
                status=ImportStatus.FAILED,
                error=result.message,
                rows_read=read_so_far() if read_so_far else 0,
                finished_at=timezone.now(),
            )
            result.record_take(record, details=details)
        return result
    except IntegrityError:
        earlier = import_record_ingested(model=model, sha256=sha256) if once else None
        if earlier is None:
            raise
        return result.skip(earlier=earlier)
    result.record_take(record, details=details)
    if counts is not None:
        result.batch_take(counts)
    return result


def set_aside_keeper(
    *, model: type[SetAsideRow], **owner: object
) -> Callable[[list[Reject]], None]:
    """What ``batches_ingest`` keeps rejects with: rows of ``model`` that
    belong to ``owner`` (e.g. ``dsr_id=7``)."""

    def keep(rejects: list[Reject]) -> None:
        model.objects.bulk_create(
            [model.from_reject(reject, **owner) for reject in rejects]
        )

    return keep
