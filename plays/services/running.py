"""Running a job: the engine in a thread, the job row kept up to date.

An upload larger than ``PLAYS_PART_BYTES`` is not run here but cut into
parts (``plays.services.parts``), which any workers run, then merged.
"""

import contextlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from plays.engine import PlayFileError, PlayTotals, PlayTotalsRun
from plays.models import PlayCountJob
from plays.selectors import play_count_job_get
from plays.services.creating import play_count_job_enqueue
from plays.services.outcomes import (
    PATH_WORDS,
    RESULT_NAME,
    engine_limits,
    error_without_paths,
    job_done,
    job_file_failed,
    job_internal_failed,
    media_path,
)
from plays.services.parts import play_count_job_split

PROGRESS_SECONDS = 1.0


def play_count_job_run(*, job_id: int) -> PlayCountJob | None:
    """Run the job; a job already done is left alone, any other one (re)runs.

    The result's name depends only on the job, and it is published by a
    rename, so running twice (a redelivery after a worker died) writes the
    same file and never exposes half of one.
    """
    job = play_count_job_get(job_id=job_id)
    if job is None or job.status == PlayCountJob.Status.DONE or not job.upload:
        return job
    PlayCountJob.objects.filter(pk=job_id).update(
        status=PlayCountJob.Status.RUNNING,
        started_at=timezone.now(),
        finished_at=None,
        rows_done=0,
        error="",
        attempts=F("attempts") + 1,
    )
    if 0 < settings.PLAYS_PART_BYTES < job.size:
        play_count_job_split(job=job)
    else:
        _run_whole(job=job)
    return play_count_job_get(job_id=job_id)


def _run_whole(*, job: PlayCountJob) -> None:
    run = PlayTotalsRun(
        source=Path(job.upload.path),
        target=media_path(RESULT_NAME.format(job_id=job.pk)),
        limits=engine_limits(work=str(job.pk)),
    )
    try:
        totals = run_reporting_progress(run=run, job_id=job.pk)
    except PlayFileError as error:
        paths = {
            run.source: PATH_WORDS["source"],
            run.limits.temp_directory: PATH_WORDS["work"],
        }
        message = error_without_paths(text=error.message, paths=paths)
        job_file_failed(job=job, message=message)
    except Exception as error:
        job_internal_failed(job_id=job.pk, error=error)
        raise
    else:
        job_done(job_id=job.pk, rows_in=totals.rows_in, rows_out=totals.rows_out)
    finally:
        # The engine removed its files; the directory of the job goes too.
        # A run killed before that leaves both to prune_play_jobs.
        with contextlib.suppress(OSError):
            run.limits.temp_directory.rmdir()


def run_reporting_progress(*, run: PlayTotalsRun, job_id: int) -> PlayTotals:
    """Execute in a thread (DuckDB releases the GIL) while this one reports."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(run.execute)
        while True:
            try:
                return future.result(timeout=PROGRESS_SECONDS)
            except TimeoutError:
                PlayCountJob.objects.filter(pk=job_id).update(rows_done=run.rows_read())


def play_count_job_rerun(*, job_ids: list[int]) -> int:
    """Queue failed jobs again; returns how many were queued.

    A job that failed on its file has no upload left, so it stays failed.
    """
    failed = PlayCountJob.objects.filter(
        pk__in=job_ids, status=PlayCountJob.Status.FAILED
    ).exclude(upload="")
    queued = list(failed.values_list("pk", flat=True))
    failed.update(status=PlayCountJob.Status.QUEUED, rows_done=0)
    for job_id in queued:
        play_count_job_enqueue(job_id=job_id)
    return len(queued)
