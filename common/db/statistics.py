"""Planner statistics after bulk writes."""

from collections.abc import Sequence

from common.db.vendor import is_postgresql


def tables_analyze(cursor, *, tables: Sequence[str]) -> None:
    """Fresh statistics for ``tables`` on PostgreSQL.

    Without them the planner guesses from the sizes before the load: nested
    loops over a million rows, or whole-table hashes per batch. SQLite plans
    these statements well without statistics.
    """
    if is_postgresql():
        cursor.execute(f"ANALYZE {', '.join(tables)}")
