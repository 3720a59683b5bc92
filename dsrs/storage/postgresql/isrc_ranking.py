"""Per-ISRC EUR sums read largest first, from the tables ``isrc_sums`` keeps.

With no DSR selection the walk follows the head of the all-DSR totals
(``heads.ISRCS``, read in its index's order) and stops as soon as the
caller holds what it wants; with a territory alone, it follows that
territory's totals in their index's order; with period filters, the
selected DSRs' parts are added up by key (no usage is read) and sorted.
Either way the rows come through server-side cursors, in growing batches,
in one snapshot.

DSRs ingested but not folded yet (``isrc_sums.isrc_sums_pending``) have their
parts computed from their usages into a temporary table, by the statement
the fold stores them with; the answer adds them in. Walking totals, the keys
they touch are read apart (their folded totals plus the pending parts,
sorted) and merged with the walk of every other total.
"""

import heapq
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

from django.db import connection, transaction

from dsrs.storage.postgresql.heads import ISRCS
from dsrs.storage.postgresql.isrc_parts import (
    KEY,
    PART_COLUMNS,
    isrc_parts_done,
    isrc_parts_sql,
    key_match_sql,
    key_sql,
)
from dsrs.storage.postgresql.isrc_sums import isrc_sums_pending
from dsrs.storage.postgresql.session import session_tune, snapshot_begin
from dsrs.storage.sql import ISRCRevenue

FIRST_BATCH = 200
LAST_BATCH = 20_000
PENDING = "dsrs_isrc_pending"

_KEY_MATCH = key_match_sql(left="p", right="t")
_NOT_PENDING = f"NOT EXISTS (SELECT 1 FROM {PENDING} AS p WHERE {_KEY_MATCH})"
# The head (``heads.ISRCS``) in its index's order, then, only if read past,
# the totals it leaves out sorted: together, every total in the answer's
# order, read in one statement (one snapshot). Append runs its parts in turn.
_ALL_SQL = f"""
    (SELECT {KEY}, usages, revenue_eur FROM {ISRCS.table} AS t {{head_where}}
     ORDER BY {ISRCS.order})
    UNION ALL
    (SELECT {KEY}, usages, revenue_eur FROM {ISRCS.totals} AS t
     WHERE NOT {ISRCS.kept("t")} {{rest_where}}
     ORDER BY {ISRCS.order})
"""
# One territory's totals in the answer's order (its index's).
_TERRITORY_SQL = f"""
    SELECT {KEY}, usages, revenue_eur FROM dsrs_isrc_territory_total AS t
    WHERE territory_id = %(territory)s {{rest_where}}
    ORDER BY territory_id, {ISRCS.order}
"""
_TERRITORY_DSRS_SQL = (
    "SELECT id FROM dsrs_dsr WHERE status = 'ingested' AND territory_id = %s"
)
# The keys pending DSRs touch: their folded totals plus the pending parts.
_TOUCHED_SQL = f"""
    SELECT {key_sql(alias="p")},
           COALESCE(t.usages, 0) + p.usages AS usages,
           COALESCE(t.revenue_eur, 0) + p.revenue_eur AS revenue_eur
    FROM (SELECT {KEY}, SUM(usages) AS usages, SUM(revenue_eur) AS revenue_eur
          FROM {PENDING} GROUP BY {KEY}) AS p
    LEFT JOIN {{totals}} AS t ON {_KEY_MATCH} {{territory_match}}
    ORDER BY revenue_eur DESC, {KEY}
"""
# The selected DSRs' parts summed by key: a valid ISRC's parts (the other
# key fields '') grouped on the ISRC alone, a narrower hash than the four
# fields the few lines without one need.
_SELECTED_SQL = f"""
    SELECT * FROM (
        SELECT isrc, '' COLLATE "C" AS dsp, '' COLLATE "C" AS dsp_id,
               '' COLLATE "C" AS reported_isrc,
               SUM(usages), SUM(revenue_eur) AS revenue_eur
        FROM ({{parts}}) AS selected WHERE isrc <> ''
        GROUP BY isrc
        UNION ALL
        SELECT {KEY}, SUM(usages), SUM(revenue_eur) AS revenue_eur
        FROM ({{parts}}) AS selected WHERE isrc = ''
        GROUP BY {KEY}
    ) AS summed
    ORDER BY revenue_eur DESC, {KEY}
"""
_FOLDED_PARTS = (
    f"SELECT {PART_COLUMNS} FROM dsrs_isrc_dsr_total WHERE dsr_id = ANY(%(ids)s)"
)
_PENDING_TABLE_SQL = f"""
    CREATE TEMPORARY TABLE {PENDING} (
        dsr_id bigint, isrc text COLLATE "C", dsp text COLLATE "C",
        dsp_id text COLLATE "C", reported_isrc text COLLATE "C",
        usages bigint, revenue numeric, revenue_eur numeric
    ) ON COMMIT DROP
"""


def isrc_revenue_walk(
    *,
    dsr_ids: Sequence[int] | None,
    territory_id: int | None = None,
    wanted: int,
    keep: Callable[[list[ISRCRevenue]], list],
) -> tuple[list, Decimal]:
    """What ``keep`` keeps of the rows, largest EUR first (ties by ISRC, DSP,
    DSP id, reported ISRC), until it has kept ``wanted`` or the rows end; and
    the sum of every per-(DSR, key) EUR part of these DSRs, in the same
    snapshot.

    ``dsr_ids`` ``None`` is every ingested DSR. With ``territory_id``, the
    selection is every ingested DSR of that territory, read in the walk's
    snapshot (``dsr_ids`` is then ignored), and the walk reads the
    territory's totals.
    """
    if dsr_ids is not None and not dsr_ids:
        return [], Decimal(0)
    # The isolation level can only be set before a transaction's first query;
    # inside an outer transaction, that transaction decides.
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost:
            snapshot_begin()
        with connection.cursor() as plain:
            # The first rows matter, not the whole: the planner walks the index.
            plain.execute("SET LOCAL cursor_tuple_fraction = 0.001")
            if territory_id is not None:
                plain.execute(_TERRITORY_DSRS_SQL, [territory_id])
                dsr_ids = [dsr_id for (dsr_id,) in plain.fetchall()]
            pending = isrc_sums_pending(cursor=plain, dsr_ids=dsr_ids)
            if pending:
                session_tune()
                _pending_compute(plain, pending)
            if dsr_ids is None or territory_id is not None:
                rows = _ranked_rows(territory_id=territory_id, pending=bool(pending))
            else:
                # A million keys hashed in memory, not in batches on disk.
                plain.execute("SET LOCAL work_mem = '256MB'")
                rows = _selected_rows(dsr_ids=dsr_ids, pending=bool(pending))
            kept = _rows_kept(rows, wanted=wanted, keep=keep)
            total = _total(plain, dsr_ids=dsr_ids, pending=bool(pending))
            # Dropped at commit anyway; inside an outer transaction, now.
            plain.execute(f"DROP TABLE IF EXISTS {PENDING}")
    return kept, total


def _pending_compute(cursor, pending: list[int]) -> None:
    """The parts of the pending DSRs, from their usages, into ``PENDING``."""
    cursor.execute(f"DROP TABLE IF EXISTS {PENDING}")
    cursor.execute(_PENDING_TABLE_SQL)
    parts = isrc_parts_sql(cursor=cursor, dsr_ids=pending, usages_table="dsrs_usage")
    cursor.execute(
        f"{parts} INSERT INTO {PENDING} ({PART_COLUMNS}) "
        f"SELECT {PART_COLUMNS} FROM parts"
    )
    isrc_parts_done(cursor=cursor)
    cursor.execute(f"CREATE INDEX ON {PENDING} ({KEY})")
    cursor.execute(f"ANALYZE {PENDING}")


def _ranked_rows(*, territory_id: int | None, pending: bool) -> Iterator[tuple]:
    """The walk of the all-DSR totals (``None``) or a territory's; with
    pending parts, the keys they touch merged with the walk of the others."""
    params = {"territory": territory_id}
    if territory_id is None:
        walk = _ALL_SQL.format(head_where="", rest_where="")
        totals, territory_match = ISRCS.totals, ""
    else:
        walk = _TERRITORY_SQL.format(rest_where="")
        totals = "dsrs_isrc_territory_total"
        territory_match = "AND t.territory_id = %(territory)s"
    if not pending:
        yield from _streamed(walk, params)
        return
    if territory_id is None:
        walk = _ALL_SQL.format(
            head_where=f"WHERE {_NOT_PENDING}", rest_where=f"AND {_NOT_PENDING}"
        )
    else:
        walk = _TERRITORY_SQL.format(rest_where=f"AND {_NOT_PENDING}")
    touched = _TOUCHED_SQL.format(totals=totals, territory_match=territory_match)
    streams = [_streamed(touched, params), _streamed(walk, params)]
    try:
        yield from heapq.merge(*streams, key=_answer_order)
    finally:
        for stream in streams:
            stream.close()


def _selected_rows(*, dsr_ids: Sequence[int], pending: bool) -> Iterator[tuple]:
    parts = _FOLDED_PARTS
    if pending:
        parts += f" UNION ALL SELECT {PART_COLUMNS} FROM {PENDING}"
    yield from _streamed(_SELECTED_SQL.format(parts=parts), {"ids": list(dsr_ids)})


def _answer_order(row: tuple) -> tuple:
    """The answer's order: EUR descending, then the key (collation "C", the
    order of Python's ``str``)."""
    isrc, dsp, dsp_id, reported, _usages, revenue_eur = row
    return (-revenue_eur, isrc, dsp, dsp_id, reported)


def _streamed(query: str, params: dict | None = None) -> Iterator[tuple]:
    """The rows of ``query`` through a server-side cursor, in growing batches."""
    cursor = connection.chunked_cursor()
    try:
        cursor.execute(query, params)
        batch = FIRST_BATCH
        while rows := cursor.fetchmany(batch):
            yield from rows
            batch = min(2 * batch, LAST_BATCH)
    finally:
        cursor.close()


def _rows_kept(
    rows: Iterator[tuple], *, wanted: int, keep: Callable[[list[ISRCRevenue]], list]
) -> list:
    kept: list = []
    batch: list[ISRCRevenue] = []
    size = max(FIRST_BATCH, wanted)
    for row in rows:
        batch.append(ISRCRevenue(*row))
        if len(batch) == size:
            kept += keep(batch)
            if len(kept) >= wanted:
                break
            batch, size = [], min(2 * size, LAST_BATCH)
    else:
        kept += keep(batch)
    rows.close()
    return kept[:wanted]


def _total(cursor, *, dsr_ids: Sequence[int] | None, pending: bool) -> Decimal:
    """The sum of every per-(DSR, key) EUR part of these DSRs (``None``: all)."""
    query = "SELECT revenue_eur FROM dsrs_isrc_dsr_sum"
    params: list = []
    if dsr_ids is not None:
        query += " WHERE dsr_id = ANY(%s)"
        params = [list(dsr_ids)]
    if pending:
        query += f" UNION ALL SELECT revenue_eur FROM {PENDING}"
    cursor.execute(
        f"SELECT COALESCE(SUM(revenue_eur), 0) FROM ({query}) AS parts", params
    )
    return cursor.fetchone()[0]
