"""Per-ISRC EUR sums read largest first, from the tables ``isrc_sums`` keeps.

With no DSR selection the walk follows the head of the all-DSR totals
(``heads.ISRCS``, read in its index's order) and stops as soon as the
caller holds what it wants; with one, the selected DSRs' per-DSR rows are
added up by key (no usage is read) and sorted. Either way the rows come
through one server-side cursor, in growing batches, in one snapshot.
"""

from collections.abc import Callable, Sequence
from decimal import Decimal

from django.db import connection, transaction

from dsrs.storage.postgresql.heads import ISRCS
from dsrs.storage.sql import ISRCRevenue

FIRST_BATCH = 200
LAST_BATCH = 20_000

_KEY = "isrc, dsp, dsp_id, reported_isrc"
# The head (``heads.ISRCS``) in its index's order, then, only if read past,
# the totals it leaves out sorted: together, every total in the answer's
# order, read in one statement (one snapshot). Append runs its parts in turn.
_ALL_SQL = f"""
    (SELECT {_KEY}, usages, revenue_eur FROM {ISRCS.table}
     ORDER BY {ISRCS.order})
    UNION ALL
    (SELECT {_KEY}, usages, revenue_eur FROM {ISRCS.totals} AS t
     WHERE NOT {ISRCS.kept("t")}
     ORDER BY {ISRCS.order})
"""
# The selected DSRs' parts summed by key: a valid ISRC's parts (the other
# key fields '') grouped on the ISRC alone, a narrower hash than the four
# fields the few lines without one need.
_SELECTED_SQL = f"""
    SELECT * FROM (
        SELECT isrc, '' COLLATE "C" AS dsp, '' COLLATE "C" AS dsp_id,
               '' COLLATE "C" AS reported_isrc,
               SUM(usages), SUM(revenue_eur) AS revenue_eur
        FROM dsrs_isrc_dsr_total WHERE dsr_id = ANY(%(ids)s) AND isrc <> ''
        GROUP BY isrc
        UNION ALL
        SELECT {_KEY}, SUM(usages), SUM(revenue_eur) AS revenue_eur
        FROM dsrs_isrc_dsr_total WHERE dsr_id = ANY(%(ids)s) AND isrc = ''
        GROUP BY {_KEY}
    ) AS summed
    ORDER BY revenue_eur DESC, {_KEY}
"""


def isrc_revenue_walk(
    *,
    dsr_ids: Sequence[int] | None,
    wanted: int,
    keep: Callable[[list[ISRCRevenue]], list],
) -> list:
    """What ``keep`` keeps of the rows, largest EUR first (ties by ISRC, DSP,
    DSP id, reported ISRC), until it has kept ``wanted`` or the rows end.

    ``dsr_ids`` ``None`` is every ingested DSR.
    """
    kept: list = []
    if dsr_ids is not None and not dsr_ids:
        return kept
    batch = max(FIRST_BATCH, wanted)
    with transaction.atomic(), connection.cursor() as plain:
        # The first rows matter, not the whole: the planner walks the index.
        plain.execute("SET LOCAL cursor_tuple_fraction = 0.001")
        cursor = connection.chunked_cursor()
        if dsr_ids is None:
            cursor.execute(_ALL_SQL)
        else:
            # A million keys hashed in memory, not in batches on disk.
            plain.execute("SET LOCAL work_mem = '256MB'")
            cursor.execute(_SELECTED_SQL, {"ids": list(dsr_ids)})
        while len(kept) < wanted:
            rows = cursor.fetchmany(batch)
            kept += keep([ISRCRevenue(*row) for row in rows])
            if len(rows) < batch:
                break
            batch = min(2 * batch, LAST_BATCH)
        cursor.close()
    return kept[:wanted]


def isrc_revenue_total(*, dsr_ids: Sequence[int] | None) -> Decimal:
    """The sum of every per-(DSR, key) EUR part of these DSRs (``None``: all)."""
    query = "SELECT COALESCE(SUM(revenue_eur), 0) FROM dsrs_isrc_dsr_sum"
    params: list = []
    if dsr_ids is not None:
        query += " WHERE dsr_id = ANY(%s)"
        params = [list(dsr_ids)]
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchone()[0]
