"""The recordings catalogue and its links to works.

A recording is one ISRC in the project's normal form
(``common.identifiers.isrc_normalise``); an invalid ISRC is no recording. A
work is named by its ISWC only: works live in the ``works`` app, which this
app reads through its selectors, so there is no foreign key to them.
"""

from django.conf import settings
from django.db import models

from recordings.models.tracks import Artist, Track

__all__ = ["Artist", "LinkReview", "Recording", "RecordingWork", "Track"]

ISRC_LENGTH = 12
ISWC_LENGTH = 11


class Recording(models.Model):
    """One sound recording, by ISRC, with where each of its facts came from."""

    isrc = models.CharField("ISRC", max_length=ISRC_LENGTH, unique=True)
    title = models.TextField(blank=True, default="")
    title_source = models.CharField(max_length=100, blank=True, default="")
    artists = models.TextField(blank=True, default="", help_text="Pipe-separated.")
    artists_source = models.CharField(max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["isrc"]

    def __str__(self) -> str:
        return f"{self.isrc} {self.title}".strip()


class RecordingWork(models.Model):
    """A source's claim that a recording embodies a work (ISRC ↔ ISWC)."""

    recording = models.ForeignKey(
        Recording, on_delete=models.CASCADE, related_name="work_links"
    )
    iswc = models.CharField("ISWC", max_length=ISWC_LENGTH, db_index=True)
    source = models.CharField(
        max_length=100,
        help_text="works:<provider>, cwr:<id>, ddex:<id> or admin.",
    )
    share = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="The work's share, when the source gives one.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "recording-work link"
        constraints = [
            models.UniqueConstraint(
                fields=["recording", "iswc", "source"],
                name="recordings_recordingwork_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recording.isrc} -> {self.iswc} ({self.source})"


class LinkReview(models.Model):
    """A recording whose sources name different works: staff decide."""

    class Status(models.TextChoices):
        OPEN = "open", "open"
        RESOLVED = "resolved", "resolved"

    recording = models.OneToOneField(
        Recording, on_delete=models.CASCADE, related_name="review"
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN
    )
    claims = models.JSONField(
        default=dict, help_text="The works each source names, when it was opened."
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "link to review"
        verbose_name_plural = "links to review"

    def __str__(self) -> str:
        return f"{self.recording.isrc}: {self.status}"
