"""Play-count jobs by id, by content, in a list and counted; what a user may see."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import QuerySet, Sum

from plays.models import PlayCountJob

ACTIVE = (PlayCountJob.Status.QUEUED, PlayCountJob.Status.RUNNING)


def play_count_job_list(
    *, user: AbstractBaseUser | None = None
) -> QuerySet[PlayCountJob]:
    """Every job, or (``user``) the ones that user may see: staff all, others theirs."""
    jobs = PlayCountJob.objects.all()
    if user is None or user.is_staff:
        return jobs
    if not user.is_authenticated:
        return jobs.none()
    return jobs.filter(owner=user)


def play_count_job_count(*, failed: bool = False) -> int:
    """Every job, or (``failed``) the failed ones, which staff may re-run."""
    jobs = PlayCountJob.objects.all()
    if failed:
        jobs = jobs.filter(status=PlayCountJob.Status.FAILED)
    return jobs.count()


def play_count_job_get(
    *,
    job_id: int | None = None,
    sha256: str | None = None,
    owner: AbstractBaseUser | None = None,
) -> PlayCountJob | None:
    """The job with that id, or that owner's job with that content, or None."""
    if job_id is not None:
        return PlayCountJob.objects.filter(pk=job_id).first()
    return PlayCountJob.objects.filter(sha256=sha256, owner=owner).first()


def play_count_job_visible_get(
    *, job_id: int, user: AbstractBaseUser
) -> PlayCountJob | None:
    """The job if ``user`` may see it (its owner, or staff), else None."""
    return play_count_job_list(user=user).filter(pk=job_id).first()


def play_count_job_active_count(*, owner: AbstractBaseUser) -> int:
    """The owner's jobs that are queued or running."""
    return PlayCountJob.objects.filter(owner=owner, status__in=ACTIVE).count()


def play_count_job_stored_bytes(*, owner: AbstractBaseUser) -> int:
    """Bytes of the owner's uploads still stored (a failed file's is deleted)."""
    jobs = PlayCountJob.objects.filter(owner=owner).exclude(upload="")
    return jobs.aggregate(total=Sum("size"))["total"] or 0
