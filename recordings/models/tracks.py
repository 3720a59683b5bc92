"""Catalogue tracks: the rows of ``cm_track.csv``, each attached to its recording.

A Chartmetric track is one row per ``cm_track`` with its title, artist and
the ISRC as given. Several tracks can share an ISRC (a single and an album),
so each valid one is attached to the one ``Recording`` of that ISRC; a track
whose ISRC is invalid (kept as written) is attached to none, yet stays in
the catalogue and can be matched: a video match names the track.
"""

from django.db import models


class Artist(models.Model):
    """A catalogue artist (Chartmetric's ``cm_artist``)."""

    source = models.CharField(max_length=20, default="chartmetric")
    source_id = models.CharField(max_length=100)
    name = models.TextField()

    class Meta:
        ordering = ["source", "source_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], name="recordings_artist_source_id"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Track(models.Model):
    """One row of ``cm_track.csv``: a track, its ISRC as given, its recording."""

    cm_track = models.BigIntegerField(unique=True)
    title = models.TextField()
    isrc = models.CharField(
        "ISRC",
        max_length=64,
        db_index=True,
        help_text="Normal form when valid, else as written.",
    )
    isrc_valid = models.BooleanField("ISRC valid")
    artist = models.ForeignKey(Artist, on_delete=models.PROTECT, related_name="tracks")
    recording = models.ForeignKey(
        "recordings.Recording",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tracks",
        help_text="None when the ISRC is invalid.",
    )

    class Meta:
        ordering = ["cm_track"]
        verbose_name = "catalogue track"

    def __str__(self) -> str:
        return f"{self.artist} - {self.title} ({self.isrc})"
