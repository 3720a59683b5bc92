"""Play-count jobs: an uploaded CSV of plays and its daily totals per song."""

import uuid

from django.db import models
from django.utils import timezone


def upload_path(instance: "PlayCountJob", filename: str) -> str:
    """A directory of its own per upload.

    Two uploads of one name at once would otherwise race for the same path
    (the storage checks, then renames a temporary file over it), and the
    loser of a duplicate removes its copy: the winner's file.
    """
    return f"plays/uploads/{timezone.now():%Y/%m/%d}/{uuid.uuid4().hex}/{filename}"


class PlayCountJob(models.Model):
    """One uploaded file; the row is the source of truth for the job's state."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    upload = models.FileField(upload_to=upload_path, max_length=255)
    file_name = models.CharField(max_length=255, help_text="As uploaded.")
    size = models.PositiveBigIntegerField(help_text="Bytes.")
    sha256 = models.CharField(
        "SHA-256", max_length=64, unique=True, help_text="Of the uploaded content."
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    rows_done = models.PositiveBigIntegerField(
        default=0, help_text="Rows validated so far (estimated while running)."
    )
    rows_in = models.PositiveBigIntegerField(null=True, blank=True)
    rows_out = models.PositiveBigIntegerField(null=True, blank=True)
    error = models.TextField(blank=True, default="")
    result = models.FileField(max_length=255, blank=True, default="")
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = "play-count job"

    def __str__(self) -> str:
        return f"#{self.pk} {self.file_name}"

    @property
    def seconds(self) -> float | None:
        """Duration of the last run, once it finished."""
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()
