"""Reads for the recordings app: the playlists a recording's videos sat in."""

from dataclasses import dataclass
from datetime import datetime

from playlists.selectors.playlists import recording_entry_list


@dataclass(frozen=True)
class PlaylistAppearance:
    playlist_id: int
    source: str
    source_id: str
    name: str  # as the latest crawl that listed the recording named it
    crawls: int  # crawls that listed it
    best_position: int  # 0-based, as crawled
    first_seen: datetime
    last_seen: datetime


def recording_playlist_list(*, isrc: str) -> list[PlaylistAppearance]:
    """Each playlist in which a video matched to ``isrc`` (normal form) sat,
    by playlist id; empty when no catalogue row has the ISRC."""
    entries = recording_entry_list(isrc=isrc)
    if entries is None:
        return []
    seen: dict[int, list] = {}
    for entry in entries:
        snapshot = entry.snapshot
        seen.setdefault(snapshot.playlist_id, []).append((snapshot, entry.position))
    answer = []
    for playlist_id, rows in sorted(seen.items()):
        snapshots = sorted(
            {s.pk: s for s, _ in rows}.values(), key=lambda s: s.taken_at
        )
        answer.append(
            PlaylistAppearance(
                playlist_id=playlist_id,
                source=snapshots[-1].playlist.source,
                source_id=snapshots[-1].playlist.source_id,
                name=snapshots[-1].name,
                crawls=len(snapshots),
                best_position=min(position for _, position in rows),
                first_seen=snapshots[0].taken_at,
                last_seen=snapshots[-1].taken_at,
            )
        )
    return answer
