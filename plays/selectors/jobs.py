"""Play-count jobs by id, by content and in a list."""

from django.db.models import QuerySet

from plays.models import PlayCountJob


def play_count_job_list() -> QuerySet[PlayCountJob]:
    return PlayCountJob.objects.all()


def play_count_job_get(
    *, job_id: int | None = None, sha256: str | None = None
) -> PlayCountJob | None:
    """The job with that id or that content's SHA-256, or None."""
    lookup = {"pk": job_id} if job_id is not None else {"sha256": sha256}
    return PlayCountJob.objects.filter(**lookup).first()
