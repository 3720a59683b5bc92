"""Removing finished jobs past their retention, with their files."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from plays.models import PlayCountJob
from plays.services.leftovers import LeftoversResult, leftovers_prune

# A temporary upload untouched this long belongs to no live request.
TEMP_UPLOAD_MAX_AGE = timedelta(days=1)

FINISHED = (PlayCountJob.Status.DONE, PlayCountJob.Status.FAILED)


@dataclass(frozen=True)
class PruneResult:
    jobs: int
    bytes_freed: int


def play_count_job_prune(*, finished_before: datetime) -> PruneResult:
    """Delete done and failed jobs finished before ``finished_before``.

    Queued and running jobs are never touched. Their rows go in one
    transaction; their upload and result files once it has committed, so a
    failure leaves no row pointing at a missing file.
    """
    with transaction.atomic():
        jobs = list(
            PlayCountJob.objects.select_for_update().filter(
                status__in=FINISHED, finished_at__lt=finished_before
            )
        )
        files = [f for job in jobs for f in (job.upload, job.result) if f]
        freed = sum(_size(f) for f in files)
        PlayCountJob.objects.filter(pk__in=[job.pk for job in jobs]).delete()
        transaction.on_commit(lambda: _files_delete(files))
    return PruneResult(jobs=len(jobs), bytes_freed=freed)


def _size(file) -> int:
    try:
        return file.size
    except OSError:
        return 0


def _files_delete(files) -> None:
    for file in files:
        file.storage.delete(file.name)


def play_count_storage_prune(
    *, days: int | None = None
) -> tuple[PruneResult, LeftoversResult]:
    """Finished jobs older than ``days`` (default ``PLAYS_RETENTION_DAYS``),
    temporary uploads older than a day, work files of jobs not running."""
    now = timezone.now()
    if days is None:
        days = settings.PLAYS_RETENTION_DAYS
    jobs = play_count_job_prune(finished_before=now - timedelta(days=days))
    leftovers = leftovers_prune(uploads_before=now - TEMP_UPLOAD_MAX_AGE)
    return jobs, leftovers
