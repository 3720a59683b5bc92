"""Play-count jobs: an uploaded CSV of plays and its daily totals per song."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from common.ingest.models import (
    PATH_MAX_LENGTH,
    ImportRecord,
    field_alias,
    sha256_unique,
    status_field,
)
from common.ingest.status import ImportStatus
from plays.rules.names import upload_disk_name

# The states a job goes through; /plays/jobs answers with these words.
JOB_STATUSES = (
    ImportStatus.QUEUED,
    ImportStatus.RUNNING,
    ImportStatus.DONE,
    ImportStatus.FAILED,
)


def upload_path(instance: "PlayCountJob", filename: str) -> str:
    """A directory of its own per upload.

    Two uploads of one name at once would otherwise race for the same path
    (the storage checks, then renames a temporary file over it), and the
    loser of a duplicate removes its copy: the winner's file. The name is
    the one ``upload_disk_name`` gives; ``path`` keeps the name as uploaded.
    """
    name = upload_disk_name(name=filename)
    return f"plays/uploads/{timezone.now():%Y/%m/%d}/{uuid.uuid4().hex}/{name}"


class PlayCountJob(ImportRecord):
    """One uploaded file; the row is the source of truth for the job's state.

    It belongs to its uploader (``owner``), who alone with staff sees it.
    Its SHA-256 is taken for good per owner, whatever the status: a failed
    job is re-run, not uploaded again. A bad row fails the whole job, so none
    is ever set aside.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="play_count_jobs",
        help_text="Who uploaded it; empty for jobs from before accounts.",
    )

    path = models.CharField(
        "file name", max_length=PATH_MAX_LENGTH, help_text="As uploaded."
    )
    upload = models.FileField(
        upload_to=upload_path,
        max_length=255,
        blank=True,
        help_text="Empty once the job failed on its file, deleted then.",
    )
    size = models.PositiveBigIntegerField(help_text="Bytes.")
    status = status_field(*JOB_STATUSES, default=ImportStatus.QUEUED)
    rows_done = models.PositiveBigIntegerField(
        default=0, help_text="Rows validated so far (estimated while running)."
    )
    rows_read = models.PositiveBigIntegerField(
        "rows in", null=True, blank=True, help_text="Rows in the file, once valid."
    )
    rows_out = models.PositiveBigIntegerField(null=True, blank=True)
    result = models.FileField(max_length=255, blank=True, default="")
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = "play-count job"
        constraints = [
            sha256_unique(
                name="plays_job_sha256_once_per_owner",
                identity=["owner"],
                ingested_only=False,
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.file_name}"

    file_name = field_alias("path")
    rows_in = field_alias("rows_read")


class PlayCountPart(models.Model):
    """One byte range of a job's upload, cut at a record's end, totalled by
    whichever worker takes it; its totals go to ``plays/parts/<job>/<number>``.

    A job has parts only when its upload is larger than ``PLAYS_PART_BYTES``.
    """

    job = models.ForeignKey(
        PlayCountJob, on_delete=models.CASCADE, related_name="parts"
    )
    number = models.PositiveIntegerField()
    start = models.PositiveBigIntegerField(help_text="First byte.")
    end = models.PositiveBigIntegerField(help_text="Past the last byte.")
    status = status_field(*JOB_STATUSES, default=ImportStatus.QUEUED)
    rows_read = models.PositiveBigIntegerField("rows in", null=True, blank=True)
    error = models.TextField(blank=True, default="")
    error_physical = models.BooleanField(
        default=False,
        help_text="The error's line counts every line break (the line-length "
        "check, which a whole-file run makes first).",
    )
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["job", "number"]
        constraints = [
            models.UniqueConstraint(fields=["job", "number"], name="plays_part_once")
        ]

    def __str__(self) -> str:
        return f"#{self.job_id} part {self.number}"
