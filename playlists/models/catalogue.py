"""The recordings catalogue (``cm_track.csv``) and which recording a video is."""

from django.conf import settings
from django.db import models

from playlists.models.crawls import Video


class Artist(models.Model):
    """A catalogue artist (Chartmetric's ``cm_artist``)."""

    source = models.CharField(max_length=20, default="chartmetric")
    source_id = models.CharField(max_length=100)
    name = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], name="playlists_artist_source_id"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Recording(models.Model):
    """A catalogue row of ``cm_track.csv``: one track with its ISRC."""

    cm_track = models.BigIntegerField(unique=True)
    title = models.TextField()
    isrc = models.CharField("ISRC", max_length=64, db_index=True)
    isrc_valid = models.BooleanField("ISRC valid")
    artist = models.ForeignKey(
        Artist, on_delete=models.PROTECT, related_name="recordings"
    )

    class Meta:
        ordering = ["cm_track"]

    def __str__(self) -> str:
        return f"{self.artist} - {self.title} ({self.isrc})"


class VideoMatch(models.Model):
    """The recording a video is, how that was decided, and the runners-up."""

    class Method(models.TextChoices):
        EXACT = "exact", "exact artist + track title"
        TITLE = "title", "parsed video title"
        FUZZY = "fuzzy", "fuzzy title, shared artist"
        MANUAL = "manual", "set by staff"
        NONE = "none", "no match"

    video = models.OneToOneField(
        Video, on_delete=models.CASCADE, primary_key=True, related_name="match"
    )
    recording = models.ForeignKey(
        Recording,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="video_matches",
    )
    method = models.CharField(max_length=10, choices=Method.choices)
    score = models.FloatField(null=True, blank=True)
    alternatives = models.ManyToManyField(
        Recording,
        blank=True,
        related_name="alternative_matches",
        help_text="Other catalogue rows of the same recording (other ISRCs).",
    )
    ambiguous = models.BooleanField(
        default=False, help_text="Two different recordings scored equally best."
    )
    candidates = models.JSONField(
        default=list, blank=True, help_text="The tied candidates, for review."
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "video matches"

    def __str__(self) -> str:
        return f"{self.video} -> {self.recording or '-'} ({self.method})"


class VideoReview(VideoMatch):
    """Videos without a recording: unmatched or ambiguous, for staff to decide."""

    class Meta:
        proxy = True
        verbose_name = "video to review"
        verbose_name_plural = "videos to review"
