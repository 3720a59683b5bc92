"""Between the database and the rules: load a batch's candidate works, store
the decisions. A few statements per batch, never one per row."""

import json
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from common.db import in_list, list_param, tables_analyze
from works.models import ReviewItem, SourceRow
from works.parsers import WorkRow, row_fault
from works.reconciliation import Decision, Outcome, Work, WorkPool
from works.storage import storage
from works.storage.ids import IdReserve

WORK_TABLE = "works_work"
ANALYZED_TABLES = ("works_work", "works_worktitle", "works_contributor")
RECONCILE_STATISTICS_ROWS = 10_000
SOURCE_ROW_TABLE = "works_sourcerow"
SOURCE_ROW_COLUMNS = (
    "id",
    "work_import_id",
    "line",
    "source",
    "provider_id",
    "raw_title",
    "raw_contributors",
    "raw_iswc",
    "work_id",
    "outcome",
    "reason",
    "field",
    "value",
    "fingerprint",
)
REVIEW_COLUMNS = (
    "kind",
    "status",
    "work_id",
    "source_row_id",
    "candidates",
    "detail",
    "created_at",
)
OPEN = ReviewItem.Status.OPEN.value
_MERGED = frozenset({Outcome.ISWC_MATCH, Outcome.TITLE_MATCH, Outcome.CONFLICT})


@dataclass
class ReconcileCounts:
    works_created: int = 0
    rows_merged: int = 0
    conflicts: int = 0
    rows_rejected: int = 0
    reviews: int = 0


class WorkWriter:
    """Loads and stores works for one import, batch by batch."""

    def __init__(self, *, cursor, work_import_id: int, written: int = 0):
        """``written``: the rows this import stored before (set-wise), whose
        statistics the first batch needs."""
        self.cursor = cursor
        self.work_import_id = work_import_id
        self.work_ids = IdReserve(cursor=cursor, table=WORK_TABLE)
        self.row_ids = IdReserve(cursor=cursor, table=SOURCE_ROW_TABLE)
        self.written = written
        self.analyzed_at: int | None = None if written else 0

    def pool_load(self, rows: list[WorkRow]) -> WorkPool:
        """A pool with every stored work the rows could join."""
        if (
            self.analyzed_at is None
            or self.written >= 2 * self.analyzed_at + RECONCILE_STATISTICS_ROWS
        ):
            # Statistics from before the import make the planner scan whole
            # tables for each batch; refreshing them each time the import has
            # doubled what it wrote costs a few samples in all.
            tables_analyze(self.cursor, tables=ANALYZED_TABLES)
            self.analyzed_at = self.written
        pool = WorkPool(next_id=self.work_ids)
        for work in self._works_load(self._candidate_ids(rows)):
            pool.add(work)
        return pool

    def _candidate_ids(self, rows: list[WorkRow]) -> list[int]:
        usable = [row for row in rows if not row.reason]
        iswcs = sorted({row.iswc for row in usable if row.iswc})
        pairs = sorted(
            {(row.title_normal, c.key) for row in usable for c in row.contributors}
        )
        backend = storage()
        table, title, key = backend.pairs_table("p")
        # From the contributor (a name is rarer than a title), then its title.
        self.cursor.execute(
            f"SELECT id FROM works_work WHERE {in_list('iswc')} "
            f"UNION SELECT c.work_id FROM {table} "
            f"JOIN works_contributor AS c ON c.name_key = {key} "
            "WHERE EXISTS (SELECT 1 FROM works_worktitle AS t "
            f"WHERE t.work_id = c.work_id AND t.normal_form = {title})",
            [list_param(iswcs), *backend.pairs_params(pairs)],
        )
        return [row[0] for row in self.cursor.fetchall()]

    def _works_load(self, ids: list[int]) -> list[Work]:
        if not ids:
            return []
        execute, fetch = self.cursor.execute, self.cursor.fetchall
        execute(
            f"SELECT id, iswc, title FROM works_work WHERE {in_list('id')}",
            [list_param(ids)],
        )
        works = {
            i: Work(id=i, iswc=iswc or "", title=title) for i, iswc, title in fetch()
        }
        execute(
            "SELECT work_id, title, normal_form FROM works_worktitle "
            f"WHERE {in_list('work_id')} ORDER BY id",
            [list_param(ids)],
        )
        for work_id, title, normal in fetch():
            works[work_id].titles[normal] = title
        execute(
            "SELECT work_id, name, name_key FROM works_contributor "
            f"WHERE {in_list('work_id')} ORDER BY id",
            [list_param(ids)],
        )
        for work_id, name, key in fetch():
            works[work_id].contributors[key] = name
        return list(works.values())

    def decisions_write(self, decisions: list[Decision]) -> ReconcileCounts:
        """Store new works, their new titles, contributors and ISWCs, the
        source rows and the review items, in bulk."""
        works, iswcs, titles, contributors, rows, reviews = [], [], [], [], [], []
        counts = ReconcileCounts()
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        for decision in decisions:
            row, work = decision.row, decision.work
            row_id = self.row_ids()
            rows.append(_source_row(row_id, self.work_import_id, decision))
            counts.rows_rejected += decision.outcome == Outcome.REJECTED
            counts.rows_merged += decision.outcome in _MERGED
            counts.conflicts += decision.outcome == Outcome.CONFLICT
            if work is None:
                continue
            if decision.created:
                counts.works_created += 1
                works.append((work.id, row.iswc or None, row.title))
                titles.append((work.id, row.title, row.title_normal))
            elif decision.iswc_taken:
                iswcs.append((work.iswc, work.id))
            titles.extend((work.id, t, normal) for t, normal in decision.titles_added)
            contributors.extend(
                (work.id, c.name, c.key) for c in decision.contributors_added
            )
            reviews.extend(
                (kind, OPEN, work.id, row_id, json.dumps(candidates), detail, now)
                for kind, detail, candidates in decision.reviews
            )
        counts.reviews = len(reviews)
        self.written += len(rows)
        self._write(works, iswcs, titles, contributors, rows, reviews)
        return counts

    def _write(self, works, iswcs, titles, contributors, rows, reviews) -> None:
        cursor, rows_insert = self.cursor, storage().rows_insert
        rows_insert(
            cursor, table=WORK_TABLE, columns=("id", "iswc", "title"), rows=works
        )
        if iswcs:
            cursor.executemany("UPDATE works_work SET iswc = %s WHERE id = %s", iswcs)
        rows_insert(
            cursor,
            table="works_worktitle",
            columns=("work_id", "title", "normal_form"),
            rows=titles,
        )
        rows_insert(
            cursor,
            table="works_contributor",
            columns=("work_id", "name", "name_key"),
            rows=contributors,
        )
        rows_insert(
            cursor, table=SOURCE_ROW_TABLE, columns=SOURCE_ROW_COLUMNS, rows=rows
        )
        rows_insert(
            cursor, table="works_reviewitem", columns=REVIEW_COLUMNS, rows=reviews
        )


def _source_row(row_id: int, work_import_id: int, decision: Decision) -> tuple:
    row = decision.row
    field, value = row_fault(row)
    return (
        row_id,
        work_import_id,
        row.line,
        row.source,
        row.provider_id,
        row.raw_title,
        row.raw_contributors,
        row.raw_iswc,
        decision.work.id if decision.work else None,
        decision.outcome.value,
        row.reason,
        field,
        SourceRow.value_cut(value),
        row.fingerprint,
    )
