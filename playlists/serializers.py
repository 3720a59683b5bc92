"""JSON shapes of the playlists API, and validation of its query parameters."""

from rest_framework import serializers

from common.identifiers import isrc_normalise

VIDEO_REQUIRED = "Give the video's id (as in the crawl), e.g. ?video=XXYlFuWEuKI."
BAD_ISRC = "{value!r} is not an ISRC (CC-XXX-YY-NNNNN)."


class SnapshotSerializer(serializers.Serializer):
    """A playlist as its latest crawl saw it."""

    id = serializers.IntegerField(source="playlist_id")
    source = serializers.CharField(source="playlist.source")
    source_id = serializers.CharField(source="playlist.source_id")
    name = serializers.CharField()
    artwork_url = serializers.CharField()
    channel_id = serializers.CharField(source="channel.source_id", allow_null=True)
    views = serializers.IntegerField(allow_null=True)
    num_videos = serializers.IntegerField(allow_null=True)
    snapshot_id = serializers.IntegerField(source="pk")
    taken_at = serializers.DateTimeField()


class EntrySerializer(serializers.Serializer):
    position = serializers.IntegerField(help_text="0-based, as crawled.")
    video_id = serializers.CharField()
    title = serializers.CharField()
    isrc = serializers.CharField(allow_null=True, help_text="When matched.")
    match_method = serializers.CharField(allow_null=True)


class PlaylistDetailSerializer(SnapshotSerializer):
    entries = EntrySerializer(many=True, source="entry_rows")


class HistoryPointSerializer(serializers.Serializer):
    snapshot_id = serializers.IntegerField()
    taken_at = serializers.DateTimeField()
    position = serializers.IntegerField(
        allow_null=True, help_text="0-based; null when not in that crawl."
    )
    views = serializers.IntegerField(allow_null=True, help_text="The playlist's.")
    num_videos = serializers.IntegerField(allow_null=True)


class HistorySerializer(serializers.Serializer):
    playlist_id = serializers.IntegerField()
    video_id = serializers.CharField()
    points = HistoryPointSerializer(many=True)


class HistoryQuerySerializer(serializers.Serializer):
    video = serializers.CharField(
        error_messages={"required": VIDEO_REQUIRED, "blank": VIDEO_REQUIRED}
    )


class AppearanceSerializer(serializers.Serializer):
    """One crawl of one playlist in which a video of the recording sat."""

    playlist_id = serializers.IntegerField(source="snapshot.playlist_id")
    playlist_source_id = serializers.CharField(source="snapshot.playlist.source_id")
    playlist_name = serializers.CharField(source="snapshot.name")
    snapshot_id = serializers.IntegerField()
    taken_at = serializers.DateTimeField(source="snapshot.taken_at")
    video_id = serializers.CharField(source="video.source_id")
    isrc = serializers.CharField(
        source="video.match.track.isrc",
        help_text="The ISRC the video is matched to (may be an alternative's).",
    )
    position = serializers.IntegerField(help_text="0-based, as crawled.")


def isrc_validate(value: str) -> str:
    isrc, valid = isrc_normalise(value=value)
    if not valid:
        raise serializers.ValidationError({"isrc": [BAD_ISRC.format(value=value)]})
    return isrc
