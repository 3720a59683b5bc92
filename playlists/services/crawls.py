"""From staged records to playlists, snapshots, entries and metadata, in SQL.

The crawl rule: the records of one playlist, ordered by time, belong to one
crawl while each is less than the crawl gap after the one before it. Crawls
already stored take part through their first and last timestamps, so records
that fall into (or within the gap of) a stored crawl join that snapshot, and
the same records imported again add nothing.
"""

import datetime
from dataclasses import dataclass, field

from django.db import connection

from common.db import rows_insert, tables_analyze
from playlists.models import Channel, Playlist, PlaylistSnapshot
from playlists.parsers import timestamp_from_us
from playlists.rules.entries import ENTRIES_FIRST_WINS_SQL
from playlists.services.crawl_metadata import staged_metadata_load
from playlists.services.crawl_videos import (
    VIDEO_MAP,
    VIDEO_TABLES,
    staged_videos_insert,
    staged_videos_map,
)
from playlists.services.staging import STAGE
from playlists.storage import storage

POINTS = "playlists_stage_points"
GROUPED = "playlists_stage_grouped"
CRAWL_MAP = "playlists_stage_crawls"
SNAPSHOT_BATCH = 5_000

_ENTITY_INSERT_SQL = """
    INSERT INTO playlists_{table} (source, source_id)
    SELECT DISTINCT %s, {column} FROM {stage}
    WHERE {column} IS NOT NULL AND {column} <> ''
    ON CONFLICT DO NOTHING
"""

_STORED_CRAWLS_SQL = f"""
    SELECT p.source_id, s.id, s.taken_at, s.last_record_at
    FROM playlists_playlistsnapshot AS s
    JOIN playlists_playlist AS p ON p.id = s.playlist_id
    WHERE p.source = %s AND p.source_id IN (SELECT playlist_id FROM {STAGE})
"""

# A record starts a new crawl when it is the playlist's first or at least the
# gap after the previous one; the running sum of those starts numbers crawls.
_GROUP_SQL = f"""
    CREATE TEMPORARY TABLE {GROUPED} AS
    SELECT idx, playlist_id, ts, snapshot_id, position, video_id, starts,
           SUM(starts) OVER (
               PARTITION BY playlist_id ORDER BY ts, idx ROWS UNBOUNDED PRECEDING
           ) AS crawl
    FROM (
        SELECT idx, playlist_id, ts, snapshot_id, position, video_id,
               CASE WHEN ts - LAG(ts) OVER (
                   PARTITION BY playlist_id ORDER BY ts, idx
               ) < %s THEN 0 ELSE 1 END AS starts
        FROM (
            SELECT idx, playlist_id, ts, NULL AS snapshot_id, position, video_id
            FROM {STAGE}
            UNION ALL
            SELECT NULL, playlist_id, ts, snapshot_id, NULL, NULL FROM {POINTS}
        ) AS points
    ) AS marked
"""

_CRAWLS_SQL = f"""
    SELECT playlist_id, crawl, MIN(ts), MAX(ts), MIN(snapshot_id)
    FROM {GROUPED} GROUP BY playlist_id, crawl HAVING COUNT(idx) > 0
"""

# What a new snapshot shows: the crawl's first record, the one that started
# it (a new crawl holds no stored point, so a staged record starts it).
_FIRST_RECORDS_SQL = f"""
    SELECT g.playlist_id, g.crawl, s.playlist_name, s.artwork_url, s.channel_id,
           s.views, s.num_videos
    FROM {GROUPED} AS g
    JOIN {STAGE} AS s ON s.idx = g.idx
    WHERE g.starts = 1
"""

# A new crawl holds no entry yet: its records are decided by the
# first-wins rule's SQL twin and inserted plainly, in the order of the unique
# index (ON CONFLICT's speculative insertion costs an index probe and two
# more WAL records per row).
_ENTRIES_NEW_SQL = (
    "INSERT INTO playlists_playlistentry (snapshot_id, position, video_id)"
    + ENTRIES_FIRST_WINS_SQL.format(
        candidates=f"""
            SELECT m.snapshot_id, g.position, g.idx, v.id AS video_id
            FROM {GROUPED} AS g
            JOIN {CRAWL_MAP} AS m
                ON m.playlist_id = g.playlist_id AND m.crawl = g.crawl
            JOIN {VIDEO_MAP} AS v ON v.source_id = g.video_id
            WHERE g.idx IS NOT NULL AND m.stored = 0
        """
    )
)

# Records joining a stored crawl (rare: a crawl cut across files) add only
# the positions it does not hold yet.
_ENTRIES_STORED_SQL = f"""
    INSERT INTO playlists_playlistentry (snapshot_id, position, video_id)
    SELECT m.snapshot_id, g.position, v.id
    FROM {GROUPED} AS g
    JOIN {CRAWL_MAP} AS m ON m.playlist_id = g.playlist_id AND m.crawl = g.crawl
    JOIN {VIDEO_MAP} AS v ON v.source_id = g.video_id
    WHERE g.idx IS NOT NULL AND m.stored = 1
    ORDER BY g.idx
    ON CONFLICT (snapshot_id, position) DO NOTHING
"""


@dataclass
class CrawlLoad:
    entries_inserted: int
    snapshots_created: int


@dataclass
class Crawl:
    playlist_id: str
    number: int
    first_us: int
    last_us: int
    snapshot_id: int | None
    stored: bool = field(init=False)

    def __post_init__(self):
        self.stored = self.snapshot_id is not None


def crawls_load(*, source: str, crawl_gap_us: int) -> CrawlLoad:
    """Load the staged records; return how many entries and snapshots are new."""
    cursor = connection.cursor()
    storage().crawls_lock(cursor)
    for table, column in (("channel", "channel_id"), ("playlist", "playlist_id")):
        cursor.execute(
            _ENTITY_INSERT_SQL.format(table=table, column=column, stage=STAGE),
            [source],
        )
    staged_videos_insert(cursor, source=source)
    crawls = _crawls_group(cursor, source=source, crawl_gap_us=crawl_gap_us)
    created = _snapshots_map(cursor, source=source, crawls=crawls)
    staged_videos_map(cursor, source=source)
    tables_analyze(cursor, tables=[CRAWL_MAP])
    cursor.execute(_ENTRIES_NEW_SQL)
    inserted = cursor.rowcount
    cursor.execute(_ENTRIES_STORED_SQL)
    inserted += cursor.rowcount
    staged_metadata_load(cursor)
    for table in (POINTS, GROUPED, CRAWL_MAP, *VIDEO_TABLES):
        cursor.execute(f"DROP TABLE {table}")
    return CrawlLoad(entries_inserted=inserted, snapshots_created=created)


def _crawls_group(cursor, *, source: str, crawl_gap_us: int) -> list[Crawl]:
    cursor.execute(_STORED_CRAWLS_SQL, [source])
    points = [
        (playlist_id, _us(moment), snapshot_id)
        for playlist_id, snapshot_id, first, last in cursor.fetchall()
        for moment in (first, last)
    ]
    cursor.execute(
        f"CREATE TEMPORARY TABLE {POINTS} "
        "(playlist_id text, ts bigint, snapshot_id bigint)"
    )
    rows_insert(
        cursor, table=POINTS, columns=("playlist_id", "ts", "snapshot_id"), rows=points
    )
    cursor.execute(_GROUP_SQL, [crawl_gap_us])
    tables_analyze(cursor, tables=[GROUPED])
    cursor.execute(_CRAWLS_SQL)
    return [Crawl(*row) for row in cursor.fetchall()]


def _snapshots_map(cursor, *, source: str, crawls: list[Crawl]) -> int:
    """Give every crawl a snapshot, stored or new; return how many are new."""
    _stored_snapshots_widen([crawl for crawl in crawls if crawl.snapshot_id])
    new = [crawl for crawl in crawls if crawl.snapshot_id is None]
    cursor.execute(_FIRST_RECORDS_SQL)
    firsts = {(row[0], row[1]): row[2:] for row in cursor.fetchall()}
    playlists = _ids(Playlist, source, {crawl.playlist_id for crawl in new})
    channels = _ids(Channel, source, {firsts[c.playlist_id, c.number][2] for c in new})
    for start in range(0, len(new), SNAPSHOT_BATCH):
        batch = new[start : start + SNAPSHOT_BATCH]
        snapshots = [
            _snapshot(
                crawl, firsts[crawl.playlist_id, crawl.number], playlists, channels
            )
            for crawl in batch
        ]
        PlaylistSnapshot.objects.bulk_create(snapshots)
        for crawl, snapshot in zip(batch, snapshots, strict=True):
            crawl.snapshot_id = snapshot.pk
    cursor.execute(
        f"CREATE TEMPORARY TABLE {CRAWL_MAP} "
        "(playlist_id text, crawl bigint, snapshot_id bigint, stored integer)"
    )
    rows_insert(
        cursor,
        table=CRAWL_MAP,
        columns=("playlist_id", "crawl", "snapshot_id", "stored"),
        rows=[
            (crawl.playlist_id, crawl.number, crawl.snapshot_id, int(crawl.stored))
            for crawl in crawls
        ],
    )
    cursor.execute(f"CREATE INDEX {CRAWL_MAP}_key ON {CRAWL_MAP} (playlist_id, crawl)")
    return len(new)


def _snapshot(
    crawl: Crawl, first: tuple, playlists: dict[str, int], channels: dict[str, int]
) -> PlaylistSnapshot:
    name, artwork_url, channel_id, views, num_videos = first
    return PlaylistSnapshot(
        playlist_id=playlists[crawl.playlist_id],
        taken_at=timestamp_from_us(crawl.first_us),
        last_record_at=timestamp_from_us(crawl.last_us),
        name=name or "",
        artwork_url=artwork_url or "",
        channel_id=channels.get(channel_id),
        views=views,
        num_videos=num_videos,
    )


def _stored_snapshots_widen(crawls: list[Crawl]) -> None:
    """A stored crawl that new records extend gets their first and last times."""
    stored = PlaylistSnapshot.objects.in_bulk([crawl.snapshot_id for crawl in crawls])
    for crawl in crawls:
        snapshot = stored[crawl.snapshot_id]
        first, last = _us(snapshot.taken_at), _us(snapshot.last_record_at)
        if crawl.first_us < first or crawl.last_us > last:
            snapshot.taken_at = timestamp_from_us(min(first, crawl.first_us))
            snapshot.last_record_at = timestamp_from_us(max(last, crawl.last_us))
            snapshot.save(update_fields=["taken_at", "last_record_at"])


def _ids(model, source: str, source_ids: set) -> dict[str, int]:
    wanted = sorted(s for s in source_ids if s)
    found = {}
    for start in range(0, len(wanted), SNAPSHOT_BATCH):
        chunk = wanted[start : start + SNAPSHOT_BATCH]
        found.update(
            model.objects.filter(source=source, source_id__in=chunk).values_list(
                "source_id", "pk"
            )
        )
    return found


def _us(moment: datetime.datetime) -> int:
    if moment.tzinfo is None:  # raw SQL on SQLite reads UTC without an offset
        moment = moment.replace(tzinfo=datetime.UTC)
    delta = moment - timestamp_from_us(0)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
