"""Running a job: the engine in a thread, the job row kept up to date."""

import contextlib
import logging
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
# What a client reads in place of a server directory in an error.
PATH_WORDS = {"source": "the upload", "work": "the work directory"}

logger = logging.getLogger(__name__)


def play_count_job_run(*, job_id: int) -> PlayCountJob | None:
    """Run the job; a job already done is left alone, any other one (re)runs.

    The result's name depends only on the job, and it is published by a
    rename, so running twice (a redelivery after a worker died) writes the
    same file and never exposes half of one.
    """
    job = play_count_job_get(job_id=job_id)
    if job is None or job.status == PlayCountJob.Status.DONE or not job.upload:
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
        # The file itself is wrong and will never run: its bytes go, the
        # error stays (and the SHA-256, so the same file again is a 409).
        # The row first: it never names a file that is gone.
        jobs.update(
            status=PlayCountJob.Status.FAILED,
            error=error_without_paths(text=error.message, run=run),
            upload="",
            finished_at=timezone.now(),
        )
        job.upload.delete(save=False)
    except Exception as error:
        # The client reads the kind of error; its text, which may name
        # server paths, goes to the log. The upload stays for a re-run.
        logger.exception("play-count job %s stopped", job_id)
        jobs.update(
            status=PlayCountJob.Status.FAILED,
            error=INTERNAL_ERROR.format(error=type(error).__name__),
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
    finally:
        # The engine removed its files; the directory of the job goes too.
        # A run killed before that leaves both to prune_play_jobs.
        with contextlib.suppress(OSError):
            run.limits.temp_directory.rmdir()
    return play_count_job_get(job_id=job_id)


def error_without_paths(*, text: str, run: PlayTotalsRun) -> str:
    """``text`` with the job's server paths named in words instead."""
    paths = {
        str(run.source): PATH_WORDS["source"],
        str(run.limits.temp_directory): PATH_WORDS["work"],
    }
    for path, words in paths.items():
        text = text.replace(path, words)
    return text


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
