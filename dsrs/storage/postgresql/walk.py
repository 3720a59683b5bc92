"""The top of the unfiltered ranking, walked in the answer's order to the cut.

The top of the per-resource totals is readable in the answer's order (their
head, ``heads.RESOURCES``, migration 0018) and their total revenue is kept
per DSR (``rollup_totals``), so a top answer reads only its own rows:
the walk sums the revenues from the top, one index entry at a time, and
stops at the first row ``PERCENTILE_CUT_SQL`` leaves out, the cut of
``dsrs.rules.percentile.percentile_cut`` (a test holds them equal). Large
answers (past ``WALK_SHARE`` of the rows, at least ``WALK_ROWS``) cost less
read whole: the walk gives up there, or where the head ends before the cut,
and the answer is made as before.
"""

from decimal import Decimal

from django.db.backends.utils import CursorWrapper

from dsrs.rules.percentile import PERCENTILE_CUT_SQL
from dsrs.storage.postgresql.heads import RESOURCES, head_floor
from dsrs.storage.postgresql.rollup_totals import revenue_total

HEAD_ROWS_SQL = f"SELECT {RESOURCES.columns} FROM {RESOURCES.table}"


def resources_probed(*, rows: str) -> str:
    """The resources of a walk's rows (FROM item ``rows``), joined as ``r``
    by one probe of their key each. Joined plainly, the planner merges the
    few rows along the whole key index instead (3,804 rows of 1M resources:
    0.19-0.25 s against 0.01 s)."""
    return f"""CROSS JOIN LATERAL (
        SELECT title, artists, isrc FROM dsrs_resource AS r
        WHERE r.id = {rows}.resource_id LIMIT 1
    ) AS r"""


# Rows of the answer past which sorting every row costs less than walking:
# a share of the totals (the planner's estimate), at least WALK_ROWS. A row
# walked and read costs about ten of a full pass (2M usages, 151k of 2M rows
# walked: 6.7 s against 4.3 s the full way; 7.5k walked: 0.4 s against 2.4 s).
WALK_SHARE = 0.01
WALK_ROWS = 10_000
_ESTIMATE_SQL = (
    "SELECT reltuples FROM pg_class WHERE oid = 'dsrs_resource_total'::regclass"
)

# The first row the cut leaves out (or the first past the walk), and its rank.
# The outer ORDER BY is the window's: the rows come in it, and the LIMIT
# stops the index scan at the first match.
_CUT_ROW_SQL = f"""
    SELECT rank FROM (
        SELECT revenue_eur, dsp_id, row_number() OVER ranking AS rank,
               SUM(revenue_eur) OVER ranking AS before
        FROM dsrs_resource_head
        WINDOW ranking AS (
            ORDER BY revenue_eur DESC, dsp_id ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
        )
    ) AS ranked
    WHERE rank > %(walk)s OR NOT (
        {PERCENTILE_CUT_SQL.format(revenue="revenue_eur", before="before")}
    )
    ORDER BY revenue_eur DESC, dsp_id ASC
    LIMIT 1
"""


def top_rows_walk(
    *, cursor: CursorWrapper, number: int
) -> tuple[Decimal | None, int] | None:
    """The total revenue of all DSRs and how many top rows the answer holds.

    None when the answer holds more rows than the walk reads (see
    ``WALK_SHARE``) or than the head holds; every row above 0 when the
    head holds them all and the answer does too. Rows ranked past the count
    are outside the answer: read them from the head (``HEAD_ROWS_SQL``) ``LIMIT``
    the count, in the same snapshot.
    """
    total = revenue_total()
    if total is None:
        return None, 0
    cursor.execute(_ESTIMATE_SQL)
    walk = max(WALK_ROWS, int(cursor.fetchone()[0] * WALK_SHARE))
    params = {"total": total, "number": number, "walk": walk}
    cursor.execute(_CUT_ROW_SQL, params)
    found = cursor.fetchone()
    if found is None:
        # The head ended first: the answer is every row above 0 if it holds
        # them all; past it otherwise.
        if head_floor(cursor=cursor, head=RESOURCES) > 0:
            return None
        cursor.execute(f"SELECT count(*) FROM {RESOURCES.table}")
        return total, cursor.fetchone()[0]
    (rank,) = found
    return None if rank > walk else (total, rank - 1)
