"""A DSRF report read once into temporary tables; each DSR staged from them.

The recipe: the parser's one pass (``DSRFReport.sales``) is copied as it
streams into session tables of sales, row errors and ISWC links, whatever
the report's DSRs; its summary records follow. Each DSR of the report is
then staged by one ``INSERT ... SELECT`` that allocates its summary records'
revenue in SQL, the twin of ``dsrs.parsers.dsrf.allocation`` (held equal by
``tests/dsrs/parsers/dsrf/test_allocation_twins.py``). Memory holds one
read of sales and one segment's row errors and links, never the report.
"""

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.db import connection

from common.db import copy_line, copy_rows
from dsrs.parsers import ParsedRow, RowError
from dsrs.parsers.dsrf import WorkLink
from dsrs.parsers.numbers import REVENUE_DECIMAL_PLACES
from dsrs.storage.sql import STAGING

SALES = "dsrs_dsrf_sales"
ERRORS = "dsrs_dsrf_errors"
LINKS = "dsrs_dsrf_links"
SUMMARIES = "dsrs_dsrf_summaries"

# Sales per COPY statement, and row errors and links that wait at most.
SEGMENT_ROWS = 500_000
SET_ASIDE_ROWS = 50_000
_READ_ROWS = 1_000

_TABLES = {
    SALES: (
        'line integer, summary_id text COLLATE "C", dsp_id text COLLATE "C", '
        "title text, artists text, isrc text, usages bigint, revenue numeric"
    ),
    ERRORS: "line integer, summary_id text, field text, value text, reason text",
    LINKS: "line integer, isrc text, iswc text",
    SUMMARIES: (
        'summary_id text COLLATE "C" PRIMARY KEY, dsr integer, '
        "revenue numeric, carries_revenue boolean, "
        f"units numeric GENERATED ALWAYS AS (revenue * 1e{REVENUE_DECIMAL_PLACES}) "
        "STORED"
    ),
}

# The k-th sale's part is q(R x C(k) / T) - q(R x C(k-1) / T) in units of
# the 31st place: R the summary's revenue in those units (a whole number),
# C a running count of usages in file order, T the summary's usages and q
# rounding half to even. q is the exact whole quotient and remainder of
# R x C by T, so no digit is lost; each is worked out once per sale (the
# OFFSET 0 fences keep the planner from repeating them) and C(k-1)'s is the
# sale before's.
ALLOCATED_SQL = f"""
    SELECT line, summary_id, dsp_id, title, artists, isrc, usages,
           CASE WHEN revenue IS NOT NULL THEN revenue
                WHEN carries_revenue OR total = 0 THEN 0
                ELSE (share - lag(share, 1, 0::numeric) OVER running)
                     * 1e-{REVENUE_DECIMAL_PLACES}
           END AS revenue
    FROM (
        SELECT *, quotient + CASE WHEN 2 * rest > total THEN 1
                                  WHEN 2 * rest = total THEN mod(quotient, 2)
                                  ELSE 0 END AS share
        FROM (
            SELECT *, shared - quotient * total AS rest
            FROM (
                SELECT *, div(shared, nullif(total, 0)) AS quotient
                FROM (
                    SELECT s.line, s.summary_id, s.dsp_id, s.title, s.artists,
                           s.isrc, s.usages, s.revenue, m.carries_revenue,
                           m.units * sum(s.usages) OVER running AS shared,
                           sum(s.usages) OVER (PARTITION BY s.summary_id) AS total
                    FROM {SALES} AS s JOIN {SUMMARIES} AS m USING (summary_id)
                    WHERE m.dsr = %(dsr)s
                    WINDOW running AS (PARTITION BY s.summary_id ORDER BY s.line)
                ) AS windowed OFFSET 0
            ) AS divided OFFSET 0
        ) AS rests OFFSET 0
    ) AS shares
    WINDOW running AS (PARTITION BY summary_id ORDER BY line)
"""
_STAGE_SQL = f"""
    INSERT INTO {STAGING} (line, dsp_id, title, artists, isrc, usages, revenue)
    SELECT line, dsp_id, title, artists, isrc, usages, revenue
    FROM ({ALLOCATED_SQL}) AS allocated
"""
# An error no summary record places is the first DSR's.
_ERRORS_SQL = f"""
    SELECT e.line, e.field, e.value, e.reason FROM {ERRORS} AS e
    LEFT JOIN {SUMMARIES} AS m USING (summary_id)
    WHERE coalesce(m.dsr, 0) = %(dsr)s
    ORDER BY e.line
"""


class ReportSales:
    """One report's sales, row errors and links, read once, staged per DSR.

    DSRs are numbered from 0, the report's first, in the order the caller
    gives their summary records.
    """

    def __init__(self) -> None:
        self.cursor = connection.cursor()
        self.pending_errors: list[tuple] = []
        self.pending_links: list[tuple[int, str, str]] = []

    def begin(self) -> None:
        for table, columns in _TABLES.items():
            self.cursor.execute(f"DROP TABLE IF EXISTS {table}")
            self.cursor.execute(f"CREATE TEMPORARY TABLE {table} ({columns})")

    def read(
        self,
        *,
        items: Iterator[tuple[str | None, ParsedRow | RowError | WorkLink]],
        on_segment: Callable[[], None] | None = None,
    ) -> None:
        """Copy the parser's pass as it streams: the database stores one part
        while the parser reads the next.

        Sales go through ``COPY`` in segments; a segment ends after
        ``SEGMENT_ROWS`` sales or when ``SET_ASIDE_ROWS`` row errors and ISWC
        links wait, which are then copied, and ``on_segment`` is told.
        """
        text = _SalesText(items, self)
        while not text.done:
            text.segment_begin()
            self.cursor.copy_expert(f"COPY {SALES} FROM STDIN", text)
            if text.error is not None:
                raise text.error
            copy_rows(self.cursor, table=ERRORS, rows=self.pending_errors)
            copy_rows(self.cursor, table=LINKS, rows=self.pending_links)
            self.pending_errors, self.pending_links = [], []
            if on_segment is not None:
                on_segment()

    def summaries_copy(self, *, summaries: Iterable[tuple[str, int, Decimal, bool]]):
        """The summary records: id, DSR number, revenue, whether sales carry it."""
        copy_rows(
            self.cursor,
            table=SUMMARIES,
            rows=list(summaries),
            columns=("summary_id", "dsr", "revenue", "carries_revenue"),
        )
        for table in (SALES, SUMMARIES):
            self.cursor.execute(f"ANALYZE {table}")

    def stage(self, *, dsr: int) -> int:
        """Stage the DSR's sales, revenue allocated; return how many."""
        self.cursor.execute(_STAGE_SQL, {"dsr": dsr})
        return self.cursor.rowcount

    def errors(self, *, dsr: int, batch_rows: int) -> Iterator[list[RowError]]:
        """The DSR's row errors in file order, ``batch_rows`` at a time."""
        for batch in _fetched(_ERRORS_SQL, {"dsr": dsr}, batch_rows):
            yield [RowError(*row) for row in batch]

    def links(self, *, batch_rows: int) -> Iterator[list[tuple[int, str, str]]]:
        """Every (line, ISRC, ISWC) the report's AS records give, in file order."""
        query = f"SELECT line, isrc, iswc FROM {LINKS} ORDER BY line"
        yield from _fetched(query, {}, batch_rows)

    def end(self) -> None:
        for table in _TABLES:
            self.cursor.execute(f"DROP TABLE IF EXISTS {table}")


class _SalesText:
    """A file-like ``read`` over the pass: sale rows as COPY text; row errors
    and links set aside in ``sales.pending_*``. A read returns ``""`` (the
    segment's end) once the segment is full."""

    def __init__(self, items: Iterator, sales: ReportSales):
        self.items, self.sales = items, sales
        self.done = self.full = False
        self.rows = 0
        # The parser's error (a file error, a refused profile): COPY ends
        # cleanly and ``read`` raises it as it is.
        self.error: Exception | None = None

    def segment_begin(self) -> None:
        self.full, self.rows = False, 0

    def read(self, size: int = -1) -> str:
        if self.done or self.full:
            return ""
        try:
            return self._lines()
        except Exception as error:  # raised again once COPY is over
            self.error, self.done = error, True
            return ""

    def _lines(self) -> str:
        errors, links = self.sales.pending_errors, self.sales.pending_links
        lines = []
        for summary_id, item in self.items:
            if isinstance(item, ParsedRow):
                lines.append(copy_line((item.line, summary_id, *item[1:])))
            elif isinstance(item, RowError):
                errors.append((item.line, summary_id, *item[1:]))
            else:
                links.append(item)
            if len(errors) + len(links) >= SET_ASIDE_ROWS:
                self.full = True
                break
            if len(lines) >= _READ_ROWS:
                break
        else:
            self.done = True
        self.rows += len(lines)
        self.full = self.full or self.rows >= SEGMENT_ROWS
        return "".join(lines)


def _fetched(query: str, params: dict, rows: int) -> Iterator[list[tuple]]:
    """A query's rows through a server-side cursor: one batch in memory."""
    with connection.chunked_cursor() as cursor:
        cursor.execute(query, params)
        while batch := cursor.fetchmany(rows):
            yield batch
