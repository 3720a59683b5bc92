"""Running a job: the engine in a thread, the job row kept up to date."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from plays.engine import EngineLimits, PlayFileError, PlayTotals, PlayTotalsRun
from plays.models import PlayCountJob
from plays.selectors import play_count_job_get
from plays.services.creating import play_count_job_enqueue

PROGRESS_SECONDS = 1.0
RESULT_NAME = "plays/results/{job_id}.csv"
INTERNAL_ERROR = "the job stopped on an internal error ({error}); re-run it"


def play_count_job_run(*, job_id: int) -> PlayCountJob | None:
    """Run the job; a job already done is left alone, any other one (re)runs.

    The result's name depends only on the job, and it is published by a
    rename, so running twice (a redelivery after a worker died) writes the
    same file and never exposes half of one.
    """
    job = play_count_job_get(job_id=job_id)
    if job is None or job.status == PlayCountJob.Status.DONE:
        return job
    jobs = PlayCountJob.objects.filter(pk=job_id)
    jobs.update(
        status=PlayCountJob.Status.RUNNING,
        started_at=timezone.now(),
        finished_at=None,
        rows_done=0,
        error="",
        attempts=F("attempts") + 1,
    )
    result_name = RESULT_NAME.format(job_id=job_id)
    run = PlayTotalsRun(
        source=Path(job.upload.path),
        target=Path(job.result.storage.path(result_name)),
        limits=EngineLimits(
            memory_limit=settings.PLAYS_MEMORY_LIMIT,
            temp_directory=Path(settings.PLAYS_WORK_DIR) / str(job_id),
            threads=settings.PLAYS_THREADS,
            rows_per_pass=settings.PLAYS_ROWS_PER_PASS,
            max_line_bytes=settings.PLAYS_MAX_LINE_BYTES,
        ),
    )
    try:
        totals = run_reporting_progress(run=run, job_id=job_id)
    except PlayFileError as error:
        jobs.update(
            status=PlayCountJob.Status.FAILED,
            error=error.message,
            finished_at=timezone.now(),
        )
    except Exception as error:
        jobs.update(
            status=PlayCountJob.Status.FAILED,
            error=INTERNAL_ERROR.format(error=f"{type(error).__name__}: {error}"),
            finished_at=timezone.now(),
        )
        raise
    else:
        jobs.update(
            status=PlayCountJob.Status.DONE,
            rows_done=totals.rows_in,
            rows_read=totals.rows_in,
            rows_out=totals.rows_out,
            result=result_name,
            finished_at=timezone.now(),
        )
    return play_count_job_get(job_id=job_id)


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
    """Queue failed jobs again; returns how many were queued."""
    failed = PlayCountJob.objects.filter(
        pk__in=job_ids, status=PlayCountJob.Status.FAILED
    )
    queued = list(failed.values_list("pk", flat=True))
    failed.update(status=PlayCountJob.Status.QUEUED, rows_done=0)
    for job_id in queued:
        play_count_job_enqueue(job_id=job_id)
    return len(queued)
