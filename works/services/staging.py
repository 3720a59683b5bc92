"""Staging a works file: parsed rows in, new rows out in the canonical order.

1. The parsed rows go into a temporary table (``COPY`` on PostgreSQL). A
   CSV's rows are built and encoded for it by ``batch_staged`` in worker
   processes, a batch of records each, and staged in file order.
2. One statement keeps the first of identical rows and drops those already
   imported (same fingerprint), numbering the rest in the order of
   ``works.reconciliation.row_sort_key``.
3. The importer reads them back in batches of consecutive numbers.
"""

from collections.abc import Callable, Iterator
from typing import NamedTuple

from works.parsers import (
    CONTRIBUTOR_SEPARATOR,
    Contributor,
    Layout,
    Record,
    WorkRow,
    records_parse,
)
from works.services.links import row_links
from works.storage import storage

STAGING = "works_staging"
ORDERED = "works_staging_ordered"

STAGED_COLUMNS = (
    "line",
    "source",
    "provider_id",
    "raw_title",
    "raw_contributors",
    "raw_iswc",
    "title",
    "title_normal",
    "contributor_names",
    "contributor_keys",
    "contributors_key",
    "iswc",
    "iswc_invalid",
    "reason",
    "fingerprint",
)
_TEXT_COLUMNS = STAGED_COLUMNS[1:12] + STAGED_COLUMNS[13:14]
# A fingerprint is only matched, against ``works_sourcerow``'s unique index:
# in the database's collation, which is the index's. In the sorted staged
# text's (``TEXT_TYPE``) PostgreSQL cannot probe that index, and compared
# every staged row with every stored one (a 1M-row file into a database of
# 1M rows ran for over ten minutes).
FINGERPRINT_TYPE = "text"

# The SQL spelling of row_sort_key: rows with a valid ISWC first.
_CANONICAL_ORDER = (
    "CASE WHEN iswc = '' THEN 1 ELSE 0 END, iswc, title_normal, contributors_key, "
    "source, provider_id, raw_title, raw_contributors, raw_iswc, line"
)

_ORDERED_CREATE_SQL = f"""
    CREATE TEMPORARY TABLE {ORDERED} AS
    SELECT ROW_NUMBER() OVER (ORDER BY {_CANONICAL_ORDER}) AS seq,
           {", ".join(STAGED_COLUMNS)}
    FROM (
        SELECT s.*, ROW_NUMBER() OVER (PARTITION BY fingerprint ORDER BY line) AS copy
        FROM {STAGING} AS s
    ) AS numbered
    WHERE copy = 1 AND NOT EXISTS (
        SELECT 1 FROM works_sourcerow AS r WHERE r.fingerprint = numbered.fingerprint
    )
"""


class StagedBatch(NamedTuple):
    """A batch of records made ready for staging, by any process."""

    encoded: object  # the staged columns of its rows, by ``rows_encode``
    rows: int
    links: list[tuple[str, str, str]]  # its ISRC links (``row_links``)


def batch_staged(
    items: list[Record | WorkRow],
    *,
    layout: Layout,
    encode: Callable[[list[tuple]], object],
) -> StagedBatch:
    """Build the rows of a batch of ``WorksReader.records`` and encode them
    with ``encode`` (the storage's ``rows_encode``). Uses no database: worker
    processes run it."""
    rows = records_parse(layout, items)
    return StagedBatch(
        encoded=encode([_staged(row) for row in rows]),
        rows=len(rows),
        links=row_links(rows=rows),
    )


class Staging:
    """The temporary tables of one import, on the importer's cursor."""

    def __init__(self, *, cursor):
        self.cursor = cursor
        self.staged = 0
        self.new = 0

    def begin(self) -> None:
        text = storage().TEXT_TYPE
        types = {name: text for name in _TEXT_COLUMNS} | {
            "fingerprint": FINGERPRINT_TYPE
        }
        columns = ", ".join(
            f"{name} {types.get(name, 'integer')}" for name in STAGED_COLUMNS
        )
        for table in (STAGING, ORDERED):
            self.cursor.execute(f"DROP TABLE IF EXISTS {table}")
        self.cursor.execute(f"CREATE TEMPORARY TABLE {STAGING} ({columns})")

    def stage(self, rows: list[WorkRow]) -> None:
        storage().rows_insert(
            self.cursor,
            table=STAGING,
            columns=STAGED_COLUMNS,
            rows=[_staged(row) for row in rows],
        )
        self.staged += len(rows)

    def encoded_stage(self, batch: StagedBatch) -> None:
        """Stage a batch of ``batch_staged``."""
        storage().encoded_insert(
            self.cursor, table=STAGING, columns=STAGED_COLUMNS, encoded=batch.encoded
        )
        self.staged += batch.rows

    def order(self) -> int:
        """Number the new rows canonically; return how many there are."""
        self.cursor.execute(_ORDERED_CREATE_SQL)
        self.cursor.execute(f"CREATE INDEX {ORDERED}_seq ON {ORDERED} (seq)")
        self.cursor.execute(f"SELECT COUNT(*) FROM {ORDERED}")
        self.new = self.cursor.fetchone()[0]
        return self.new

    def batches(
        self, *, size: int, with_iswc: bool | None = None
    ) -> Iterator[list[WorkRow]]:
        """The rows left in staging, in order: all of them, or only those
        with (``with_iswc`` true) or without a valid ISWC, which come after
        them in the canonical order. Rows decided set-wise are taken out
        first (``works.services.iswc_joining``, ``title_joining``)."""
        part = {None: "", True: " AND iswc <> ''", False: " AND iswc = ''"}[with_iswc]
        last = 0
        while True:
            self.cursor.execute(
                f"SELECT seq, {', '.join(STAGED_COLUMNS)} FROM {ORDERED} "
                f"WHERE seq > %s{part} ORDER BY seq LIMIT %s",
                [last, size],
            )
            found = self.cursor.fetchall()
            if not found:
                return
            last = found[-1][0]
            yield [_row(values[1:]) for values in found]

    def end(self) -> None:
        for table in (STAGING, ORDERED):
            self.cursor.execute(f"DROP TABLE IF EXISTS {table}")


def _staged(row: WorkRow) -> tuple:
    names = CONTRIBUTOR_SEPARATOR.join(c.name for c in row.contributors)
    keys = CONTRIBUTOR_SEPARATOR.join(c.key for c in row.contributors)
    return (
        *row[:8],
        names,
        keys,
        row.contributors_key,
        row.iswc,
        int(row.iswc_invalid),
        row.reason,
        row.fingerprint,
    )


def _row(values: tuple) -> WorkRow:
    names, keys = values[8], values[9]
    contributors = tuple(
        Contributor(name, key)
        for name, key in zip(
            names.split(CONTRIBUTOR_SEPARATOR) if names else (),
            keys.split(CONTRIBUTOR_SEPARATOR) if keys else (),
            strict=True,
        )
    )
    return WorkRow(
        *values[:8],
        contributors=contributors,
        iswc=values[11],
        iswc_invalid=bool(values[12]),
        reason=values[13],
        fingerprint=values[14],
    )
