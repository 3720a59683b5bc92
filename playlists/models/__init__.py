"""Playlist crawls over time, the videos in them and the recordings they are.

Channels, playlists and videos are keyed by ``(source, source_id)`` so another
platform's crawls fit beside YouTube's. Nothing crawled is overwritten: a
playlist keeps one snapshot per crawl, a video one metadata row per distinct
version of its metadata.
"""

from playlists.models.catalogue import VideoMatch, VideoReview
from playlists.models.crawls import (
    Channel,
    Playlist,
    PlaylistEntry,
    PlaylistSnapshot,
    Source,
    SourceKeyed,
    Video,
    VideoMetadata,
)
from playlists.models.imports import (
    DeadLetter,
    PlaylistImport,
    TrackImport,
    TrackReject,
)

__all__ = [
    "Channel",
    "DeadLetter",
    "Playlist",
    "PlaylistEntry",
    "PlaylistImport",
    "PlaylistSnapshot",
    "Source",
    "SourceKeyed",
    "TrackImport",
    "TrackReject",
    "Video",
    "VideoMatch",
    "VideoMetadata",
    "VideoReview",
]
