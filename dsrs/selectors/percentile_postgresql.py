"""The percentile's ordered per-resource sums on PostgreSQL, in exact numeric.

Each query returns rows ``(dsp_id, title, artists, isrc, usages, revenue,
dsrs)``, the fields of ``ResourceRevenue``, ordered by EUR revenue
descending, ties by dsp_id in byte order; the cut is made in Python
(``percentile_rule``). Rows come from a server-side
cursor, ``FETCH_ROWS`` at a time, so a worker holds one chunk of an answer.

Without filters the rows are the per-resource totals kept at import and
delete (``services.totals``), read by one top-N sort sized by a histogram of
the revenues (``_TOTALS_BANDS_SQL``), or by one full sort for large
answers. With filters they are summed from the usages of the selected DSRs,
DSR lists in the same pass.
"""

from collections.abc import Iterator
from decimal import Decimal

from django.db import connection

from dsrs.selectors.percentile_rule import exact_sum, percentile_cut
from dsrs.selectors.selection import SELECTED_DSRS_SQL, DSRSelection

FETCH_ROWS = 2000

Ranked = Iterator[tuple[Decimal, tuple]]

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
        SELECT u.resource_id, SUM(u.usages)::bigint AS usages,
               SUM(u.revenue / d.eur_rate) AS revenue,
               array_agg(DISTINCT u.dsr_id ORDER BY u.dsr_id) AS dsrs
        FROM dsrs_usage AS u
        JOIN selected_dsrs AS d ON d.id = u.dsr_id
        GROUP BY u.resource_id
    )
    SELECT r.dsp_id, r.title, r.artists, r.isrc, p.usages, p.revenue, p.dsrs
    FROM per_resource AS p
    JOIN dsrs_resource AS r ON r.id = p.resource_id
    WHERE p.revenue > 0
    ORDER BY p.revenue DESC, r.dsp_id COLLATE "C" ASC
"""

# Resources by bands of revenue (a tenth of a natural log wide): the count
# and exact sum of each band tell how many of the top rows reach N %, so one
# top-N sort of that many rows usually holds the whole answer. The bands are
# only a size: if the cut is not in the rows read, the rest follows.
_TOTALS_BANDS_SQL = """
    SELECT width_bucket(ln(revenue_eur::float8), -200, 100, 3000) AS band,
           COUNT(*), SUM(revenue_eur)
    FROM dsrs_resource_total
    WHERE revenue_eur > 0
    GROUP BY band
    ORDER BY band DESC
"""

# A few top rows: a top-N sort of the narrow totals, then their metadata.
_TOTALS_TOP_SQL = """
    WITH top AS (
        SELECT resource_id, dsp_id, usages, revenue_eur, dsrs
        FROM dsrs_resource_total
        WHERE revenue_eur > 0
        ORDER BY revenue_eur DESC, dsp_id ASC
        LIMIT %(limit)s
    )
    SELECT top.dsp_id, r.title, r.artists, r.isrc, top.usages, top.revenue_eur,
           top.dsrs
    FROM top
    JOIN dsrs_resource AS r ON r.id = top.resource_id
    ORDER BY top.revenue_eur DESC, top.dsp_id ASC
"""
# Many rows: one join and one sort (the above would sort twice).
_TOTALS_ALL_SQL = """
    SELECT t.dsp_id, r.title, r.artists, r.isrc, t.usages, t.revenue_eur, t.dsrs
    FROM dsrs_resource_total AS t
    JOIN dsrs_resource AS r ON r.id = t.resource_id
    WHERE t.revenue_eur > 0
    ORDER BY t.revenue_eur DESC, t.dsp_id ASC
    OFFSET %(offset)s
"""
# Above this share of the totals, sorting them all is cheaper than top-N.
TOTALS_TOP_SHARE = 0.125
# Room for the sorts in memory instead of on disk; the answer's cursors are
# read to their end more often than not, so plan them for the whole result.
SESSION_SQL = (
    "SET LOCAL work_mem = '64MB'",
    "SET LOCAL cursor_tuple_fraction = 1",
)


def answer_open(
    *, selection: DSRSelection, number: int
) -> tuple[Decimal, Ranked] | None:
    """The answer's total EUR revenue and its (revenue, row) pairs, read lazily.

    None when there is no revenue. Call inside the answer's transaction: it
    sets the transaction up for the answer's sorts.
    """
    with connection.cursor() as cursor:
        for sql in SESSION_SQL:
            cursor.execute(sql)
        if selection.everything:
            cursor.execute(_TOTALS_BANDS_SQL)
            bands = [(count, revenue) for _, count, revenue in cursor.fetchall()]
            total = exact_sum(revenue for _, revenue in bands) if bands else None
            rows = _rows_reaching(bands, total, number)
            ranked = _totals_ranked(rows, sum(count for count, _ in bands))
        else:
            condition, params = selection.sql()
            cursor.execute(_USAGES_TOTAL_SQL.format(condition=condition), params)
            total = cursor.fetchone()[0]
            ranked = _fetched(_USAGES_RANKED_SQL.format(condition=condition), params)
    return None if total is None else (total, ranked)


def answer_plan_query(*, selection: DSRSelection) -> tuple[str, dict[str, object]]:
    """The first ranked query of an answer, for ``EXPLAIN``."""
    if selection.everything:
        return _TOTALS_ALL_SQL, {"offset": 0}
    condition, params = selection.sql()
    return _USAGES_RANKED_SQL.format(condition=condition), params


def _rows_reaching(
    bands: list[tuple[int, Decimal]], total: Decimal | None, number: int
) -> int:
    """Top rows that hold the cut: those of the bands the cut keeps."""
    if total is None:
        return 0
    ranked = ((revenue, count) for count, revenue in bands)
    return sum(percentile_cut(ranked=ranked, total=total, number=number))


def _totals_ranked(rows: int, count: int) -> Ranked:
    if rows > count * TOTALS_TOP_SHARE:
        yield from _fetched(_TOTALS_ALL_SQL, {"offset": 0})
        return
    read = 0
    for pair in _fetched(_TOTALS_TOP_SQL, {"limit": rows}):
        read += 1
        yield pair
    if read == rows:
        yield from _fetched(_TOTALS_ALL_SQL, {"offset": rows})


def _fetched(sql: str, params: dict[str, object]) -> Ranked:
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(FETCH_ROWS):
            for row in rows:
                yield row[5], row
