"""How a job ends, whether it ran as one task or in parts: the row, then files.

Also what every run of a job shares: its engine limits from the settings and
its files' names in the media storage.
"""

import logging
import shutil
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from plays.engine import EngineLimits
from plays.models import PlayCountJob

RESULT_NAME = "plays/results/{job_id}.csv"
PARTS_DIR = "plays/parts"
PARTS_NAME = PARTS_DIR + "/{job_id}"
PART_NAME = PARTS_NAME + "/{number}.parquet"
INTERNAL_ERROR = "the job stopped on an internal error ({error}); re-run it"
# What a client reads in place of a server directory in an error.
PATH_WORDS = {"source": "the upload", "work": "the work directory"}

logger = logging.getLogger(__name__)


def engine_limits(*, work: str) -> EngineLimits:
    """The settings' limits, spilling to ``PLAYS_WORK_DIR/<work>``."""
    return EngineLimits(
        memory_limit=settings.PLAYS_MEMORY_LIMIT,
        temp_directory=Path(settings.PLAYS_WORK_DIR) / work,
        threads=settings.PLAYS_THREADS,
        rows_per_pass=settings.PLAYS_ROWS_PER_PASS,
        max_line_bytes=settings.PLAYS_MAX_LINE_BYTES,
    )


def media_path(name: str) -> Path:
    return Path(default_storage.path(name))


def parts_remove(*, job_id: int) -> None:
    """The parts' totals of the job, from every attempt."""
    shutil.rmtree(media_path(PARTS_NAME.format(job_id=job_id)), ignore_errors=True)


def job_file_failed(*, job: PlayCountJob, message: str) -> None:
    """The file itself is wrong and will never run: its bytes go, the error
    stays (and the SHA-256, so the same file again is a 409). The row first:
    it never names a file that is gone."""
    PlayCountJob.objects.filter(pk=job.pk).update(
        status=PlayCountJob.Status.FAILED,
        error=message,
        upload="",
        finished_at=timezone.now(),
    )
    job.upload.delete(save=False)
    parts_remove(job_id=job.pk)


def job_internal_failed(*, job_id: int, error: Exception) -> None:
    """The client reads the kind of error; its text, which may name server
    paths, goes to the log. The upload stays for a re-run."""
    logger.exception("play-count job %s stopped", job_id)
    PlayCountJob.objects.filter(pk=job_id).update(
        status=PlayCountJob.Status.FAILED,
        error=INTERNAL_ERROR.format(error=type(error).__name__),
        finished_at=timezone.now(),
    )


def job_done(*, job_id: int, rows_in: int, rows_out: int) -> None:
    PlayCountJob.objects.filter(pk=job_id).update(
        status=PlayCountJob.Status.DONE,
        rows_done=rows_in,
        rows_read=rows_in,
        rows_out=rows_out,
        result=RESULT_NAME.format(job_id=job_id),
        finished_at=timezone.now(),
    )


def error_without_paths(*, text: str, paths: dict[Path, str]) -> str:
    """``text`` with the job's server paths named in words instead."""
    for path, words in paths.items():
        text = text.replace(str(path), words)
    return text
