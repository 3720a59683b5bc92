"""SQLite: ``executemany``, JSON lists and ids counted by the importer."""

import json
from collections.abc import Sequence

from common.db import rows_insert
from works.storage.sql import VIEW_LISTS_SQL

# SQLite compares text by code point already.
TEXT_TYPE = "text"

__all__ = [
    "TEXT_TYPE",
    "id_block",
    "import_lock",
    "pairs_params",
    "pairs_table",
    "rows_insert",
    "work_views_sql",
    "writers_lock",
]


def writers_lock(cursor) -> None:
    """SQLite has one writer anyway."""


def import_lock(cursor) -> None:
    """SQLite has one writer anyway."""


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
