"""Which catalogue track (and so which recording) a video is.

The catalogue belongs to ``recordings`` (``recordings.Track``, one per
Chartmetric track, attached to the ``Recording`` of its ISRC). A match names
the track, not the recording, so a track whose ISRC is invalid is matchable
too; the foreign key across apps is the one documented in
``docs/architecture.md``: the admin chooses a track by autocomplete and the
playlist pages join the ISRC in the same query.
"""

from django.conf import settings
from django.db import models

from playlists.models.crawls import Video


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
    track = models.ForeignKey(
        "recordings.Track",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="video_matches",
    )
    method = models.CharField(max_length=10, choices=Method.choices)
    score = models.FloatField(null=True, blank=True)
    alternatives = models.ManyToManyField(
        "recordings.Track",
        blank=True,
        related_name="alternative_matches",
        help_text="Other catalogue tracks of the same recording (other ISRCs).",
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
        return f"{self.video} -> {self.track or '-'} ({self.method})"


class VideoReview(VideoMatch):
    """Videos without a recording: unmatched or ambiguous, for staff to decide."""

    class Meta:
        proxy = True
        verbose_name = "video to review"
        verbose_name_plural = "videos to review"
