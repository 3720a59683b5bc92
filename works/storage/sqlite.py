"""SQLite: ``executemany``, JSON lists and ids counted by the importer."""

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from common.db import rows_insert
from works.storage.sql import VIEW_LISTS_SQL

# SQLite compares text by code point already.
TEXT_TYPE = "text"

__all__ = [
    "TEXT_TYPE",
    "contributors_split_sql",
    "encoded_insert",
    "id_block",
    "import_lock",
    "pairs_params",
    "pairs_table",
    "rows_encode",
    "rows_insert",
    "set_wise",
    "work_views_sql",
    "writers_lock",
]


def writers_lock(cursor) -> None:
    """SQLite has one writer anyway."""


def import_lock(cursor) -> None:
    """SQLite has one writer anyway."""


@contextmanager
def set_wise(cursor) -> Iterator[None]:
    """SQLite plans statements over a whole file's rows alike."""
    yield


def contributors_split_sql(*, table: str, where: str) -> str:
    """(seq, position, name, name_key): each contributor of the staged rows
    of ``table`` matching ``where``, in the order of the row's list (SQLite
    has no split function: a recursive query cuts one name at a time)."""
    return (
        "WITH RECURSIVE c(seq, position, name, name_key, names, keys) AS ("
        "SELECT seq, 0, NULL, NULL, contributor_names || '|', "
        f"contributor_keys || '|' FROM {table} WHERE {where} "
        "UNION ALL SELECT seq, position + 1, "
        "substr(names, 1, instr(names, '|') - 1), "
        "substr(keys, 1, instr(keys, '|') - 1), "
        "substr(names, instr(names, '|') + 1), substr(keys, instr(keys, '|') + 1) "
        "FROM c WHERE keys <> '') "
        "SELECT seq, position, name, name_key FROM c WHERE position > 0"
    )


def pairs_table(alias: str) -> tuple[str, str, str]:
    """A (title, name_key) pairs parameter as a table: (from-clause, title, key)."""
    return (
        f"json_each(%s) AS {alias}",
        f"json_extract({alias}.value, '$[0]')",
        f"json_extract({alias}.value, '$[1]')",
    )


def pairs_params(pairs: Sequence[tuple[str, str]]) -> list:
    return [json.dumps(pairs)]


def id_block(cursor, *, table: str, size: int, after: int) -> int:
    """The first of ``size`` new ids of ``table``.

    Counts up from the largest id ever given (``after``, the end of the
    previous block, once there is one): the import's transaction holds the
    write lock.
    """
    if after:
        return after
    # AUTOINCREMENT never reuses the id of a deleted (merged) work.
    cursor.execute(
        "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s),"
        f" 0), COALESCE((SELECT MAX(id) FROM {table}), 0))",
        [table],
    )
    return cursor.fetchone()[0] + 1


def work_views_sql(*, where: str) -> str:
    """Every work of ``works_work AS w`` matching ``where`` as one JSON array
    of [id, iswc, title, alternative titles, contributors, sources]."""
    lists = [
        f"(SELECT json_group_array(x.v) FROM ({select} ORDER BY o) AS x)"
        for select in VIEW_LISTS_SQL
    ]
    return (
        "SELECT json_group_array(json_array(w.id, w.iswc, w.title, "
        f"{', '.join(f'json({sql})' for sql in lists)})) "
        f"FROM works_work AS w WHERE {where}"
    )


def rows_encode(rows: Sequence[Sequence]) -> list[Sequence]:
    """Rows as ``encoded_insert`` takes them: as they are."""
    return list(rows)


def encoded_insert(
    cursor, *, table: str, columns: Sequence[str], encoded: list[Sequence]
) -> None:
    """Insert what ``rows_encode`` made of rows."""
    rows_insert(cursor, table=table, columns=columns, rows=encoded)
