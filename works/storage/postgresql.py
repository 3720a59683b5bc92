"""PostgreSQL: ``COPY``, arrays, a table lock and sequences moved by blocks."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from common.db import copy_rows, copy_text, copy_text_write
from works.storage.sql import VIEW_LISTS_SQL

# Staged text sorts by code point, as Python sorts it.
TEXT_TYPE = 'text COLLATE "C"'

# COPY's NULL: a character no text holds unescaped.
COPY_NULL = "\x1f"


def writers_lock(cursor) -> None:
    """Step 1 of the one lock order of works writers, until the transaction ends.

    Every writer (an import, a merge, a dismissal) takes this table lock
    first, then row locks (``SELECT ... FOR UPDATE``) and writes: two writers
    take turns instead of each holding what the other waits for (a merge's
    row locks against an import's table lock was a deadlock that lost both).
    Readers, who take ACCESS SHARE, never wait for it.
    """
    cursor.execute("LOCK TABLE works_work IN SHARE ROW EXCLUSIVE MODE")


def import_lock(cursor) -> None:
    """One import at a time: each reconciles against what the previous stored.

    Readers go on; merges and other imports wait (``writers_lock``). Also
    sets the import transaction's planner options.
    """
    writers_lock(cursor)
    # Each batch looks up a few thousand keys in tables of millions of rows:
    # index probes always win, but when the statistics lag behind the load
    # the planner hashes whole tables, in parallel, per batch.
    for setting in ("enable_hashjoin", "enable_mergejoin"):
        cursor.execute(f"SET LOCAL {setting} = off")
    cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")


@contextmanager
def set_wise(cursor) -> Iterator[None]:
    """Statements over a whole file's rows: hash and merge joins back on.

    The import's batches probe indexes only (``import_lock``); a statement
    over every staged row is better hashed.
    """
    for setting in ("enable_hashjoin", "enable_mergejoin"):
        cursor.execute(f"SET LOCAL {setting} = on")
    try:
        yield
    finally:
        for setting in ("enable_hashjoin", "enable_mergejoin"):
            cursor.execute(f"SET LOCAL {setting} = off")


def contributors_split_sql(*, table: str, where: str) -> str:
    """(seq, position, name, name_key): each contributor of the staged rows
    of ``table`` matching ``where``, in the order of the row's list."""
    return (
        "SELECT s.seq, c.position, c.name, c.name_key "
        f"FROM {table} AS s, unnest(string_to_array(s.contributor_names, '|'), "
        "string_to_array(s.contributor_keys, '|')) "
        f"WITH ORDINALITY AS c(name, name_key, position) WHERE {where}"
    )


def rows_insert(
    cursor, *, table: str, columns: Sequence[str], rows: Sequence[Sequence]
) -> None:
    """Insert rows (``None`` is NULL) by ``COPY``."""
    copy_rows(cursor, table=table, columns=columns, rows=rows, null=COPY_NULL)


def rows_encode(rows: Sequence[Sequence]) -> str:
    """Rows as ``encoded_insert`` takes them (``COPY``'s text), anywhere: in
    a worker process too."""
    return copy_text(rows, null=COPY_NULL)


def encoded_insert(cursor, *, table: str, columns: Sequence[str], encoded: str) -> None:
    """Insert what ``rows_encode`` made of rows."""
    copy_text_write(cursor, table=table, columns=columns, text=encoded, null=COPY_NULL)


def pairs_table(alias: str) -> tuple[str, str, str]:
    """A (title, name_key) pairs parameter as a table: (from-clause, title, key)."""
    return (
        f"unnest(%s::text[], %s::text[]) AS {alias}(title, name_key)",
        f"{alias}.title",
        f"{alias}.name_key",
    )


def pairs_params(pairs: Sequence[tuple[str, str]]) -> list:
    return [[title for title, _ in pairs], [key for _, key in pairs]]


def id_block(cursor, *, table: str, size: int, after: int) -> int:
    """The first of ``size`` new ids of ``table``.

    The table's sequence moves on by the whole block; the importer's table
    lock keeps other writers from drawing from it meanwhile. ``after`` (the
    end of the previous block) does not matter here.
    """
    cursor.execute(
        "SELECT setval(seq, nextval(seq) + %s - 1) FROM "
        "(SELECT pg_get_serial_sequence(%s, 'id')::regclass AS seq) AS s",
        [size, table],
    )
    last = cursor.fetchone()[0]
    return last - size + 1


def work_views_sql(*, where: str) -> str:
    """Every work of ``works_work AS w`` matching ``where`` as one JSON array
    of [id, iswc, title, alternative titles, contributors, sources]."""
    lists = [
        f"(SELECT COALESCE(json_agg(x.v ORDER BY x.o), '[]'::json) "
        f"FROM ({select}) AS x)"
        for select in VIEW_LISTS_SQL
    ]
    return (
        "SELECT COALESCE(json_agg(json_build_array(w.id, w.iswc, w.title, "
        f"{', '.join(lists)})), '[]'::json) FROM works_work AS w WHERE {where}"
    )
