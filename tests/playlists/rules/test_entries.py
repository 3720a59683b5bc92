"""The first-wins rule and its SQL twin give the same entries (Hypothesis)."""

import pytest
from django.db import connection
from hypothesis import example, given, settings
from hypothesis import strategies as st

from common.db import rows_insert
from playlists.rules.entries import ENTRIES_FIRST_WINS_SQL, entries_first_wins

pytestmark = pytest.mark.django_db

CANDIDATES = "rules_entries_candidates"
COLUMNS = ("snapshot_id", "position", "idx", "video_id")
RECORDS = st.lists(
    st.tuples(st.integers(1, 4), st.integers(0, 5), st.integers(0, 10**12)),
    max_size=40,
    unique_by=lambda record: record[2],  # a record's idx is its own
)


def in_sql(records: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int]]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {CANDIDATES} "
            "(snapshot_id bigint, position integer, idx bigint, video_id bigint)"
        )
        try:
            rows_insert(cursor, table=CANDIDATES, columns=COLUMNS, rows=records)
            candidates = f"SELECT {', '.join(COLUMNS)} FROM {CANDIDATES}"
            cursor.execute(ENTRIES_FIRST_WINS_SQL.format(candidates=candidates))
            return [tuple(row) for row in cursor.fetchall()]
        finally:
            cursor.execute(f"DROP TABLE {CANDIDATES}")


@settings(max_examples=150, derandomize=True, deadline=None)
@given(records=RECORDS)
@example(records=[])
@example(records=[(1, 0, 5), (1, 0, 2), (1, 0, 9)])  # the least idx, not the first
@example(records=[(1, 0, 2**40 + 1), (1, 0, 7)])  # a later part's records are later
def test_the_sql_twin_keeps_the_rules_entries(records):
    # The video tells the records apart: it is their idx.
    records = [(snapshot, position, idx, idx) for snapshot, position, idx in records]
    assert in_sql(records) == entries_first_wins(records=records)
