"""SQL that differs between PostgreSQL and SQLite, for the importer and selectors.

PostgreSQL gets ``COPY`` and arrays; SQLite gets ``executemany`` and JSON
lists. Everything else the importer runs is the same SQL on both.
"""

import io
import json
from collections.abc import Iterable, Sequence

from django.db import connection

_COPY_SPECIAL = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def text_type() -> str:
    """Staged text sorts by code point on both databases, as Python sorts it."""
    return 'text COLLATE "C"' if is_postgresql() else "text"


def in_list(column: str) -> str:
    """``column`` is one of a list passed as one parameter (see ``list_param``)."""
    if is_postgresql():
        return f"{column} = ANY(%s)"
    return f"{column} IN (SELECT value FROM json_each(%s))"


def list_param(values: Iterable) -> list | str:
    values = list(values)
    return values if is_postgresql() else json.dumps(values)


def pairs_table(alias: str) -> tuple[str, str, str]:
    """A (title, name_key) pairs parameter as a table: (from-clause, title, key)."""
    if is_postgresql():
        return (
            f"unnest(%s::text[], %s::text[]) AS {alias}(title, name_key)",
            f"{alias}.title",
            f"{alias}.name_key",
        )
    return (
        f"json_each(%s) AS {alias}",
        f"json_extract({alias}.value, '$[0]')",
        f"json_extract({alias}.value, '$[1]')",
    )


def pairs_params(pairs: Sequence[tuple[str, str]]) -> list:
    if is_postgresql():
        return [[title for title, _ in pairs], [key for _, key in pairs]]
    return [json.dumps(pairs)]


def rows_insert(
    cursor, *, table: str, columns: Sequence[str], rows: Sequence[Sequence]
) -> None:
    """Insert rows (``None`` is NULL): ``COPY`` on PostgreSQL."""
    if not rows:
        return
    if not is_postgresql():
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
        )
        return
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(map(_copy_text, row)))
        buffer.write("\n")
    buffer.seek(0)
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).translate(_COPY_SPECIAL)


class IdReserve:
    """New primary keys for a table, handed out one by one.

    PostgreSQL takes them from the table's sequence in blocks (an unused rest
    is a gap, as after a rollback). SQLite counts up from the largest id ever
    given: the
    import's transaction already holds the database's write lock.
    """

    BLOCK = 5_000

    def __init__(self, *, cursor, table: str):
        self.cursor, self.table = cursor, table
        self.free: list[int] = []
        self.last: int | None = None

    def __call__(self) -> int:
        if is_postgresql():
            if not self.free:
                self.cursor.execute(
                    f"SELECT nextval(pg_get_serial_sequence('{self.table}', 'id')) "
                    "FROM generate_series(1, %s)",
                    [self.BLOCK],
                )
                self.free = [row[0] for row in reversed(self.cursor.fetchall())]
            return self.free.pop()
        if self.last is None:
            # AUTOINCREMENT never reuses the id of a deleted (merged) work.
            self.cursor.execute(
                "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s),"
                f" 0), COALESCE((SELECT MAX(id) FROM {self.table}), 0))",
                [self.table],
            )
            self.last = self.cursor.fetchone()[0]
        self.last += 1
        return self.last
