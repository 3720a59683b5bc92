"""Rows without ISWC that meet no other row, reconciled set-wise.

Runs ``works.reconciliation_sql.title_rows`` over the ordered staging table
of one import once its rows with a valid ISWC are stored: new works, their
title and contributors, the contributors added to the works joined and the
source rows are written by a few statements, and the rows decided are taken
out of staging, so that only the rest goes through ``works.reconciliation``.
"""

import json

from django.db import connection
from django.utils import timezone

from common.db import tables_analyze
from works.reconciliation import REVIEW_INVALID_ISWC, ReviewKind
from works.reconciliation_sql import title_rows as sql
from works.services.staging import ORDERED
from works.services.writing import (
    OPEN,
    REVIEW_COLUMNS,
    SOURCE_ROW_TABLE,
    WORK_TABLE,
    ReconcileCounts,
)
from works.storage import storage

INVALID_PAGE = 20_000


def title_rows_reconcile(*, cursor, work_import_id: int) -> ReconcileCounts:
    """Decide and store the rows without ISWC rule 4 settles alone; return
    their counts."""
    backend = storage()
    counts = ReconcileCounts()
    with backend.set_wise(cursor):
        _rows_find(cursor)
        cursor.execute(sql.ROWS_COUNT_SQL)
        rows, created = (int(value or 0) for value in cursor.fetchone())
        if rows:
            _rows_number(cursor, rows, created)
            for statement in (
                sql.WORKS_INSERT_SQL,
                sql.WORK_TITLES_INSERT_SQL,
                sql.CONTRIBUTORS_INSERT_SQL,
            ):
                cursor.execute(statement.format(ordered=ORDERED))
            cursor.execute(
                sql.SOURCE_ROWS_INSERT_SQL.format(ordered=ORDERED), [work_import_id]
            )
            counts.reviews = _invalid_review(cursor)
            cursor.execute(sql.DECIDED_DELETE_SQL.format(ordered=ORDERED))
            counts.works_created, counts.rows_merged = created, rows - created
        _tables_drop(cursor)
    return counts


def _rows_find(cursor) -> None:
    """The rows decided here and the one stored work each joins, if any."""
    _tables_drop(cursor)
    split = storage().contributors_split_sql(
        table=ORDERED, where=sql.USABLE_WITHOUT_ISWC
    )
    cursor.execute(sql.CONTRIBUTORS_SQL.format(split=split, ordered=ORDERED))
    cursor.execute(f"CREATE INDEX {sql.CONTRIBUTORS}_seq ON {sql.CONTRIBUTORS} (seq)")
    tables_analyze(cursor, tables=(sql.CONTRIBUTORS,))
    cursor.execute(sql.SHARED_SQL)
    cursor.execute(sql.CANDIDATES_SQL)
    tables_analyze(cursor, tables=(sql.SHARED, sql.CANDIDATES))
    cursor.execute(sql.ROWS_SQL.format(ordered=ORDERED))


def _rows_number(cursor, rows: int, created: int) -> None:
    """Draw the source rows' and new works' ids; number the rows decided."""
    backend = storage()
    works_first = (
        backend.id_block(cursor, table=WORK_TABLE, size=created, after=0)
        if created
        else 0
    )
    rows_first = backend.id_block(cursor, table=SOURCE_ROW_TABLE, size=rows, after=0)
    cursor.execute(sql.DECIDED_SQL, [rows_first, works_first])
    cursor.execute(f"CREATE INDEX {sql.DECIDED}_seq ON {sql.DECIDED} (seq)")
    tables_analyze(cursor, tables=(sql.DECIDED,))


def _invalid_review(cursor) -> int:
    """A review item per row decided with an invalid ISWC, in the rules'
    words, a page at a time; return how many."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    after = written = 0
    while True:
        cursor.execute(
            sql.INVALID_PAGE_SQL.format(ordered=ORDERED), [after, INVALID_PAGE]
        )
        page = cursor.fetchall()
        if not page:
            return written
        reviews = [
            (
                ReviewKind.INVALID_ISWC.value,
                OPEN,
                work_id,
                row_id,
                json.dumps([]),
                REVIEW_INVALID_ISWC.format(value=raw_iswc.strip()),
                now,
            )
            for _, row_id, work_id, raw_iswc in page
        ]
        storage().rows_insert(
            cursor, table="works_reviewitem", columns=REVIEW_COLUMNS, rows=reviews
        )
        written += len(reviews)
        after = page[-1][0]


def _tables_drop(cursor) -> None:
    for table in sql.TEMPORARY_TABLES:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
