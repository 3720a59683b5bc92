"""The top-percentile rule: the resources that make up N% of EUR revenue."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection, transaction

from dsrs.db import sql_id_list


@dataclass(frozen=True)
class ResourceRevenue:
    dsp_id: str
    title: str
    artists: str
    isrc: str
    usages: int
    revenue: Decimal  # EUR
    dsrs: list[int]


# SQL pieces that differ by database. PostgreSQL sums exact numerics; SQLite
# has only floats, so the rule below is written to stay right with them.
_VENDOR_SQL = {
    "postgresql": {
        "eur": "u.revenue / d.eur_rate",
        "collate": 'COLLATE "C"',
    },
    "sqlite": {
        "eur": "CAST(u.revenue AS REAL) / CAST(d.eur_rate AS REAL)",
        "collate": "",
    },
}

# The top-percentile rule, in one place.
#
# 1. Usages of ingested DSRs that pass the filters.
# 2. Per resource: usages summed; revenue converted to EUR with each DSR's
#    stored rate (revenue / eur_rate) and summed.
# 3. Resources ordered by EUR revenue descending, ties by dsp_id ascending.
# 4. A resource with EUR revenue above 0 belongs to the top N percent when the
#    revenue of the resources before it ("before") is strictly less than N% of
#    the total.
#
# Two queries apply it. With filters, _PERCENTILE_SQL aggregates the usages
# and states step 4 equivalently: the revenue from the resource to the end
# ("from_here", summed from the smallest up) is more than (100 - N)% of the
# total. Summing from the smallest keeps SQLite's float sums from swallowing
# tiny revenues, so N = 100 returns every resource with revenue above 0.
# Without filters on PostgreSQL, _TOTALS_PERCENTILE_SQL reads the per-resource
# totals (services.totals) in exact numerics and window-sums only their top
# rows: it is asked for more until the answer ends before the rows it was
# given.
_PERCENTILE_SQL = """
WITH selected_dsrs AS (
    SELECT d.id, d.eur_rate
    FROM dsrs_dsr AS d
    JOIN dsrs_territory AS t ON t.id = d.territory_id
    WHERE d.status = 'ingested' {filters}
),
per_resource AS (
    SELECT u.resource_id, SUM(u.usages) AS usages, SUM({eur}) AS revenue
    FROM dsrs_usage AS u
    JOIN selected_dsrs AS d ON d.id = u.dsr_id
    GROUP BY u.resource_id
),
ranked AS (
    SELECT p.resource_id, p.usages, p.revenue, r.dsp_id,
           SUM(p.revenue) OVER (
               ORDER BY p.revenue ASC, r.dsp_id {collate} DESC
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
           ) AS from_here,
           SUM(p.revenue) OVER () AS total
    FROM per_resource AS p
    JOIN dsrs_resource AS r ON r.id = p.resource_id
    WHERE p.revenue > 0
)
SELECT k.resource_id, k.dsp_id, r.title, r.artists, r.isrc, k.usages, k.revenue
FROM ranked AS k
JOIN dsrs_resource AS r ON r.id = k.resource_id
WHERE k.from_here * 100 > k.total * (100 - %(number)s)
ORDER BY k.revenue DESC, k.dsp_id {collate} ASC
"""

_TOTALS_PERCENTILE_SQL = """
WITH top AS (
    SELECT resource_id, dsp_id, usages, revenue_eur
    FROM dsrs_resource_total
    WHERE revenue_eur > 0
    ORDER BY revenue_eur DESC, dsp_id ASC
    LIMIT %(limit)s
),
ranked AS (
    SELECT top.*,
           SUM(revenue_eur) OVER (
               ORDER BY revenue_eur DESC, dsp_id ASC
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
           ) - revenue_eur AS before
    FROM top
)
SELECT k.resource_id, k.dsp_id, r.title, r.artists, r.isrc, k.usages, k.revenue_eur
FROM ranked AS k
JOIN dsrs_resource AS r ON r.id = k.resource_id
WHERE k.before * 100 < %(total)s * %(number)s
ORDER BY k.revenue_eur DESC, k.dsp_id ASC
"""

_TOTALS_SUM_SQL = (
    "SELECT SUM(revenue_eur) FROM dsrs_resource_total WHERE revenue_eur > 0"
)
# Each round scans the totals once (a top-N sort): start wide, grow fast.
_TOTALS_FIRST_LIMIT = 8192
_TOTALS_GROWTH = 8
_TOTALS_WORK_MEM_SQL = "SET LOCAL work_mem = '64MB'"

_RESOURCE_DSRS_SQL = """
SELECT DISTINCT u.resource_id, u.dsr_id
FROM dsrs_usage AS u
JOIN dsrs_dsr AS d ON d.id = u.dsr_id
JOIN dsrs_territory AS t ON t.id = d.territory_id
WHERE d.status = 'ingested' {filters} AND u.resource_id IN ({resource_ids})
"""

_IN_BATCH = 500


def resource_list_top_percentile(
    *,
    number: int,
    territory: str | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
) -> list[ResourceRevenue]:
    """Return the resources making up the top ``number`` percent of EUR revenue.

    ``territory`` is an ISO alpha-2 code; DSRs count when their period lies
    within ``period_start``..``period_end`` (either bound optional).
    """
    _number_check(number)
    chosen = {
        "territory": territory,
        "period_start": period_start,
        "period_end": period_end,
    }
    filters, dsr_params = _dsr_filters(**chosen)
    with _snapshot():
        if _from_totals(**chosen):
            rows = _top_from_totals(number)
        else:
            with connection.cursor() as cursor:
                cursor.execute(*percentile_query(number=number, **chosen))
                rows = cursor.fetchall()
        dsrs = _resource_dsrs([row[0] for row in rows], filters, dsr_params)
    return [
        ResourceRevenue(
            dsp_id=dsp_id,
            title=title,
            artists=artists,
            isrc=isrc,
            usages=int(usages),
            revenue=revenue if isinstance(revenue, Decimal) else Decimal(repr(revenue)),
            dsrs=dsrs.get(resource_id, []),
        )
        for resource_id, dsp_id, title, artists, isrc, usages, revenue in rows
    ]


def _number_check(number: int) -> None:
    if not 1 <= number <= 100:
        raise ValueError(f"number must be between 1 and 100, got {number}")


def _from_totals(**filters) -> bool:
    return connection.vendor == "postgresql" and all(
        value is None for value in filters.values()
    )


@contextmanager
def _snapshot() -> Iterator[None]:
    """One snapshot for all queries of an answer.

    A DSR deleted or imported meanwhile is seen whole or not at all.
    """
    # The isolation level can only be set before a transaction's first query;
    # inside an outer transaction, that transaction decides.
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                # Before the snapshot: partition swaps (services.locking) wait
                # for this answer, and happened wholly before its snapshot.
                cursor.execute("LOCK TABLE dsrs_usage IN ACCESS SHARE MODE")
        yield


def _top_from_totals(number: int) -> list[tuple]:
    with connection.cursor() as cursor:
        # Room for a bounded (top-N) sort instead of a sort on disk.
        cursor.execute(_TOTALS_WORK_MEM_SQL)
        cursor.execute(_TOTALS_SUM_SQL)
        total = cursor.fetchone()[0]
        if total is None:
            return []
        limit = _TOTALS_FIRST_LIMIT
        while True:
            params = {"limit": limit, "total": total, "number": number}
            cursor.execute(_TOTALS_PERCENTILE_SQL, params)
            rows = cursor.fetchall()
            if len(rows) < limit:
                return rows
            limit *= _TOTALS_GROWTH


def percentile_query(
    *,
    number: int,
    territory: str | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
) -> tuple[str, dict[str, object]]:
    """The SQL and parameters of the top-percentile rule, for this database."""
    _number_check(number)
    filters, params = _dsr_filters(
        territory=territory, period_start=period_start, period_end=period_end
    )
    sql = _PERCENTILE_SQL.format(filters=filters, **_VENDOR_SQL[connection.vendor])
    return sql, {**params, "number": number}


def percentile_plan(
    *,
    number: int,
    territory: str | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
) -> str:
    """PostgreSQL's ``EXPLAIN ANALYZE`` of the percentile's (first) query."""
    chosen = {
        "territory": territory,
        "period_start": period_start,
        "period_end": period_end,
    }
    if _from_totals(**chosen):
        with connection.cursor() as cursor:
            cursor.execute(_TOTALS_SUM_SQL)
            total = cursor.fetchone()[0] or 0
        sql = _TOTALS_PERCENTILE_SQL
        params = {"limit": _TOTALS_FIRST_LIMIT, "total": total, "number": number}
    else:
        sql, params = percentile_query(number=number, **chosen)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _dsr_filters(
    *, territory: str | None, period_start: date | None, period_end: date | None
) -> tuple[str, dict[str, object]]:
    clauses, params = [], {}
    if territory is not None:
        clauses.append("AND t.code_2 = %(territory)s")
        params["territory"] = territory.upper()
    if period_start is not None:
        clauses.append("AND d.period_start >= %(period_start)s")
        params["period_start"] = period_start
    if period_end is not None:
        clauses.append("AND d.period_end <= %(period_end)s")
        params["period_end"] = period_end
    return " ".join(clauses), params


def _resource_dsrs(
    resource_ids: Sequence[int], filters: str, params: dict[str, object]
) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(resource_ids), _IN_BATCH):
            ids = sql_id_list(resource_ids[start : start + _IN_BATCH])
            cursor.execute(
                _RESOURCE_DSRS_SQL.format(filters=filters, resource_ids=ids), params
            )
            for resource_id, dsr_id in cursor.fetchall():
                found.setdefault(resource_id, []).append(dsr_id)
    return {resource_id: sorted(ids) for resource_id, ids in found.items()}
