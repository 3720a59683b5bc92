"""A job per distinct upload of a user: stored once, queued once, within limits."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from kombu.exceptions import OperationalError

from common.ingest.models import PATH_MAX_LENGTH
from plays.models import PlayCountJob
from plays.selectors import (
    play_count_job_active_count,
    play_count_job_get,
    play_count_job_stored_bytes,
)

DUPLICATE = "This file was already uploaded as job {job_id} (same SHA-256)."
NOT_QUEUED = "the job could not be queued ({error}); re-run it"
OVER_ACTIVE_JOBS = (
    "PLAYS_USER_MAX_ACTIVE_JOBS: you have {count} job(s) queued or running, "
    "at most {limit}; upload again once one has finished"
)
OVER_QUOTA = (
    "PLAYS_USER_QUOTA_BYTES: your uploads would take {total} bytes, at most "
    "{limit}; done jobs keep theirs until prune_play_jobs removes them"
)


class PlayCountJobDuplicate(Exception):
    """The same content is already a job of that owner; ``job_id`` is that job."""

    def __init__(self, *, job_id: int):
        super().__init__(DUPLICATE.format(job_id=job_id))
        self.message = DUPLICATE.format(job_id=job_id)
        self.job_id = job_id


class PlayCountJobLimit(Exception):
    """The upload would take the owner past a limit; ``limit`` is its setting."""

    def __init__(self, *, limit: str, message: str):
        super().__init__(message)
        self.limit = limit
        self.message = message


def play_count_job_create(
    *, upload: UploadedFile, sha256: str, owner: AbstractBaseUser
) -> PlayCountJob:
    """Store the upload and queue its job, unless the owner has that content.

    Past the owner's limits nothing is stored (``PlayCountJobLimit``). Two
    uploads of the same content racing past the first check both store
    their file; the unique (owner, SHA-256) lets one row in and the other
    removes its copy and answers with the winner's id.
    """
    earlier = play_count_job_get(sha256=sha256, owner=owner)
    if earlier is not None:
        raise PlayCountJobDuplicate(job_id=earlier.pk)
    job = PlayCountJob(
        owner=owner, path=upload.name[:PATH_MAX_LENGTH], size=upload.size, sha256=sha256
    )
    try:
        with transaction.atomic():
            # One upload of a user at a time past this point (PostgreSQL), so
            # two at once cannot both fit in the room left for one.
            get_user_model().objects.select_for_update().filter(pk=owner.pk).first()
            play_count_job_limits_check(owner=owner, size=upload.size)
            job.upload.save(upload.name, upload, save=False)
            job.save()
    except BaseException as error:
        # No row, no file: the stored copy goes whatever stopped the save.
        if job.upload:
            job.upload.delete(save=False)
        if not isinstance(error, IntegrityError):
            raise
        earlier = play_count_job_get(sha256=sha256, owner=owner)
        if earlier is None:
            raise
        raise PlayCountJobDuplicate(job_id=earlier.pk) from None
    play_count_job_enqueue(job_id=job.pk)
    return job


def play_count_job_limits_check(*, owner: AbstractBaseUser, size: int) -> None:
    """Raise ``PlayCountJobLimit`` when one more upload of ``size`` is too much."""
    active = play_count_job_active_count(owner=owner)
    limit = settings.PLAYS_USER_MAX_ACTIVE_JOBS
    if active >= limit:
        raise PlayCountJobLimit(
            limit="PLAYS_USER_MAX_ACTIVE_JOBS",
            message=OVER_ACTIVE_JOBS.format(count=active, limit=limit),
        )
    total = play_count_job_stored_bytes(owner=owner) + size
    quota = settings.PLAYS_USER_QUOTA_BYTES
    if total > quota:
        raise PlayCountJobLimit(
            limit="PLAYS_USER_QUOTA_BYTES",
            message=OVER_QUOTA.format(total=total, limit=quota),
        )


def play_count_job_enqueue(*, job_id: int) -> None:
    """Send the job to the worker once the row that describes it is committed."""
    # Imported here: the task module imports the services.
    from plays.tasks import play_count_job_run

    job_task_send(job_id=job_id, task=play_count_job_run, args=(job_id,))


def job_task_send(*, job_id: int, task, args: tuple[int, ...]) -> None:
    """Send ``task`` (the job, a part, the merge) once the transaction commits.

    Without a broker the job fails at once, with the reason, and can be re-run
    from the admin, instead of waiting in the queued state forever.
    """

    def send() -> None:
        try:
            task.delay(*args)
        except OperationalError as error:
            PlayCountJob.objects.filter(pk=job_id).update(
                status=PlayCountJob.Status.FAILED, error=NOT_QUEUED.format(error=error)
            )

    transaction.on_commit(send)
