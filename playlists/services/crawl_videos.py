"""The videos of the staged records: inserted when new, then mapped to their ids.

Every staged video is taken once into a small temporary table; the crawl
load's joins read its ids from another (``VIDEO_MAP``), whose statistics are
exact. The videos table's are not right after a load added to it, and the
planner then nested-looped a million records over what it took for a few
videos.
"""

from common.db import tables_analyze
from playlists.services.staging import STAGE

VIDEOS = "playlists_stage_videos"
VIDEO_MAP = "playlists_stage_video_ids"
VIDEO_TABLES = (VIDEOS, VIDEO_MAP)

_VIDEOS_DISTINCT_SQL = f"""
    CREATE TEMPORARY TABLE {VIDEOS} AS
    SELECT DISTINCT video_id AS source_id FROM {STAGE}
"""

_VIDEOS_INSERT_SQL = f"""
    INSERT INTO playlists_video (source, source_id)
    SELECT %s, source_id FROM {VIDEOS} WHERE true
    ON CONFLICT DO NOTHING
"""

_VIDEO_MAP_SQL = f"""
    CREATE TEMPORARY TABLE {VIDEO_MAP} AS
    SELECT v.source_id, v.id
    FROM {VIDEOS} AS d
    JOIN playlists_video AS v ON v.source = %s AND v.source_id = d.source_id
"""


def staged_videos_insert(cursor, *, source: str) -> None:
    """Every staged video once (``VIDEOS``), and those not stored yet stored."""
    cursor.execute(_VIDEOS_DISTINCT_SQL)
    tables_analyze(cursor, tables=[VIDEOS])
    cursor.execute(_VIDEOS_INSERT_SQL, [source])


def staged_videos_map(cursor, *, source: str) -> None:
    """``VIDEO_MAP``: each staged video's ``source_id`` and database id."""
    cursor.execute(_VIDEO_MAP_SQL, [source])
    tables_analyze(cursor, tables=[VIDEO_MAP])
