"""A job in parts: cut the upload, total each part anywhere, merge once.

Celery's chord would need a result backend; the job's rows keep the state
instead. ``play_count_job_split`` stores one ``PlayCountPart`` per byte range
and queues a task per part; each part, when it ends, locks the job's row and
counts the parts still to run: the one that leaves none queues the merge.
A part whose worker was lost is redelivered (``acks_late``) and runs again
alone, writing the same totals under the same name by a rename.
"""

import contextlib
import math
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F, Sum

from plays.engine import (
    ByteRange,
    PlayFileError,
    PlayPartRun,
    PlayTotalsMerge,
    byte_ranges_cut,
)
from plays.engine.errors import first_error
from plays.engine.header import header_check
from plays.models import PlayCountJob, PlayCountPart
from plays.services.creating import job_task_send
from plays.services.outcomes import (
    PART_NAME,
    PATH_WORDS,
    RESULT_NAME,
    engine_limits,
    error_without_paths,
    job_done,
    job_file_failed,
    job_internal_failed,
    media_path,
    parts_remove,
)

Status = PlayCountJob.Status
FINISHED = (Status.DONE, Status.FAILED)


def play_count_job_split(*, job: PlayCountJob) -> None:
    """Cut the running job's upload into parts of about ``PLAYS_PART_BYTES``
    and queue them; an earlier attempt's parts and their totals go first."""
    from plays.tasks import play_count_part_run

    source = Path(job.upload.path)
    try:
        header_check(source=source)
        parts = math.ceil(job.size / settings.PLAYS_PART_BYTES)
        ranges = byte_ranges_cut(source=source, parts=parts)
    except PlayFileError as error:
        job_file_failed(job=job, message=error.message)
        return
    except Exception as error:
        job_internal_failed(job_id=job.pk, error=error)
        raise
    parts_remove(job_id=job.pk)
    with transaction.atomic():
        PlayCountPart.objects.filter(job=job).delete()
        PlayCountPart.objects.bulk_create(
            PlayCountPart(job=job, number=number, start=r.start, end=r.end)
            for number, r in enumerate(ranges)
        )
        for number in range(len(ranges)):
            job_task_send(
                job_id=job.pk, task=play_count_part_run, args=(job.pk, number)
            )


def play_count_part_run(*, job_id: int, number: int) -> None:
    """Total one part, unless it is finished; the last part queues the merge.

    Nothing runs for a job that is not running (failed meanwhile, or done).
    """
    part = (
        PlayCountPart.objects.select_related("job")
        .filter(job_id=job_id, number=number, job__status=Status.RUNNING)
        .first()
    )
    if part is None:
        return
    outcome = {} if part.status in FINISHED else _part_execute(part)
    _part_finish(part=part, outcome=outcome)


def _part_execute(part: PlayCountPart) -> dict:
    PlayCountPart.objects.filter(pk=part.pk).update(
        status=Status.RUNNING, attempts=F("attempts") + 1
    )
    source = Path(part.job.upload.path)
    limits = engine_limits(work=f"{part.job_id}/{part.number}")
    run = PlayPartRun(
        source=source,
        byte_range=ByteRange(start=part.start, end=part.end),
        target=media_path(PART_NAME.format(job_id=part.job_id, number=part.number)),
        limits=limits,
    )
    try:
        totals = run.execute()
    except PlayFileError as error:
        paths = {
            source: PATH_WORDS["source"],
            limits.temp_directory: PATH_WORDS["work"],
        }
        message = error_without_paths(text=error.message, paths=paths)
        return {
            "status": Status.FAILED,
            "error": message,
            "error_physical": error.physical,
        }
    except Exception as error:
        job_internal_failed(job_id=part.job_id, error=error)
        raise
    finally:
        for directory in (limits.temp_directory, limits.temp_directory.parent):
            with contextlib.suppress(OSError):
                directory.rmdir()
    return {"status": Status.DONE, "rows_read": totals.rows_in, "error": ""}


def _part_finish(*, part: PlayCountPart, outcome: dict) -> None:
    """Record the part's outcome; queue the merge if no part is left to run.

    The job's row is locked meanwhile, so of two parts ending at once one
    sees the other's outcome. A part redelivered after it finished queues
    the merge again: the merge of a job no longer running does nothing.
    """
    from plays.tasks import play_count_job_merge

    with transaction.atomic():
        PlayCountJob.objects.select_for_update().filter(pk=part.job_id).first()
        parts = PlayCountPart.objects.filter(job_id=part.job_id)
        if outcome:
            parts.filter(pk=part.pk).update(**outcome)
        done = parts.filter(status=Status.DONE).aggregate(rows=Sum("rows_read"))
        PlayCountJob.objects.filter(pk=part.job_id).update(rows_done=done["rows"] or 0)
        if not parts.exclude(status__in=FINISHED).exists():
            job_task_send(
                job_id=part.job_id, task=play_count_job_merge, args=(part.job_id,)
            )


def play_count_job_merge(*, job_id: int) -> None:
    """Publish the result from the parts' totals, or fail the job with the
    error a whole-file run would report; then the parts' totals go."""
    job = PlayCountJob.objects.filter(pk=job_id, status=Status.RUNNING).first()
    parts = list(PlayCountPart.objects.filter(job_id=job_id))
    if job is None or any(part.status not in FINISHED for part in parts):
        return
    errors = [
        PlayFileError(part.error, physical=part.error_physical)
        for part in parts
        if part.status == Status.FAILED
    ]
    if errors:
        job_file_failed(job=job, message=first_error(errors).message)
        return
    merge = PlayTotalsMerge(
        sources=[
            media_path(PART_NAME.format(job_id=job_id, number=part.number))
            for part in parts
        ],
        target=media_path(RESULT_NAME.format(job_id=job_id)),
        limits=engine_limits(work=f"{job_id}/merge"),
    )
    try:
        rows_out = merge.execute()
    except Exception as error:
        job_internal_failed(job_id=job_id, error=error)
        raise
    finally:
        for directory in (
            merge.limits.temp_directory,
            merge.limits.temp_directory.parent,
        ):
            with contextlib.suppress(OSError):
                directory.rmdir()
    rows_in = sum(part.rows_read for part in parts)
    job_done(job_id=job_id, rows_in=rows_in, rows_out=rows_out)
    parts_remove(job_id=job_id)
