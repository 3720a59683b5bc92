"""The metadata versions of the staged records: new ones added, stored ones widened.

A version is a video's four texts, named by their digest. The staged records
are read once into ``VERSIONS`` (one row per video and digest, with the
first and last time it was seen); a stored version seen before its
``first_seen`` or after its ``last_seen`` is widened by an ``UPDATE``, and the
versions not stored yet are inserted plainly, in the order of the unique
index. Loads run one at a time (``crawls_lock``), so no other load adds a
version between the two; ``ON CONFLICT``'s speculative insertion would cost
an index probe and two more WAL records per row.
"""

from common.db import tables_analyze
from playlists.services.crawl_videos import VIDEO_MAP
from playlists.services.staging import STAGE
from playlists.storage import storage

VERSIONS = "playlists_stage_versions"

# A version's texts are those of any of its records (its digest is theirs),
# so their minimum is taken byte by byte, not by the collation's rules.
_VERSIONS_SQL = f"""
    CREATE TEMPORARY TABLE {VERSIONS} AS
    SELECT v.id AS video_id, d.digest, d.first_us, d.last_us,
           d.title, d.track_title, d.artist_name, d.image_url
    FROM (
        SELECT video_id, digest, MIN(ts) AS first_us, MAX(ts) AS last_us,
               MIN(title {{bytewise}}) AS title,
               MIN(track_title {{bytewise}}) AS track_title,
               MIN(artist_name {{bytewise}}) AS artist_name,
               MIN(image_url {{bytewise}}) AS image_url
        FROM {STAGE} GROUP BY video_id, digest
    ) AS d
    JOIN {VIDEO_MAP} AS v ON v.source_id = d.video_id
"""

# Only the stored versions the records move out of their time range.
_WIDEN_SQL = f"""
    UPDATE playlists_videometadata AS m SET
        first_seen = {{least}}(m.first_seen, {{moment_first}}),
        last_seen = {{greatest}}(m.last_seen, {{moment_last}})
    FROM {VERSIONS} AS n
    WHERE m.video_id = n.video_id AND m.digest = n.digest
      AND (m.first_seen > {{moment_first}} OR m.last_seen < {{moment_last}})
"""

_NEW_SQL = f"""
    INSERT INTO playlists_videometadata
        (video_id, title, track_title, artist_name, image_url, digest,
         first_seen, last_seen)
    SELECT n.video_id, COALESCE(n.title, ''), n.track_title, n.artist_name,
           COALESCE(n.image_url, ''), n.digest, {{moment_first}}, {{moment_last}}
    FROM {VERSIONS} AS n
    WHERE NOT EXISTS (
        SELECT 1 FROM playlists_videometadata AS m
        WHERE m.video_id = n.video_id AND m.digest = n.digest
    )
    ORDER BY n.video_id, n.digest
"""


def staged_metadata_load(cursor) -> None:
    """Widen the stored versions the staged records saw again, add the new ones.

    Run with an empty parameter list: SQLite's spelling of a moment holds
    doubled percent signs.
    """
    cursor.execute(_spelled(_VERSIONS_SQL), [])
    tables_analyze(cursor, tables=[VERSIONS])
    cursor.execute(_spelled(_WIDEN_SQL), [])
    cursor.execute(_spelled(_NEW_SQL), [])
    cursor.execute(f"DROP TABLE {VERSIONS}")


def _spelled(statement: str) -> str:
    """``statement`` with the database's spelling of LEAST, GREATEST, a
    byte-by-byte comparison and microseconds since the epoch as a timestamp
    (exact on both)."""
    backend = storage()
    return statement.format(
        least=backend.LEAST,
        greatest=backend.GREATEST,
        bytewise=backend.BYTEWISE,
        moment_first=backend.moment_from_us("n.first_us"),
        moment_last=backend.moment_from_us("n.last_us"),
    )
