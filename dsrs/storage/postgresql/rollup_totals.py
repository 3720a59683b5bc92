"""Each DSR's EUR revenue as its rollup rows sum it (migration 0017).

``dsrs_dsr_rollup_total`` holds, per DSR with rollup rows, the exact
``numeric`` sum of those rows' ``revenue_eur``: the sums kept per resource
add up to the same (``sums``: every total is a sum of rollup rows), so the
percentile reads its total revenue here, a row per DSR, instead of summing
every resource. Kept in the transactions that change the rollup, by
``sums``: a DSR's row is written after its rollup rows are, and goes with
them.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.db import connection

from common.db import sql_id_list

TABLE = "dsrs_dsr_rollup_total"

_WRITE_SQL = f"""
    INSERT INTO {TABLE} (dsr_id, revenue_eur)
    SELECT dsr_id, SUM(revenue_eur) FROM dsrs_resource_dsr_total
    WHERE dsr_id IN ({{ids}})
    GROUP BY dsr_id
"""


def rollup_totals_write(*, dsr_ids: Iterable[int]) -> None:
    """(Re)compute the totals of these DSRs from their rollup rows."""
    if not (ids := sorted(set(dsr_ids))):
        return
    listed = sql_id_list(ids)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE dsr_id IN ({listed})")
        cursor.execute(_WRITE_SQL.format(ids=listed))


def rollup_totals_remove(*, dsr_ids: Iterable[int]) -> None:
    """Drop the totals of these DSRs, whose rollup rows go."""
    if not (ids := sorted(set(dsr_ids))):
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE dsr_id IN ({sql_id_list(ids)})")


def revenue_total(*, dsr_ids: Iterable[int] | None = None) -> Decimal | None:
    """The EUR revenue of these DSRs' rollup rows (all DSRs: None); None
    when they have none."""
    where = "" if dsr_ids is None else f" WHERE dsr_id IN ({sql_id_list(dsr_ids)})"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT SUM(revenue_eur) FROM {TABLE}{where}")
        return cursor.fetchone()[0]
