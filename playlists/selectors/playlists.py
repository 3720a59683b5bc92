"""Reads for the API and the chart: playlists, their crawls and where videos sit."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from playlists.models import (
    Playlist,
    PlaylistEntry,
    PlaylistSnapshot,
    Video,
    VideoMatch,
    VideoMetadata,
)


@dataclass(frozen=True)
class EntryRow:
    position: int
    video_id: str
    title: str
    isrc: str | None
    match_method: str | None


@dataclass(frozen=True)
class HistoryPoint:
    snapshot_id: int
    taken_at: datetime.datetime
    position: int | None
    views: int | None
    num_videos: int | None


def playlist_count() -> int:
    return Playlist.objects.count()


def playlist_list_latest() -> QuerySet[PlaylistSnapshot]:
    """Each playlist's latest snapshot, by playlist id."""
    latest = (
        PlaylistSnapshot.objects.filter(playlist=OuterRef("pk"))
        .order_by("-taken_at")
        .values("pk")[:1]
    )
    return (
        PlaylistSnapshot.objects.filter(
            pk__in=Playlist.objects.annotate(latest=Subquery(latest)).values("latest")
        )
        .select_related("playlist", "channel")
        .order_by("playlist_id")
    )


def playlist_list_named(*, playlists: QuerySet[Playlist]) -> QuerySet[Playlist]:
    """``playlists`` with their latest crawl's ``latest_name``, ``latest_views``
    and ``latest_videos``, and their number of crawls (``crawl_count``)."""
    latest = PlaylistSnapshot.objects.filter(playlist=OuterRef("pk")).order_by(
        "-taken_at"
    )
    crawls = (
        PlaylistSnapshot.objects.filter(playlist=OuterRef("pk"))
        .values("playlist")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return playlists.annotate(
        latest_name=Subquery(latest.values("name")[:1]),
        latest_views=Subquery(latest.values("views")[:1]),
        latest_videos=Subquery(latest.values("num_videos")[:1]),
        crawl_count=Subquery(crawls),
    )


def playlist_snapshot_latest(*, playlist_id: int) -> PlaylistSnapshot | None:
    return (
        PlaylistSnapshot.objects.filter(playlist_id=playlist_id)
        .select_related("playlist", "channel")
        .order_by("-taken_at")
        .first()
    )


def snapshot_entry_list(*, snapshot: PlaylistSnapshot) -> list[EntryRow]:
    """The snapshot's entries by position, with each video's ISRC when matched."""
    entries = list(
        PlaylistEntry.objects.filter(snapshot=snapshot)
        .select_related("video__match__track")
        .order_by("position")
    )
    titles = video_title_map_current(video_ids=[entry.video_id for entry in entries])
    return [
        EntryRow(
            position=entry.position,
            video_id=entry.video.source_id,
            title=titles.get(entry.video_id, ""),
            isrc=_isrc(entry.video),
            match_method=_method(entry.video),
        )
        for entry in entries
    ]


def video_title_map_current(*, video_ids: list[int]) -> dict[int, str]:
    """Each video's title as last crawled."""
    titles: dict[int, str] = {}
    versions = VideoMetadata.objects.filter(video_id__in=video_ids).order_by(
        "video_id", "-last_seen", "-pk"
    )
    for video_id, title in versions.values_list("video_id", "title"):
        titles.setdefault(video_id, title)
    return titles


def video_history_in_playlist(*, playlist_id: int, video: Video) -> list[HistoryPoint]:
    """Every crawl of the playlist, oldest first, with the video's position
    in it (0-based, as crawled; ``None`` when it was not in that crawl)."""
    position = PlaylistEntry.objects.filter(
        snapshot=OuterRef("pk"), video=video
    ).values("position")[:1]
    snapshots = (
        PlaylistSnapshot.objects.filter(playlist_id=playlist_id)
        .annotate(position=Subquery(position))
        .order_by("taken_at")
    )
    return [
        HistoryPoint(s.pk, s.taken_at, s.position, s.views, s.num_videos)
        for s in snapshots
    ]


def video_get_by_source_id(*, playlist_id: int, source_id: str) -> Video | None:
    return Video.objects.filter(
        source=Playlist.objects.filter(pk=playlist_id).values("source")[:1],
        source_id=source_id,
    ).first()


def recording_entry_list(*, isrc: str) -> QuerySet[PlaylistEntry] | None:
    """Every entry of a video matched to a catalogue track with this ISRC, as
    the match or as one of its alternatives (the same recording catalogued
    twice); ``None`` when no track has it."""
    # Here, not at the top: recordings reads this module too.
    from recordings.selectors.tracks import track_exists

    if not track_exists(isrc=isrc):
        return None
    matches = VideoMatch.objects.filter(
        Q(track__isrc=isrc) | Q(alternatives__isrc=isrc)
    ).values("video_id")
    return (
        PlaylistEntry.objects.filter(video_id__in=matches)
        .select_related("snapshot__playlist", "video__match__track")
        .order_by("snapshot__playlist_id", "snapshot__taken_at", "position")
    )


@dataclass(frozen=True)
class ChartSeries:
    video_id: str
    title: str
    positions: list[int | None]  # one per crawl, oldest first


@dataclass(frozen=True)
class ChartData:
    taken_at: list[datetime.datetime]
    series: list[ChartSeries]


def playlist_chart_series(*, playlist_id: int, top: int = 10) -> ChartData:
    """The positions, crawl by crawl, of the videos in the latest crawl's top."""
    snapshots = list(
        PlaylistSnapshot.objects.filter(playlist_id=playlist_id).order_by("taken_at")
    )
    if not snapshots:
        return ChartData([], [])
    leaders = list(
        PlaylistEntry.objects.filter(snapshot=snapshots[-1], position__lt=top)
        .select_related("video")
        .order_by("position")
    )
    column = {snapshot.pk: index for index, snapshot in enumerate(snapshots)}
    positions = {entry.video_id: [None] * len(snapshots) for entry in leaders}
    for snapshot_id, video_id, position in PlaylistEntry.objects.filter(
        snapshot__in=snapshots, video_id__in=list(positions)
    ).values_list("snapshot_id", "video_id", "position"):
        positions[video_id][column[snapshot_id]] = position
    titles = video_title_map_current(video_ids=list(positions))
    return ChartData(
        taken_at=[snapshot.taken_at for snapshot in snapshots],
        series=[
            ChartSeries(
                entry.video.source_id,
                titles.get(entry.video_id, ""),
                positions[entry.video_id],
            )
            for entry in leaders
        ],
    )


def _isrc(video: Video) -> str | None:
    match = getattr(video, "match", None)
    return match.track.isrc if match and match.track else None


def _method(video: Video) -> str | None:
    match = getattr(video, "match", None)
    return match.method if match and match.track else None
