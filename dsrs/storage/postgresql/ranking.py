"""The percentile's ordered per-resource sums on PostgreSQL, in exact numeric.

Each query returns rows ``(dsp_id, title, artists, isrc, usages, revenue,
dsrs)``, the fields of ``ResourceRevenue``, ordered by EUR revenue
descending, ties by dsp_id in byte order; the cut is made in Python
(``dsrs.rules.percentile``). Rows come from a server-side cursor,
``FETCH_ROWS`` at a time, so a worker holds one chunk of an answer.

The sums are never computed from the usages here: they are kept at import and
delete (``sums``), per resource over all DSRs
(``dsrs_resource_total``) and per DSR and resource
(``dsrs_resource_dsr_total``).
Without filters, an answer of up to ``walk.WALK_ROWS`` rows is read from the
top of the totals kept in the answer's order (their head, ``heads``), down
to the cut the walk finds; larger ones, and those of filters that select
one DSR, read the rows as they are stored: one top-N sort, sized by a
histogram of the revenues, or one full sort. Filters that select several
DSRs sum their rollup rows per resource first.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.db import connection
from django.db.backends.utils import CursorWrapper

from common.db import sql_id_list
from dsrs.rules.percentile import exact_sum, percentile_cut
from dsrs.rules.selection import SELECTED_DSRS_SQL, DSRSelection
from dsrs.storage.postgresql.walk import (
    HEAD_ROWS_SQL,
    resources_probed,
    top_rows_walk,
)

FETCH_ROWS = 2000

Ranked = Iterator[tuple[Decimal, tuple]]

# Sources of (resource_id, dsp_id, usages, revenue_eur, dsrs) per resource.
_ALL_DSRS = (
    "SELECT resource_id, dsp_id, usages, revenue_eur, dsrs FROM dsrs_resource_total"
)
_ONE_DSR = """
    SELECT resource_id, dsp_id, usages, revenue_eur, ARRAY[dsr_id::integer] AS dsrs
    FROM dsrs_resource_dsr_total
    WHERE dsr_id = {dsr_ids}
"""
_SOME_DSRS = """
    SELECT resource_id, dsp_id, SUM(usages)::bigint AS usages,
           SUM(revenue_eur) AS revenue_eur,
           array_agg(dsr_id::integer ORDER BY dsr_id) AS dsrs
    FROM dsrs_resource_dsr_total
    WHERE dsr_id IN ({dsr_ids})
    GROUP BY resource_id, dsp_id
"""
# Revenues are never negative (the row parser rejects them), so the total of
# the resources above 0 is the sum of every selected row: the selected DSRs'
# stored totals (``rollup_totals``).
_SOME_DSRS_TOTAL_SQL = (
    "SELECT SUM(revenue_eur) FROM dsrs_dsr_rollup_total WHERE dsr_id IN ({dsr_ids})"
)

# Resources by bands of revenue (a tenth of a natural log wide): the count
# and exact sum of each band tell how many of the top rows reach N %, so one
# top-N sort of that many rows usually holds the whole answer. The bands are
# only a size: if the cut is not in the rows read, the rest follows.
BANDS = (-200, 100, 3000)  # natural logs from -200 to 100, 3000 bands
BAND_SQL = "width_bucket(ln(revenue_eur::float8), {}, {}, {})".format(*BANDS)
_BANDS_SQL = f"""
    SELECT {BAND_SQL} AS band,
           COUNT(*), SUM(revenue_eur)
    FROM ({{source}}) AS s
    WHERE revenue_eur > 0
    GROUP BY band
    ORDER BY band DESC
"""
# A few top rows: a top-N sort of the narrow sums, then their metadata.
_TOP_SQL = """
    WITH top AS (
        SELECT * FROM ({source}) AS s
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
# A walk's rows: the head's first, ``LIMIT`` the count, with their resources.
_WALKED_SQL = f"""
    SELECT top.dsp_id, r.title, r.artists, r.isrc, top.usages, top.revenue_eur,
           top.dsrs
    FROM (
        SELECT * FROM ({HEAD_ROWS_SQL}) AS s
        WHERE revenue_eur > 0
        ORDER BY revenue_eur DESC, dsp_id ASC
        LIMIT %(limit)s
    ) AS top
    {resources_probed(rows="top")}
    ORDER BY top.revenue_eur DESC, top.dsp_id ASC
"""
# Many rows: one join and one sort (the above would sort twice).
_ALL_SQL = """
    SELECT s.dsp_id, r.title, r.artists, r.isrc, s.usages, s.revenue_eur, s.dsrs
    FROM ({source}) AS s
    JOIN dsrs_resource AS r ON r.id = s.resource_id
    WHERE s.revenue_eur > 0
    ORDER BY s.revenue_eur DESC, s.dsp_id ASC
    OFFSET %(offset)s
"""
# Every resource with revenue above 0 is in the top 100 %: no cut to walk to.
EVERY = 100
# Above this share of the rows, sorting them all is cheaper than top-N.
TOP_SHARE = 0.125
# Room for the sorts in memory instead of on disk; the answer's cursors are
# read to their end more often than not, so plan them for the whole result.
SESSION_SQL = (
    "SET LOCAL work_mem = '64MB'",
    "SET LOCAL cursor_tuple_fraction = 1",
)


class Band(NamedTuple):
    """Resources whose revenue falls in one band: how many, how much."""

    number: int
    count: int
    revenue: Decimal


@dataclass(frozen=True)
class Source:
    """Where an answer's per-resource rows come from."""

    sql: str
    # Rows stored one per resource can be counted by the histogram; summed
    # ones are summed once, read whole.
    stored: bool
    total_sql: str = ""


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
        source = source_choose(cursor=cursor, selection=selection)
        if source is None:
            return None
        if walked := answer_walk(cursor, source, number):
            total, rows = walked
            ranked = _fetched(_WALKED_SQL, {"limit": rows})
        elif not source.stored:
            cursor.execute(source.total_sql)
            total = cursor.fetchone()[0]
            ranked = _fetched(_ALL_SQL.format(source=source.sql), {"offset": 0})
        else:
            bands, total = bands_read(cursor=cursor, source=source)
            ranked = _ranked(source, *_first_query(source, bands, total, number))
    return None if total is None else (total, ranked)


def answer_plan_query(
    *, selection: DSRSelection, number: int
) -> tuple[str, dict[str, object]]:
    """The first ranked query of an answer, for ``EXPLAIN``."""
    with connection.cursor() as cursor:
        for sql in SESSION_SQL:
            cursor.execute(sql)
        source = source_choose(cursor=cursor, selection=selection) or Source(
            sql=_ALL_DSRS, stored=False
        )
        if walked := answer_walk(cursor, source, number):
            return _WALKED_SQL, {"limit": walked[1]}
        if not source.stored:
            return _ALL_SQL.format(source=source.sql), {"offset": 0}
        sql, params, _ = _first_query(
            source, *bands_read(cursor=cursor, source=source), number
        )
    return sql, params


def answer_walk(
    cursor: CursorWrapper, source: Source, number: int
) -> tuple[Decimal | None, int] | None:
    """The walk's total and top rows (``top_rows_walk``), for the answers it
    suits: unfiltered, with a cut; None for the others."""
    if source.sql != _ALL_DSRS or not source.stored or number == EVERY:
        return None
    return top_rows_walk(cursor=cursor, number=number)


def source_choose(*, cursor: CursorWrapper, selection: DSRSelection) -> Source | None:
    """The rows of the selected DSRs; None when no DSR is selected."""
    if selection.everything:
        return Source(sql=_ALL_DSRS, stored=True)
    condition, params = selection.sql()
    cursor.execute(SELECTED_DSRS_SQL.format(condition=condition), params)
    selected = [dsr_id for dsr_id, _ in cursor.fetchall()]
    if not selected:
        return None
    dsr_ids = sql_id_list(selected)
    if len(selected) == 1:
        return Source(sql=_ONE_DSR.format(dsr_ids=dsr_ids), stored=True)
    return Source(
        sql=_SOME_DSRS.format(dsr_ids=dsr_ids),
        stored=False,
        total_sql=_SOME_DSRS_TOTAL_SQL.format(dsr_ids=dsr_ids),
    )


def bands_read(
    *, cursor: CursorWrapper, source: Source
) -> tuple[list[Band], Decimal | None]:
    """The bands, highest first, and the total revenue."""
    cursor.execute(_BANDS_SQL.format(source=source.sql))
    bands = [Band._make(row) for row in cursor.fetchall()]
    return bands, exact_sum(band.revenue for band in bands) if bands else None


def _first_query(
    source: Source,
    bands: list[Band],
    total: Decimal | None,
    number: int,
) -> tuple[str, dict[str, object], int | None]:
    """The query that likely holds the whole answer, and its row limit."""
    rows = _rows_reaching(bands, total, number)
    if top_share_exceeded(bands=bands, rows=rows):
        return _ALL_SQL.format(source=source.sql), {"offset": 0}, None
    return _TOP_SQL.format(source=source.sql), {"limit": rows}, rows


def top_share_exceeded(*, bands: list[Band], rows: int) -> bool:
    """Whether sorting every row is cheaper than a top-N sort of ``rows``."""
    return rows > sum(band.count for band in bands) * TOP_SHARE


def _ranked(
    source: Source, sql: str, params: dict[str, object], limit: int | None
) -> Ranked:
    read = 0
    for pair in _fetched(sql, params):
        read += 1
        yield pair
    if read == limit:
        # Only if the cut lies beyond the rows the histogram counted.
        yield from _fetched(_ALL_SQL.format(source=source.sql), {"offset": limit})


def _rows_reaching(bands: list[Band], total: Decimal | None, number: int) -> int:
    """Top rows that hold the cut: those of the bands the cut keeps."""
    if total is None:
        return 0
    kept = bands_kept(bands=bands, total=total, number=number)
    return sum(band.count for band in kept)


def bands_kept(*, bands: list[Band], total: Decimal, number: int) -> list[Band]:
    """The bands that hold the answer's rows, highest first: the cut lies in
    the last one."""
    ranked = ((band.revenue, band) for band in bands)
    return list(percentile_cut(ranked=ranked, total=total, number=number))


def _fetched(sql: str, params: dict[str, object]) -> Ranked:
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(FETCH_ROWS):
            for row in rows:
                yield row[5], row
