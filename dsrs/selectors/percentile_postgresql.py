"""The percentile's ordered per-resource sums on PostgreSQL, in exact numeric.

Each query returns rows ``(revenue, dsp_id, title, artists, isrc, usages,
dsrs)`` ordered by EUR revenue descending, ties by dsp_id in byte order; the
cut is made in Python (``percentile_rule``). Rows come from a server-side
cursor, ``FETCH_ROWS`` at a time, so a worker holds one chunk of an answer.

Without filters the rows are the per-resource totals kept at import and
delete (``services.totals``), read in rounds of growing top-N sorts that stop
at the cut. With filters they are summed from the usages of the selected DSRs,
DSR lists in the same pass.
"""

from collections.abc import Callable, Iterator
from decimal import Decimal

from dsrs.selectors.selection import SELECTED_DSRS_SQL, DSRSelection

FETCH_ROWS = 2000

Row = tuple
CursorFactory = Callable[[], object]

# Revenues are never negative (the row parser rejects them), so the total of
# the resources above 0 is the sum of every selected usage.
_USAGES_TOTAL_SQL = f"""
    WITH selected_dsrs AS ({SELECTED_DSRS_SQL})
    SELECT SUM(u.revenue / d.eur_rate)
    FROM dsrs_usage AS u
    JOIN selected_dsrs AS d ON d.id = u.dsr_id
"""

_USAGES_RANKED_SQL = f"""
    WITH selected_dsrs AS ({SELECTED_DSRS_SQL}),
    per_resource AS (
        SELECT u.resource_id, SUM(u.usages) AS usages,
               SUM(u.revenue / d.eur_rate) AS revenue,
               array_agg(DISTINCT u.dsr_id ORDER BY u.dsr_id) AS dsrs
        FROM dsrs_usage AS u
        JOIN selected_dsrs AS d ON d.id = u.dsr_id
        GROUP BY u.resource_id
    )
    SELECT p.revenue, r.dsp_id, r.title, r.artists, r.isrc, p.usages, p.dsrs
    FROM per_resource AS p
    JOIN dsrs_resource AS r ON r.id = p.resource_id
    WHERE p.revenue > 0
    ORDER BY p.revenue DESC, r.dsp_id COLLATE "C" ASC
"""

_TOTALS_TOTAL_SQL = (
    "SELECT SUM(revenue_eur) FROM dsrs_resource_total WHERE revenue_eur > 0"
)

_TOTALS_RANKED_SQL = """
    WITH top AS (
        SELECT resource_id, dsp_id, usages, revenue_eur, dsrs
        FROM dsrs_resource_total
        WHERE revenue_eur > 0
        ORDER BY revenue_eur DESC, dsp_id ASC
        LIMIT %(limit)s OFFSET %(offset)s
    )
    SELECT top.revenue_eur, top.dsp_id, r.title, r.artists, r.isrc, top.usages,
           top.dsrs
    FROM top
    JOIN dsrs_resource AS r ON r.id = top.resource_id
    ORDER BY top.revenue_eur DESC, top.dsp_id ASC
"""
# Each round scans the totals once (a top-N sort): start wide, grow fast.
TOTALS_FIRST_LIMIT = 8192
TOTALS_GROWTH = 8
# Room for the top-N sorts in memory instead of on disk.
WORK_MEM_SQL = "SET LOCAL work_mem = '64MB'"


def answer_total(*, cursor, selection: DSRSelection) -> Decimal | None:
    """The EUR revenue of all selected resources; None when there is none.

    The first query of an answer: it also gives the answer's transaction
    room for the top-N sorts.
    """
    cursor.execute(WORK_MEM_SQL)
    if selection.everything:
        cursor.execute(_TOTALS_TOTAL_SQL)
    else:
        condition, params = selection.sql()
        cursor.execute(_USAGES_TOTAL_SQL.format(condition=condition), params)
    return cursor.fetchone()[0]


def answer_ranked(
    *, open_cursor: CursorFactory, selection: DSRSelection
) -> Iterator[tuple[Decimal, Row]]:
    """(revenue, row) pairs in the answer's order; read lazily."""
    if selection.everything:
        yield from _totals_ranked(open_cursor)
        return
    condition, params = selection.sql()
    yield from _fetched(
        open_cursor, _USAGES_RANKED_SQL.format(condition=condition), params
    )


def answer_plan_query(*, selection: DSRSelection) -> tuple[str, dict[str, object]]:
    """The first ranked query of an answer, for ``EXPLAIN``."""
    if selection.everything:
        return _TOTALS_RANKED_SQL, {"limit": TOTALS_FIRST_LIMIT, "offset": 0}
    condition, params = selection.sql()
    return _USAGES_RANKED_SQL.format(condition=condition), params


def _totals_ranked(open_cursor: CursorFactory) -> Iterator[tuple[Decimal, Row]]:
    offset, limit = 0, TOTALS_FIRST_LIMIT
    while True:
        read = 0
        params = {"limit": limit, "offset": offset}
        for pair in _fetched(open_cursor, _TOTALS_RANKED_SQL, params):
            read += 1
            yield pair
        if read < limit:
            return
        offset += limit
        limit *= TOTALS_GROWTH


def _fetched(
    open_cursor: CursorFactory, sql: str, params: dict[str, object]
) -> Iterator[tuple[Decimal, Row]]:
    with open_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(FETCH_ROWS):
            for row in rows:
                yield row[0], row
