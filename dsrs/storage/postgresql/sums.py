"""Per-resource EUR sums kept on PostgreSQL: totals (migration 0003) and rollup.

A total is a resource's usages, EUR revenue and the ids of the DSRs that
report it (ascending; migration 0008): the whole unfiltered percentile answer
but the resource's title, artists and ISRC. Beside them, the rollup
``dsrs_resource_dsr_total`` (migration 0009) keeps each DSR's per-resource
sums, which filtered percentiles read. Every change to usages goes with
a change to the sums in the same transaction: publishing a DSR's usages adds
its sums (``resource_sums_add``), a replace or a delete removes them first
(``sums_remove``). Each sum is computed exactly as the
percentile query computes it from the usages (``revenue / eur_rate`` in
``numeric``), so both give the same answer.
"""

from collections.abc import Sequence

from django.db import connection

from common.db import sql_id_list
from dsrs.storage.postgresql.heads import (
    RESOURCES,
    head_brace,
    head_forget,
    head_settle,
    head_statement,
)
from dsrs.storage.postgresql.isrc_sums import isrc_sums_refresh, isrc_sums_remove
from dsrs.storage.postgresql.rollup_totals import (
    rollup_totals_remove,
    rollup_totals_write,
)

DELTA = "dsrs_totals_delta"

_DELTA_SQL = """
    CREATE TEMPORARY TABLE {delta} AS
    SELECT u.resource_id, SUM(u.usages) AS usages,
           SUM(u.revenue / d.eur_rate) AS revenue_eur,
           array_agg(DISTINCT u.dsr_id ORDER BY u.dsr_id) AS dsrs
    FROM {usages} AS u
    JOIN dsrs_dsr AS d ON d.id = u.dsr_id AND d.status = 'ingested'
    WHERE {where}
    GROUP BY u.resource_id
"""

_UPDATE_SQL = """
    UPDATE dsrs_resource_total AS t
    SET usages = t.usages {sign} x.usages,
        revenue_eur = t.revenue_eur {sign} x.revenue_eur,
        dsrs = {dsrs}
    FROM {delta} AS x
    WHERE t.resource_id = x.resource_id
"""
# One DSR's rollup rows are the delta its usages add to the totals: read by
# an index range, with no table of their own and no second aggregation.
_ADD_UPDATE_SQL = """
    UPDATE dsrs_resource_total AS t
    SET usages = t.usages + x.usages,
        revenue_eur = t.revenue_eur + x.revenue_eur,
        dsrs = {dsrs}
    FROM dsrs_resource_dsr_total AS x
    WHERE x.dsr_id = {dsr_id} AND t.resource_id = x.resource_id
"""
# New DSRs have the highest ids: appending keeps the list sorted, and a merge
# is needed only when a DSR is replaced under its old id.
_DSRS_ADDED = """CASE WHEN t.dsrs[cardinality(t.dsrs)] < {dsr_id}
        THEN t.dsrs || {dsr_id}
        ELSE ARRAY(SELECT DISTINCT v FROM unnest(t.dsrs || {dsr_id}) AS v ORDER BY v)
        END"""
_ADD_INSERT_SQL = """
    INSERT INTO dsrs_resource_total AS t
        (resource_id, dsp_id, usages, revenue_eur, dsrs)
    SELECT x.resource_id, x.dsp_id, x.usages, x.revenue_eur, ARRAY[x.dsr_id]
    FROM dsrs_resource_dsr_total AS x
    WHERE x.dsr_id = {dsr_id} AND NOT EXISTS (
        SELECT 1 FROM dsrs_resource_total AS t WHERE t.resource_id = x.resource_id
    )
    ORDER BY x.resource_id
"""

# One DSR's rollup rows are also the delta it takes out: no table of its own.
_SUBTRACT_ONE_SQL = """
    UPDATE dsrs_resource_total AS t
    SET usages = t.usages - x.usages,
        revenue_eur = t.revenue_eur - x.revenue_eur,
        dsrs = array_remove(t.dsrs, {dsr_id})
    FROM dsrs_resource_dsr_total AS x
    WHERE x.dsr_id = {dsr_id} AND t.resource_id = x.resource_id
"""

_DSRS_REMOVED = (
    "ARRAY(SELECT v FROM unnest(t.dsrs) AS v WHERE v <> ALL (x.dsrs) ORDER BY v)"
)
# Past this many DSRs at once, one subquery per row beats deep nesting.
_ARRAY_REMOVE_MAX = 32


def _dsrs_removed(dsr_ids: Sequence[int]) -> str:
    """The list without these ids, still ascending: nested ``array_remove``
    calls, no subquery per row."""
    if len(dsr_ids) > _ARRAY_REMOVE_MAX:
        return _DSRS_REMOVED
    expression = "t.dsrs"
    for dsr_id in dsr_ids:
        expression = f"array_remove({expression}, {int(dsr_id)})"
    return expression


_INSERT_SQL = """
    INSERT INTO dsrs_resource_total AS t
        (resource_id, dsp_id, usages, revenue_eur, dsrs)
    SELECT x.resource_id, r.dsp_id, x.usages, x.revenue_eur, x.dsrs
    FROM {delta} AS x
    JOIN dsrs_resource AS r ON r.id = x.resource_id
    WHERE NOT EXISTS (
        SELECT 1 FROM dsrs_resource_total AS t WHERE t.resource_id = x.resource_id
    )
    ORDER BY x.resource_id
"""

_ROLLUP_INSERT_SQL = """
    INSERT INTO dsrs_resource_dsr_total
        (dsr_id, resource_id, dsp_id, usages, revenue_eur)
    SELECT u.dsr_id, u.resource_id, r.dsp_id, SUM(u.usages),
           SUM(u.revenue / d.eur_rate)
    FROM {usages} AS u
    JOIN dsrs_dsr AS d ON d.id = u.dsr_id AND d.status = 'ingested'
    JOIN dsrs_resource AS r ON r.id = u.resource_id
    WHERE {where}
    GROUP BY u.dsr_id, u.resource_id, r.dsp_id
    ORDER BY u.dsr_id, u.resource_id
"""

# A DSR's rollup rows from its sums per dsp_id, computed while staging.
_ROLLUP_LATEST_INSERT_SQL = """
    INSERT INTO dsrs_resource_dsr_total
        (dsr_id, resource_id, dsp_id, usages, revenue_eur)
    SELECT {dsr_id}, r.id, s.dsp_id, s.usages, s.revenue_eur
    FROM {latest} AS s
    JOIN dsrs_resource AS r ON r.dsp = %(dsp)s AND r.dsp_id = s.dsp_id
    ORDER BY r.id
"""

# What the DSRs being removed add to each resource, read from their rollup
# rows (index ranges) rather than their usages: sums of numeric are exact, so
# the rollup's sums add up to the usages' sums.
_ROLLUP_DELTA_SQL = """
    CREATE TEMPORARY TABLE {delta} AS
    SELECT x.resource_id, SUM(x.usages) AS usages,
           SUM(x.revenue_eur) AS revenue_eur,
           array_agg(x.dsr_id ORDER BY x.dsr_id) AS dsrs
    FROM dsrs_resource_dsr_total AS x
    WHERE x.dsr_id IN ({ids}) AND NOT EXISTS (
        SELECT 1 FROM {skip} AS k WHERE k.resource_id = x.resource_id
    )
    GROUP BY x.resource_id
"""


def resource_sums_add(*, dsr_id: int, dsp: str, latest_table: str) -> None:
    """Add the sums of one DSR's usages: its rollup rows first, then the
    totals from them.

    ``latest_table`` holds the DSR's sums per ``dsp_id`` of ``dsp``
    (``usages``, ``revenue_eur``), aggregated from its staged lines.
    """
    dsr_id = int(dsr_id)
    with connection.cursor() as cursor:
        cursor.execute(
            _ROLLUP_LATEST_INSERT_SQL.format(dsr_id=dsr_id, latest=latest_table),
            {"dsp": dsp},
        )
        head_brace(cursor=cursor, head=RESOURCES, rows=cursor.rowcount)
        rollup_totals_write(dsr_ids=[dsr_id])
        # The planner must know how many rows this DSR now has.
        cursor.execute("ANALYZE dsrs_resource_dsr_total")
        dsrs = _DSRS_ADDED.format(dsr_id=dsr_id)
        _totals_change(cursor, _ADD_UPDATE_SQL.format(dsrs=dsrs, dsr_id=dsr_id))
        _totals_change(cursor, _ADD_INSERT_SQL.format(dsr_id=dsr_id))
        head_settle(cursor=cursor, head=RESOURCES)


def _totals_change(cursor, changing: str, *, may_fall: bool = False) -> None:
    """Run a statement that changes totals, carrying its rows into the head."""
    cursor.execute(
        head_statement(head=RESOURCES, changing=changing, alias="t", may_fall=may_fall)
    )


def sums_remove(*, dsr_ids: Sequence[int], orphans_table: str) -> None:
    """Take these DSRs out of the sums, before their usages go.

    The totals of the resources listed in ``orphans_table`` (they lose their
    last usage) are dropped; the others' are subtracted from: for one DSR,
    straight from its rollup rows; for several, from their sum per resource.
    The DSRs' rollup rows go.
    """
    if not dsr_ids:
        return
    isrc_sums_remove(dsr_ids=dsr_ids)
    if len(dsr_ids) > 1:
        _totals_subtract(dsr_ids=dsr_ids, skip_table=orphans_table)
    with connection.cursor() as cursor:
        orphans = f"SELECT resource_id FROM {orphans_table}"
        cursor.execute(
            f"DELETE FROM dsrs_resource_total WHERE resource_id IN ({orphans})"
        )
        head_forget(cursor=cursor, head=RESOURCES, keys=orphans)
        if len(dsr_ids) == 1:
            # The orphans' totals are gone: the join skips them.
            dsr_id = int(dsr_ids[0])
            changing = _SUBTRACT_ONE_SQL.format(dsr_id=dsr_id)
            _totals_change(cursor, changing, may_fall=True)
            cursor.execute(
                f"DELETE FROM dsrs_resource_dsr_total WHERE dsr_id = {dsr_id}"
            )
        head_settle(cursor=cursor, head=RESOURCES)
    rollup_totals_remove(dsr_ids=dsr_ids)


def _totals_subtract(*, dsr_ids: Sequence[int], skip_table: str) -> None:
    ids = sql_id_list(dsr_ids)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {DELTA}")
        cursor.execute(_ROLLUP_DELTA_SQL.format(delta=DELTA, ids=ids, skip=skip_table))
        cursor.execute(f"ANALYZE {DELTA}")
        changing = _UPDATE_SQL.format(
            sign="-", dsrs=_dsrs_removed(dsr_ids), delta=DELTA
        )
        _totals_change(cursor, changing, may_fall=True)
        cursor.execute(f"DROP TABLE {DELTA}")
        cursor.execute(f"DELETE FROM dsrs_resource_dsr_total WHERE dsr_id IN ({ids})")


def sums_refresh(*, resource_ids: Sequence[int]) -> None:
    """Recompute the sums of these resources from their usages.

    For usages written without the importer (the ORM, a repair).
    """
    if not resource_ids:
        return
    ids = sql_id_list(resource_ids)
    with connection.cursor() as cursor:
        where = f"u.resource_id IN ({ids})"
        # The DSRs whose rollup rows change: those of the rows going and
        # those of the rows coming.
        cursor.execute(
            "SELECT dsr_id FROM dsrs_resource_dsr_total "
            f"WHERE resource_id IN ({ids}) UNION "
            f"SELECT dsr_id FROM dsrs_usage WHERE resource_id IN ({ids})"
        )
        dsr_ids = [dsr_id for (dsr_id,) in cursor.fetchall()]
        for table in ("dsrs_resource_total", "dsrs_resource_dsr_total"):
            cursor.execute(f"DELETE FROM {table} WHERE resource_id IN ({ids})")
        head_forget(cursor=cursor, head=RESOURCES, keys=ids)
        _delta_create(cursor, "dsrs_usage", where)
        _totals_change(cursor, _INSERT_SQL.format(delta=DELTA))
        head_settle(cursor=cursor, head=RESOURCES)
        cursor.execute(f"DROP TABLE {DELTA}")
        cursor.execute(_ROLLUP_INSERT_SQL.format(usages="dsrs_usage", where=where))
    rollup_totals_write(dsr_ids=dsr_ids)
    isrc_sums_refresh(resource_ids=resource_ids)


def _delta_create(cursor, usages_table: str, where: str) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {DELTA}")
    cursor.execute(_DELTA_SQL.format(delta=DELTA, usages=usages_table, where=where))
    cursor.execute(f"ANALYZE {DELTA}")
