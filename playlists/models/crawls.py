"""Crawls: channels, playlists, videos, their snapshots and metadata versions."""

from django.db import models


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
    # at commit (a tenth of an import's time). No index of the snapshot alone:
    # the unique (snapshot, position) serves it, and each index costs an
    # insertion per loaded row.
    snapshot = models.ForeignKey(
        PlaylistSnapshot,
        on_delete=models.CASCADE,
        db_constraint=False,
        db_index=False,
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

    # Indexed by the unique (video, digest), not by itself as well. No
    # database constraint, as for entries: the importer only inserts versions
    # joined to their video, and a deferred check per loaded row at commit
    # costs more than the insert of the row.
    video = models.ForeignKey(
        Video,
        on_delete=models.CASCADE,
        db_constraint=False,
        db_index=False,
        related_name="metadata",
    )
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
