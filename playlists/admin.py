"""Playlists, crawls, videos and matches; staff set or clear matches here.

Crawl data comes from files (import_playlists, import_tracks), so it is
read-only; the only write is a staff decision on a video's recording.
"""

from django.contrib import admin, messages
from django.db.models import F
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from common.admin import NoWriteAdmin, ReadOnlyAdmin
from common.formatting import count_format
from playlists.models import (
    DeadLetter,
    Playlist,
    PlaylistEntry,
    PlaylistImport,
    PlaylistSnapshot,
    TrackImport,
    TrackReject,
    Video,
    VideoMatch,
    VideoMetadata,
    VideoReview,
)
from playlists.selectors.playlists import (
    playlist_list_named,
    video_title_map_current,
)
from playlists.selectors.review import video_review_list
from playlists.services.review import video_match_clear, video_match_set


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class SnapshotViewsMixin:
    @admin.display(description="views", ordering="views")
    def views_grouped(self, snapshot: PlaylistSnapshot) -> str:
        return count_format(snapshot.views)


class SnapshotInline(SnapshotViewsMixin, ReadOnlyInline):
    model = PlaylistSnapshot
    fields = [
        "taken_at",
        "last_record_at",
        "name",
        "views_grouped",
        "num_videos",
        "channel",
    ]
    readonly_fields = fields
    ordering = ["-taken_at"]


class EntryInline(ReadOnlyInline):
    model = PlaylistEntry
    fields = ["position", "video"]
    readonly_fields = fields
    show_change_link = False


class MetadataInline(ReadOnlyInline):
    model = VideoMetadata
    fields = ["title", "artist_name", "track_title", "first_seen", "last_seen"]
    readonly_fields = fields
    show_change_link = False


@admin.register(Playlist)
class PlaylistAdmin(ReadOnlyAdmin):
    """Playlists by the name and views of their latest crawl, most viewed first."""

    list_display = ["name", "source", "views", "videos", "crawls", "chart"]
    list_filter = ["source"]
    search_fields = ["=source_id", "snapshots__name"]
    fields = ["name", "source", "source_id", "views", "videos", "crawls", "chart"]
    readonly_fields = fields
    inlines = [SnapshotInline]

    def get_ordering(self, request) -> list:
        # Most viewed first. (A method: the admin's checks know no annotation
        # in ``ordering``.)
        return [F("latest_views").desc(nulls_last=True), "id"]

    def get_queryset(self, request):
        playlists = playlist_list_named(playlists=Playlist.objects.all())
        return playlists.order_by(*self.get_ordering(request))

    @admin.display(description="name (latest crawl)", ordering="latest_name")
    def name(self, playlist: Playlist) -> str:
        return playlist.latest_name or str(playlist)

    @admin.display(description="views", ordering="latest_views")
    def views(self, playlist: Playlist) -> str:
        return count_format(playlist.latest_views)

    @admin.display(description="videos", ordering="latest_videos")
    def videos(self, playlist: Playlist) -> str:
        return count_format(playlist.latest_videos)

    @admin.display(description="crawls", ordering="crawl_count")
    def crawls(self, playlist: Playlist) -> str:
        return count_format(playlist.crawl_count)

    @admin.display(description="chart")
    def chart(self, playlist: Playlist) -> str:
        url = reverse("playlist-chart", args=[playlist.pk])
        return format_html('<a href="{}">positions over time</a>', url)


@admin.register(PlaylistSnapshot)
class PlaylistSnapshotAdmin(SnapshotViewsMixin, ReadOnlyAdmin):
    list_display = ["name", "playlist", "taken_at", "views_grouped", "num_videos"]
    list_select_related = ["playlist"]
    list_filter = ["playlist__source"]
    search_fields = ["=playlist__source_id", "name"]
    inlines = [EntryInline]


@admin.register(Video)
class VideoAdmin(ReadOnlyAdmin):
    list_display = ["source_id", "source", "track"]
    list_select_related = ["match__track__artist"]
    search_fields = ["=source_id", "metadata__title"]
    fields = ["source", "source_id", "track", "method"]
    readonly_fields = fields
    inlines = [MetadataInline]

    @admin.display(description="catalogue track")
    def track(self, video: Video):
        match = getattr(video, "match", None)
        return match.track if match else "not matched yet"

    @admin.display(description="match method")
    def method(self, video: Video) -> str:
        match = getattr(video, "match", None)
        return match.get_method_display() if match else ""


@admin.register(PlaylistImport)
class PlaylistImportAdmin(ReadOnlyAdmin):
    list_display = [
        "path",
        "started_at",
        "rows_read",
        "rows_imported",
        "records_duplicate",
        "rows_rejected",
        "snapshots_created",
    ]


@admin.register(DeadLetter)
class DeadLetterAdmin(ReadOnlyAdmin):
    list_display = ["file", "line", "reason"]
    list_select_related = ["file"]
    list_filter = ["file"]
    search_fields = ["reason"]
    fields = ["file", "line", "reason", "value"]
    readonly_fields = fields


@admin.register(TrackImport)
class TrackImportAdmin(ReadOnlyAdmin):
    list_display = [
        "path",
        "status",
        "started_at",
        "rows_read",
        "rows_imported",
        "invalid_isrcs",
        "rows_rejected",
    ]
    list_filter = ["status"]


@admin.register(TrackReject)
class TrackRejectAdmin(ReadOnlyAdmin):
    list_display = ["file", "line", "field", "value", "reason"]
    list_select_related = ["file"]
    list_filter = ["file"]
    search_fields = ["reason"]


@admin.register(VideoMatch)
class VideoMatchAdmin(NoWriteAdmin):
    """Every decision; change one to set the recording by hand."""

    # The recording as text, not its foreign key: the admin keeps a foreign
    # key on one line, which pushed the last columns off a 1366 px screen.
    list_display = [
        "video",
        "video_title",
        "track_label",
        "method",
        "score",
        "ambiguous",
    ]
    list_select_related = ["video", "track__artist"]
    list_filter = ["method", "ambiguous"]
    search_fields = ["=video__source_id", "=track__isrc", "track__title"]
    autocomplete_fields = ["track"]
    fields = [
        "video",
        "video_title",
        "youtube",
        "track",
        "method",
        "score",
        "alternatives_list",
        "tied_candidates",
        "decided_by",
        "updated_at",
    ]
    readonly_fields = [f for f in fields if f != "track"]
    actions = ["clear_match"]

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("playlists.change_videomatch")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj: VideoMatch, form, change) -> None:
        if obj.track is None:
            video_match_clear(matches=[obj], user=request.user)
        else:
            video_match_set(match=obj, track=obj.track, user=request.user)

    def save_related(self, request, form, formsets, change) -> None:
        """The alternatives are the matcher's; a staff decision clears them."""

    @admin.action(
        description="Clear the match: no catalogued recording", permissions=["change"]
    )
    def clear_match(self, request, queryset):
        cleared = video_match_clear(matches=queryset, user=request.user)
        self.message_user(request, f"Cleared {cleared} match(es).", messages.SUCCESS)

    @admin.display(description="catalogue track", ordering="track__title")
    def track_label(self, match: VideoMatch) -> str:
        return str(match.track) if match.track else "-"

    @admin.display(description="title (latest crawl)")
    def video_title(self, match: VideoMatch) -> str:
        titles = video_title_map_current(video_ids=[match.video_id])
        return titles.get(match.video_id, "")

    @admin.display(description="on YouTube")
    def youtube(self, match: VideoMatch) -> str:
        if match.video.source != "youtube":
            return ""
        url = f"https://www.youtube.com/watch?v={match.video.source_id}"
        return format_html('<a href="{}" rel="noreferrer">{}</a>', url, url)

    @admin.display(description="other ISRCs of the recording")
    def alternatives_list(self, match: VideoMatch) -> str:
        return ", ".join(r.isrc for r in match.alternatives.all()) or "none"

    @admin.display(description="equally good candidates")
    def tied_candidates(self, match: VideoMatch) -> str:
        if not match.candidates:
            return "none"
        return format_html_join(
            "",
            "<div>{} - {} ({})</div>",
            ((c["artist"], c["title"], c["isrc"]) for c in match.candidates),
        )


@admin.register(VideoReview)
class VideoReviewAdmin(VideoMatchAdmin):
    """The to-do list: videos the matcher left without a recording, ambiguous
    ones first. Setting a recording (or clearing) removes a video from it."""

    list_filter = ["ambiguous"]

    def get_queryset(self, request):
        return video_review_list(matches=super().get_queryset(request))
