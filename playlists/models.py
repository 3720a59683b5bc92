"""Playlist crawls over time, the videos in them and the recordings they are.

Channels, playlists and videos are keyed by ``(source, source_id)`` so another
platform's crawls fit beside YouTube's. Nothing crawled is overwritten: a
playlist keeps one snapshot per crawl, a video one metadata row per distinct
version of its metadata.
"""

from django.conf import settings
from django.db import models

from common.ingest.models import (
    ImportRecord,
    SetAsideRow,
    field_alias,
    sha256_unique,
    status_field,
)
from common.ingest.status import ImportStatus


class Source(models.TextChoices):
    YOUTUBE = "youtube"


class SourceKeyed(models.Model):
    source = models.CharField(max_length=20, choices=Source.choices)
    source_id = models.CharField(max_length=100)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.source}:{self.source_id}"


class Channel(SourceKeyed):
    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], name="playlists_channel_source_id"
            )
        ]


class Playlist(SourceKeyed):
    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], name="playlists_playlist_source_id"
            )
        ]


class Video(SourceKeyed):
    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], name="playlists_video_source_id"
            )
        ]


class PlaylistSnapshot(models.Model):
    """One crawl of a playlist: its records less than the crawl gap apart."""

    playlist = models.ForeignKey(
        Playlist, on_delete=models.CASCADE, related_name="snapshots"
    )
    taken_at = models.DateTimeField(help_text="Timestamp of the crawl's first record.")
    last_record_at = models.DateTimeField(
        help_text="Timestamp of the crawl's last record."
    )
    name = models.TextField(blank=True, default="")
    artwork_url = models.TextField(blank=True, default="")
    channel = models.ForeignKey(
        Channel,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="snapshots",
    )
    views = models.BigIntegerField(null=True, blank=True)
    num_videos = models.IntegerField(null=True, blank=True)

    class Meta:
        ordering = ["playlist", "taken_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["playlist", "taken_at"], name="playlists_snapshot_taken_at"
            )
        ]

    def __str__(self) -> str:
        return f"{self.playlist} at {self.taken_at:%Y-%m-%d %H:%M}"


class PlaylistEntry(models.Model):
    """A video at a position (0-based, as crawled) in one snapshot."""

    # No database constraints: the importer only inserts entries joined to
    # their snapshot and video, and a constraint costs a check per loaded row
    # at commit (a tenth of an import's time).
    snapshot = models.ForeignKey(
        PlaylistSnapshot,
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="entries",
    )
    position = models.IntegerField()
    video = models.ForeignKey(
        Video, on_delete=models.PROTECT, db_constraint=False, related_name="entries"
    )

    class Meta:
        ordering = ["snapshot", "position"]
        verbose_name_plural = "playlist entries"
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "position"], name="playlists_entry_position"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.position} {self.video}"


class VideoMetadata(models.Model):
    """One version of a video's metadata as crawled, and when it was seen."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="metadata")
    title = models.TextField(blank=True, default="")
    # null is what the crawler sent (it had no value), distinct from "".
    track_title = models.TextField(null=True, blank=True)  # noqa: DJ001
    artist_name = models.TextField(null=True, blank=True)  # noqa: DJ001
    image_url = models.TextField(blank=True, default="")
    digest = models.CharField(
        max_length=40, help_text="SHA-1 of the four fields: one row per version."
    )
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()

    class Meta:
        ordering = ["video", "-last_seen"]
        verbose_name_plural = "video metadata"
        constraints = [
            models.UniqueConstraint(
                fields=["video", "digest"], name="playlists_metadata_version"
            )
        ]

    def __str__(self) -> str:
        return self.title


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


class PlaylistImport(ImportRecord):
    """One imported crawl file, by content: the same bytes are imported once.

    A file that fails is rolled back whole and leaves no record.
    """

    source = models.CharField(max_length=20, choices=Source.choices)
    status = status_field(ImportStatus.INGESTED)
    rows_imported = models.PositiveBigIntegerField(
        default=0, help_text="Records stored as new playlist entries."
    )
    records_duplicate = models.PositiveBigIntegerField(default=0)
    snapshots_created = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["id"]
        constraints = [sha256_unique(name="playlists_import_sha256_once")]

    records_read = field_alias("rows_read")
    records_imported = field_alias("rows_imported")
    dead_letters_count = field_alias("rows_rejected")
    imported_at = field_alias("started_at")


class DeadLetter(SetAsideRow):
    """A record of a crawl file that could not be imported, as received."""

    file = models.ForeignKey(
        PlaylistImport, on_delete=models.CASCADE, related_name="dead_letters"
    )
    line = models.PositiveIntegerField("index", help_text="0-based index in the array.")
    value = models.TextField("record", help_text="The record as received (JSON).")

    class Meta:
        ordering = ["file", "line"]

    def __str__(self) -> str:
        return f"{self.file} [{self.line}]: {self.reason}"

    index = field_alias("line")
    record = field_alias("value")


class TrackImport(ImportRecord):
    """One catalogue file (``cm_track.csv``) imported, or that failed to.

    The catalogue is upserted and the last file wins, so the same bytes may
    rightly be imported again (after another file, they put their rows
    back): every import is recorded and the SHA-256 is not unique.
    """

    status = status_field(ImportStatus.INGESTED, ImportStatus.FAILED)
    rows_imported = models.PositiveBigIntegerField(
        default=0, help_text="Recordings stored, one per cm_track."
    )
    invalid_isrcs = models.PositiveBigIntegerField(
        "invalid ISRCs", default=0, help_text="Kept as written."
    )

    class Meta:
        ordering = ["id"]
        verbose_name = "catalogue import"


class TrackReject(SetAsideRow):
    """A line of a catalogue file that was set aside, and why."""

    file = models.ForeignKey(
        TrackImport, on_delete=models.CASCADE, related_name="rejects"
    )

    class Meta:
        ordering = ["file", "line"]
