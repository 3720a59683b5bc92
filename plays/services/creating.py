"""A job per distinct upload: stored once, queued once."""

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from kombu.exceptions import OperationalError

from common.ingest.models import PATH_MAX_LENGTH
from plays.models import PlayCountJob
from plays.selectors import play_count_job_get

DUPLICATE = "This file was already uploaded as job {job_id} (same SHA-256)."
NOT_QUEUED = "the job could not be queued ({error}); re-run it"


class PlayCountJobDuplicate(Exception):
    """The same content is already a job; ``job_id`` is the earlier one."""

    def __init__(self, *, job_id: int):
        super().__init__(DUPLICATE.format(job_id=job_id))
        self.message = DUPLICATE.format(job_id=job_id)
        self.job_id = job_id


def play_count_job_create(*, upload: UploadedFile, sha256: str) -> PlayCountJob:
    """Store the upload and queue its job, unless its content is already a job.

    Two uploads of the same content racing past the first check both store
    their file; the unique SHA-256 lets one row in and the other removes its
    copy and answers with the winner's id.
    """
    earlier = play_count_job_get(sha256=sha256)
    if earlier is not None:
        raise PlayCountJobDuplicate(job_id=earlier.pk)
    job = PlayCountJob(
        path=upload.name[:PATH_MAX_LENGTH], size=upload.size, sha256=sha256
    )
    job.upload.save(upload.name, upload, save=False)
    try:
        with transaction.atomic():
            job.save()
    except IntegrityError:
        job.upload.delete(save=False)
        earlier = play_count_job_get(sha256=sha256)
        if earlier is None:
            raise
        raise PlayCountJobDuplicate(job_id=earlier.pk) from None
    play_count_job_enqueue(job_id=job.pk)
    return job


def play_count_job_enqueue(*, job_id: int) -> None:
    """Send the job to the worker once the row that describes it is committed.

    Without a broker the job fails at once, with the reason, and can be re-run
    from the admin, instead of waiting in the queued state forever.
    """
    # Imported here: the task module imports the services.
    from plays.tasks import play_count_job_run

    def send() -> None:
        try:
            play_count_job_run.delay(job_id)
        except OperationalError as error:
            PlayCountJob.objects.filter(pk=job_id).update(
                status=PlayCountJob.Status.FAILED, error=NOT_QUEUED.format(error=error)
            )

    transaction.on_commit(send)
