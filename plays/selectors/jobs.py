"""Play-count jobs by id, by content, in a list and counted."""

from django.db.models import QuerySet

from plays.models import PlayCountJob


def play_count_job_list() -> QuerySet[PlayCountJob]:
    return PlayCountJob.objects.all()


def play_count_job_count(*, failed: bool = False) -> int:
    """Every job, or (``failed``) the failed ones, which staff may re-run."""
    jobs = PlayCountJob.objects.all()
    if failed:
        jobs = jobs.filter(status=PlayCountJob.Status.FAILED)
    return jobs.count()


def play_count_job_get(
    *, job_id: int | None = None, sha256: str | None = None
) -> PlayCountJob | None:
    """The job with that id or that content's SHA-256, or None."""
    lookup = {"pk": job_id} if job_id is not None else {"sha256": sha256}
    return PlayCountJob.objects.filter(**lookup).first()
