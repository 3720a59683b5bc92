"""SQL that differs between PostgreSQL and SQLite, for the importer and selectors.

PostgreSQL gets ``COPY`` and arrays; SQLite gets ``executemany`` and JSON
lists. Everything else the importer runs is the same SQL on both.
"""

import io
import json
from collections.abc import Iterable, Sequence

from django.db import connection

# COPY's text format: NULL is a character no text holds unescaped.
_NULL = "\x1f"
_COPY_SPECIAL = str.maketrans(
    {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", _NULL: "\\x1f"}
)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def import_lock(cursor) -> None:
    """One import at a time: each reconciles against what the previous stored.

    On PostgreSQL readers go on; merges and other imports wait. SQLite has
    one writer anyway. Also sets the import transaction's planner options.
    """
    if is_postgresql():
        cursor.execute("LOCK TABLE works_work IN SHARE ROW EXCLUSIVE MODE")
        # Each batch looks up a few thousand keys in tables of millions of
        # rows: index probes always win, but when the statistics lag behind
        # the load the planner hashes whole tables, in parallel, per batch.
        for setting in ("enable_hashjoin", "enable_mergejoin"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")


def tables_analyze(cursor, *, tables: Sequence[str]) -> None:
    """Fresh planner statistics after bulk writes (PostgreSQL only)."""
    if is_postgresql():
        cursor.execute(f"ANALYZE {', '.join(tables)}")


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
    write = buffer.write
    separators = len(columns) - 1
    for row in rows:
        line = "\t".join([_NULL if v is None else str(v) for v in row])
        # Escaping is rare: only for a tab, newline, backslash or the NULL mark.
        if (
            line.count("\t") != separators
            or line.count(_NULL) != row.count(None)
            or "\\" in line
            or "\n" in line
            or "\r" in line
        ):
            line = "\t".join(map(_copy_text, row))
        write(line)
        write("\n")
    buffer.seek(0)
    cursor.copy_expert(
        f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (NULL '{_NULL}')",
        buffer,
    )


def _copy_text(value) -> str:
    if value is None:
        return _NULL
    return str(value).translate(_COPY_SPECIAL)


class IdReserve:
    """New primary keys for a table, handed out one by one.

    PostgreSQL moves the table's sequence on by a block at a time (an unused
    rest is a gap, as after a rollback); the importer's table lock keeps
    other writers from drawing from it meanwhile. SQLite counts up from the
    largest id ever given: the import's transaction holds the write lock.
    """

    BLOCK = 10_000

    def __init__(self, *, cursor, table: str):
        self.cursor, self.table = cursor, table
        self.postgresql = is_postgresql()
        self.next = self.end = 0

    def __call__(self) -> int:
        if self.next == self.end:
            self.next, self.end = self._block()
        self.next += 1
        return self.next - 1

    def _block(self) -> tuple[int, int]:
        if self.postgresql:
            self.cursor.execute(
                "SELECT setval(seq, nextval(seq) + %s - 1) FROM "
                "(SELECT pg_get_serial_sequence(%s, 'id')::regclass AS seq) AS s",
                [self.BLOCK, self.table],
            )
            last = self.cursor.fetchone()[0]
            return last - self.BLOCK + 1, last + 1
        if self.end:
            return self.end, self.end + self.BLOCK
        # AUTOINCREMENT never reuses the id of a deleted (merged) work.
        self.cursor.execute(
            "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s),"
            f" 0), COALESCE((SELECT MAX(id) FROM {self.table}), 0))",
            [self.table],
        )
        first = self.cursor.fetchone()[0] + 1
        return first, first + self.BLOCK
