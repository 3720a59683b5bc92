"""Rows an ISWC settles alone, reconciled set-wise before the rest.

Runs ``works.reconciliation_sql.iswc_groups`` over the ordered staging table of one
import: new works, their titles and contributors, the source rows and the
conflicts' review items are written by a few statements over the whole
file, and the rows decided are taken out of staging, so that only the rest
goes through ``works.reconciliation`` in Python.
"""

import json

from django.db import connection
from django.utils import timezone

from common.db import tables_analyze
from works.reconciliation import REVIEW_TITLE_CONFLICT, ReviewKind
from works.reconciliation_sql import iswc_groups as sql
from works.services.staging import ORDERED
from works.services.writing import (
    OPEN,
    REVIEW_COLUMNS,
    SOURCE_ROW_TABLE,
    WORK_TABLE,
    ReconcileCounts,
)
from works.storage import storage

CONFLICTS_PAGE = 20_000


def iswc_groups_reconcile(*, cursor, work_import_id: int) -> ReconcileCounts:
    """Decide and store the rows their ISWC settles; return their counts."""
    backend = storage()
    counts = ReconcileCounts()
    with backend.set_wise(cursor):
        _groups_find(cursor)
        cursor.execute(sql.ROWS_COUNT_SQL.format(ordered=ORDERED))
        rows = cursor.fetchone()[0]
        if rows:
            _rows_decide(cursor, rows)
            _rows_write(cursor, work_import_id)
            created, conflicts = _outcomes_count(cursor)
            counts.works_created = created
            counts.rows_merged = rows - created
            counts.conflicts = counts.reviews = conflicts
            _conflicts_review(cursor)
            cursor.execute(sql.DECIDED_DELETE_SQL.format(ordered=ORDERED))
        for table in sql.TEMPORARY_TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
    return counts


def _groups_find(cursor) -> None:
    """The ISWC groups the SQL twin decides, with their stored work if any."""
    backend = storage()
    for table in sql.TEMPORARY_TABLES:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
    tables_analyze(cursor, tables=(ORDERED,))
    split = backend.contributors_split_sql(table=ORDERED, where=sql.USABLE_WITH_ISWC)
    cursor.execute(f"CREATE TEMPORARY TABLE {sql.CONTRIBUTORS} AS {split}")
    cursor.execute(f"CREATE INDEX {sql.CONTRIBUTORS}_seq ON {sql.CONTRIBUTORS} (seq)")
    cursor.execute(sql.GROUPS_SQL.format(ordered=ORDERED))
    tables_analyze(cursor, tables=(sql.CONTRIBUTORS, sql.GROUPS))
    cursor.execute(sql.GROUPS_WITH_CANDIDATES_DELETE_SQL.format(ordered=ORDERED))


def _rows_decide(cursor, rows: int) -> None:
    """Number the rows' source rows and new works, find the titles added."""
    backend = storage()
    cursor.execute(sql.NEW_GROUPS_COUNT_SQL)
    new_works = cursor.fetchone()[0]
    works_first = (
        backend.id_block(cursor, table=WORK_TABLE, size=new_works, after=0)
        if new_works
        else 0
    )
    rows_first = backend.id_block(cursor, table=SOURCE_ROW_TABLE, size=rows, after=0)
    cursor.execute(sql.ROWS_SQL.format(ordered=ORDERED), [rows_first, works_first])
    cursor.execute(f"CREATE INDEX {sql.ROWS}_seq ON {sql.ROWS} (seq)")
    tables_analyze(cursor, tables=(sql.ROWS,))
    cursor.execute(sql.TITLES_SQL.format(ordered=ORDERED))
    cursor.execute(sql.TITLES_STORED_DELETE_SQL)
    cursor.execute(f"CREATE INDEX {sql.TITLES}_seq ON {sql.TITLES} (seq)")
    tables_analyze(cursor, tables=(sql.TITLES,))


def _rows_write(cursor, work_import_id: int) -> None:
    for statement in (
        sql.WORKS_INSERT_SQL,
        sql.WORK_TITLES_INSERT_SQL,
        sql.CONTRIBUTORS_INSERT_SQL,
    ):
        cursor.execute(statement.format(ordered=ORDERED))
    cursor.execute(sql.SOURCE_ROWS_INSERT_SQL.format(ordered=ORDERED), [work_import_id])


def _outcomes_count(cursor) -> tuple[int, int]:
    cursor.execute(sql.OUTCOMES_COUNT_SQL)
    created, conflicts = cursor.fetchone()
    return int(created or 0), int(conflicts or 0)


def _conflicts_review(cursor) -> None:
    """A review item per conflict, in the rules' words, a page at a time."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    after = 0
    while True:
        cursor.execute(
            sql.CONFLICTS_PAGE_SQL.format(ordered=ORDERED), [after, CONFLICTS_PAGE]
        )
        page = cursor.fetchall()
        if not page:
            return
        reviews = [
            (
                ReviewKind.CONFLICT.value,
                OPEN,
                work_id,
                row_id,
                json.dumps([]),
                REVIEW_TITLE_CONFLICT.format(
                    iswc=iswc, title=title, work_title=work_title
                ),
                now,
            )
            for _, row_id, work_id, iswc, title, work_title in page
        ]
        storage().rows_insert(
            cursor, table="works_reviewitem", columns=REVIEW_COLUMNS, rows=reviews
        )
        after = page[-1][0]
