"""Many rows into a table at once, the fast way of each database."""

from collections.abc import Sequence

from common.db.copy import COPY_NULL, copy_rows
from common.db.vendor import is_postgresql


def rows_insert(
    cursor,
    *,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    null: str = COPY_NULL,
) -> None:
    """Insert ``rows`` (``None`` is NULL): ``COPY`` on PostgreSQL, with ``null``
    as its NULL mark; ``executemany`` on SQLite."""
    if not rows:
        return
    if is_postgresql():
        copy_rows(cursor, table=table, columns=columns, rows=rows, null=null)
        return
    marks = ", ".join(["%s"] * len(columns))
    cursor.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
    )
