"""A run's match decisions kept as rows as they come, then stored set-wise.

Each batch of decisions becomes rows (the decision, its alternatives); at
the end of the run, once the forked deciders are gone (they share the
connection's socket, so nothing is sent on it while they live), the rows go
into two temporary tables the fast way (``common.db.rows_insert``: ``COPY``
on PostgreSQL), one upsert writes every decision and the alternatives of
the decisions written are replaced, in one short transaction. A staff
decision is checked for in the write itself, not in the list of videos read
at the start: one saved while the run goes on stays, and so do its
alternatives.
"""

import json

from django.db import connection, transaction
from django.utils import timezone

from common.db import rows_insert
from playlists.matching import MatchDecision
from playlists.models import VideoMatch
from playlists.storage import storage

DECISIONS = "playlists_stage_decisions"
ALTERNATIVES = "playlists_stage_alternatives"
DECISION_COLUMNS = (
    "video_id",
    "track_id",
    "method",
    "score",
    "ambiguous",
    "candidates",
)
ALTERNATIVE_COLUMNS = ("video_id", "track_id")
_NO_CANDIDATES = json.dumps([])

_UPSERT_SQL = f"""
    INSERT INTO playlists_videomatch
        (video_id, track_id, method, score, ambiguous, candidates,
         decided_by_id, updated_at)
    SELECT video_id, track_id, method, score, ambiguous, candidates, NULL, %s
    FROM {DECISIONS} WHERE true
    ORDER BY video_id
    ON CONFLICT (video_id) DO UPDATE SET
        track_id = excluded.track_id, method = excluded.method,
        score = excluded.score, ambiguous = excluded.ambiguous,
        candidates = excluded.candidates, decided_by_id = NULL,
        updated_at = excluded.updated_at
    WHERE playlists_videomatch.method <> %s
"""

# The videos whose decision the run wrote: staged, and not staff's.
_WRITTEN = f"""
    SELECT d.video_id FROM {DECISIONS} AS d
    JOIN playlists_videomatch AS m ON m.video_id = d.video_id
    WHERE m.method <> %s
"""

_ALTERNATIVES_DELETE_SQL = f"""
    DELETE FROM playlists_videomatch_alternatives
    WHERE videomatch_id IN ({_WRITTEN})
"""

_ALTERNATIVES_INSERT_SQL = f"""
    INSERT INTO playlists_videomatch_alternatives (videomatch_id, track_id)
    SELECT a.video_id, a.track_id FROM {ALTERNATIVES} AS a
    WHERE a.video_id IN ({_WRITTEN})
    ORDER BY a.video_id, a.track_id
"""


class DecisionStager:
    """Rows of decisions gathered batch by batch, stored together."""

    def __init__(self):
        self.decisions: list[tuple] = []
        self.alternatives: list[tuple] = []

    def stage(self, decisions: list[MatchDecision]) -> None:
        self.decisions.extend(_decision_row(decision) for decision in decisions)
        self.alternatives.extend(
            (decision.video_id, row.track_id)
            for decision in decisions
            if decision.group
            for row in decision.group.alternatives
        )

    def store(self) -> None:
        """Every gathered decision written, except over a staff one."""
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        manual = VideoMatch.Method.MANUAL
        with transaction.atomic(), connection.cursor() as cursor:
            _tables_create(cursor)
            rows_insert(
                cursor, table=DECISIONS, columns=DECISION_COLUMNS, rows=self.decisions
            )
            rows_insert(
                cursor,
                table=ALTERNATIVES,
                columns=ALTERNATIVE_COLUMNS,
                rows=self.alternatives,
            )
            cursor.execute(_UPSERT_SQL, [now, manual])
            cursor.execute(_ALTERNATIVES_DELETE_SQL, [manual])
            cursor.execute(_ALTERNATIVES_INSERT_SQL, [manual])
            for table in (DECISIONS, ALTERNATIVES):
                cursor.execute(f"DROP TABLE {table}")


def _tables_create(cursor) -> None:
    json_type = storage().JSON_COLUMN
    for table, columns in (
        (
            DECISIONS,
            "video_id bigint, track_id bigint, method text, "
            f"score double precision, ambiguous boolean, candidates {json_type}",
        ),
        (ALTERNATIVES, "video_id bigint, track_id bigint"),
    ):
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(f"CREATE TEMPORARY TABLE {table} ({columns})")


def _decision_row(decision: MatchDecision) -> tuple:
    candidates = (
        json.dumps([_candidate(group) for group in decision.ambiguous])
        if decision.ambiguous
        else _NO_CANDIDATES
    )
    return (
        decision.video_id,
        decision.group.canonical.track_id if decision.group else None,
        decision.method,
        decision.score,
        bool(decision.ambiguous),
        candidates,
    )


def _candidate(group) -> dict:
    row = group.canonical
    return {
        "track_id": row.track_id,
        "isrc": row.isrc,
        "title": row.title,
        "artist": row.artist,
    }
