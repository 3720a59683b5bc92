"""The top of a ranking kept apart from its totals (migration 0018).

A ranking read largest first (the percentile's per-resource totals, the
per-ISRC totals of unmatched revenue) needs its rows in revenue order, but an
index on a revenue that every import changes makes every update of a total
write new entries in every index (never HOT): 8 s of a 1M-row import and
10 s of a delete on a 10M archive, and more for the per-ISRC totals. Only the
top of a ranking is read in order, so only the top is kept in order: a head
table holds a copy of exactly the totals whose revenue is at least its floor
(and above 0), indexed in the answer's order; the totals themselves carry no
revenue index. Every statement that changes totals returns the changed rows,
and the head takes those at or above the floor (and lets go of those that
fell below it) in the same statement. Totals below the floor are never read
in order unless a read goes past the head.

A head that holds every total (floor 0) would take a whole large DSR's rows
one by one: before such a DSR's rows come (``head_brace``) it is closed
(floor infinite, empty) and filled afresh after them. After each import or
delete the head is settled: above twice ``target`` rows the floor rises to
the revenue of the ``target``-th row of the head itself; below ``target /
2`` rows (deletes) it falls to the ``target``-th row of the totals (one
top-N sort), or to 0 when there are fewer, where the head holds every row.
``target`` is ``HEAD_SHARE`` of the totals, at least ``HEAD_ROWS``. Rows
leave a head by ``DELETE``, never ``TRUNCATE``, whose lock would hold every
reader of the head until the writer commits.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.backends.utils import CursorWrapper

HEAD_ROWS = 20_000
HEAD_SHARE = 0.02
FLOORS = "dsrs_head_floor"


@dataclass(frozen=True)
class Head:
    """One ranking's head: its table, its totals and how they are ordered."""

    name: str
    table: str
    totals: str
    key: tuple[str, ...]
    values: tuple[str, ...]
    order: str

    @property
    def columns(self) -> str:
        return ", ".join(self.key + self.values)

    def kept(self, alias: str) -> str:
        """Whether the row ``alias`` belongs in the head."""
        return (
            f"({alias}.revenue_eur > 0 AND {alias}.revenue_eur >= "
            f"(SELECT floor FROM {FLOORS} WHERE head = '{self.name}'))"
        )

    def matches(self, left: str, right: str) -> str:
        return " AND ".join(f"{left}.{k} = {right}.{k}" for k in self.key)


RESOURCES = Head(
    name="resource",
    table="dsrs_resource_head",
    totals="dsrs_resource_total",
    key=("resource_id",),
    values=("dsp_id", "usages", "revenue_eur", "dsrs"),
    order="revenue_eur DESC, dsp_id ASC",
)
ISRCS = Head(
    name="isrc",
    table="dsrs_isrc_head",
    totals="dsrs_isrc_total",
    key=("isrc", "dsp", "dsp_id", "reported_isrc"),
    values=("usages", "revenue_eur", "dsrs"),
    order="revenue_eur DESC, isrc, dsp, dsp_id, reported_isrc",
)


def head_take_sql(*, head: Head, changed: str, may_fall: bool) -> list[str]:
    """CTE parts that copy the rows of the CTE ``changed`` (the changed totals,
    every column of ``head``) into the head; with ``may_fall``, the head also
    lets go of those now below its floor. Append them to a ``WITH``."""
    updates = ", ".join(f"{value} = EXCLUDED.{value}" for value in head.values)
    parts = [
        f"""{head.name}_head_in AS (
            INSERT INTO {head.table} AS h ({head.columns})
            SELECT {head.columns} FROM {changed} AS c WHERE {head.kept("c")}
            ON CONFLICT ({", ".join(head.key)}) DO UPDATE SET {updates}
        )"""
    ]
    if may_fall:
        parts.append(
            f"""{head.name}_head_out AS (
            DELETE FROM {head.table} AS h USING {changed} AS c
            WHERE {head.matches("h", "c")} AND NOT {head.kept("c")}
        )"""
        )
    return parts


def head_floor(*, cursor: CursorWrapper, head: Head) -> Decimal:
    """The head's floor: 0 when it holds every total above 0."""
    cursor.execute(f"SELECT floor FROM {FLOORS} WHERE head = %s", [head.name])
    return cursor.fetchone()[0]


def head_settle(*, cursor: CursorWrapper, head: Head) -> None:
    """Move the floor if the head has grown past twice its target or shrunk
    below half of it (see the module's docstring)."""
    floor = head_floor(cursor=cursor, head=head)
    if floor.is_infinite():
        head_rebuild(cursor=cursor, head=head)
        return
    target = _target(cursor, head)
    cursor.execute(f"SELECT count(*) FROM {head.table}")
    rows = cursor.fetchone()[0]
    if rows > 2 * target:
        _floor_move(cursor, head, _revenue_at(cursor, head.table, target))
        cursor.execute(f"DELETE FROM {head.table} AS h WHERE NOT {head.kept('h')}")
    elif rows < target // 2 and floor > 0:
        _floor_move(cursor, head, _revenue_at(cursor, head.totals, target))
        cursor.execute(
            f"INSERT INTO {head.table} ({head.columns}) "
            f"SELECT {head.columns} FROM {head.totals} AS t WHERE {head.kept('t')} "
            f"ON CONFLICT DO NOTHING"
        )


def head_brace(*, cursor: CursorWrapper, head: Head, rows: int) -> None:
    """Before up to ``rows`` totals change: close a head that holds every
    total when they would more than fill it (``head_settle`` refills it)."""
    if head_floor(cursor=cursor, head=head) == 0 and rows > _target(cursor, head):
        head_close(cursor=cursor, head=head)


def head_close(*, cursor: CursorWrapper, head: Head) -> None:
    """Empty the head and let no row in until ``head_rebuild``: for totals
    about to be written in bulk."""
    cursor.execute(f"DELETE FROM {head.table}")
    _floor_move(cursor, head, Decimal("Infinity"))


def head_rebuild(*, cursor: CursorWrapper, head: Head) -> None:
    """Fill the head afresh from the totals (for totals written in bulk)."""
    cursor.execute(f"DELETE FROM {head.table}")
    cursor.execute(f"ANALYZE {head.totals}")
    target = _target(cursor, head)
    _floor_move(cursor, head, _revenue_at(cursor, head.totals, target))
    cursor.execute(
        f"INSERT INTO {head.table} ({head.columns}) "
        f"SELECT {head.columns} FROM {head.totals} AS t WHERE {head.kept('t')}"
    )
    cursor.execute(f"ANALYZE {head.table}")


def _target(cursor: CursorWrapper, head: Head) -> int:
    cursor.execute(
        f"SELECT reltuples FROM pg_class WHERE oid = '{head.totals}'::regclass"
    )
    return max(HEAD_ROWS, int(cursor.fetchone()[0] * HEAD_SHARE))


def _revenue_at(cursor: CursorWrapper, table: str, rank: int) -> Decimal:
    """The revenue of the ``rank``-th largest row above 0 (0 if fewer)."""
    cursor.execute(
        f"SELECT revenue_eur FROM {table} WHERE revenue_eur > 0 "
        "ORDER BY revenue_eur DESC OFFSET %s LIMIT 1",
        [rank - 1],
    )
    found = cursor.fetchone()
    return Decimal(0) if found is None else found[0]


def _floor_move(cursor: CursorWrapper, head: Head, floor: Decimal) -> None:
    # As text: psycopg2 sends an infinite Decimal as NaN.
    cursor.execute(
        f"UPDATE {FLOORS} SET floor = %s::numeric WHERE head = %s",
        [str(floor), head.name],
    )


def head_statement(*, head: Head, changing: str, alias: str, may_fall: bool) -> str:
    """``changing`` (an INSERT, UPDATE or DELETE of ``head``'s totals, target
    aliased ``alias``), made to carry the rows it changes into the head."""
    returned = ", ".join(f"{alias}.{column}" for column in head.key + head.values)
    parts = head_take_sql(head=head, changed="changed", may_fall=may_fall)
    return (
        f"WITH changed AS ({changing} RETURNING {returned}), {', '.join(parts)} "
        "SELECT count(*) FROM changed"
    )


def head_forget(*, cursor: CursorWrapper, head: Head, keys: str) -> None:
    """Drop from the head the rows whose key is in the query ``keys``."""
    cursor.execute(
        f"DELETE FROM {head.table} WHERE ({', '.join(head.key)}) IN ({keys})"
    )
