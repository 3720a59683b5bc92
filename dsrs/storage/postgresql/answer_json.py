"""The percentile answer rendered by PostgreSQL, byte for byte DRF's JSON.

Rendering a million items in Python cost most of a large answer's time (and
a server-side cursor keeps the query from running in parallel). Here
PostgreSQL writes the JSON text of each item but its revenue in the parallel
part of the query, applies the cut of the percentile rule to each ranked row
(``PERCENTILE_CUT_SQL``), and the rows are copied out (``copy_out``): Python
writes the revenues' floats and joins pieces of text.

The text is what ``ResourceSerializer`` and ``JSONRenderer`` (compact,
``ensure_ascii`` off) write, which ``tests/dsrs/storage/postgresql`` pins on
awkward texts and revenues:

- strings: quoted as they are unless they hold a character the encoder
  escapes (below U+0020, ``"`` and ``\\``; and U+2028, U+2029, which the
  renderer escapes after encoding), then ``to_json``, whose escapes are
  those of Python's ``json`` module;
- the revenue: PostgreSQL's ``float8`` of the EUR sum (correctly rounded,
  as Python's ``float`` of a ``Decimal`` is) in its shortest text that
  reads back exactly (``extra_float_digits`` 1), which is ``float.__repr__``'s
  wherever PostgreSQL writes it with a "." and no exponent (``FLOAT_SQL``);
  any other is marked, and Python writes that float;
- the DSR ids: ``[1,2]``.
"""

from collections.abc import Callable, Iterator
from decimal import Context, Decimal

from django.db import connection

from dsrs.rules.percentile import PERCENTILE_CUT_SQL
from dsrs.rules.selection import DSRSelection
from dsrs.storage.postgresql.copy_out import copy_rows
from dsrs.storage.postgresql.ranking import (
    BANDS,
    EVERY,
    SESSION_SQL,
    Band,
    answer_walk,
    bands_kept,
    bands_read,
    source_choose,
    top_share_exceeded,
)
from dsrs.storage.postgresql.walk import HEAD_ROWS_SQL, resources_probed

_SPECIAL = r"""E'[\\x01-\\x1f"\\\\\u2028\u2029]'"""
_STRINGS = ("s.dsp_id", "r.title", "r.artists", "r.isrc")
_KEYS = ("dsp_id", "title", "artists", "isrc")


def _quoted(column: str) -> str:
    """The column as a JSON string, when it holds a character to escape."""
    return (
        f"replace(replace(to_json({column}::text)::text, "
        "U&'\\2028', '\\u2028'), U&'\\2029', '\\u2029')"
    )


def _plain(column: str) -> str:
    """The column as a JSON string, when it holds none."""
    return f"'\"', {column}, '\"'"


def _strings(value: Callable[[str], str]) -> str:
    """``{"dsp_id":…,"isrc":…`` with each string written by ``value``."""
    pieces = (
        f"'{'{' if i == 0 else ','}\"{key}\":', {value(column)}"
        for i, (key, column) in enumerate(zip(_KEYS, _STRINGS, strict=True))
    )
    return f"concat({', '.join(pieces)})"


# The item up to its revenue, and after it.
HEAD_SQL = f"""
    CASE WHEN concat({", ".join(_STRINGS)}) ~ {_SPECIAL}
        THEN {_strings(_quoted)} ELSE {_strings(_plain)} END
    || concat(',"usages":', s.usages, ',"revenue":')
"""
TAIL_SQL = """concat(',"dsrs":', translate(s.dsrs::text, '{}', '[]'), '}')"""
# Where both write a float with a "." and no exponent (1e-4 <= x < 1e15,
# not a whole number), PostgreSQL's shortest text is Python's repr: both
# write the fewest digits that read back as the float and, of those, the
# nearest, and the even last digit where two are equally near (1 + 2**-17,
# 1.00000762939453125, is written ...312). Every other text is put between
# two MARK bytes, for Python to write (``floats_written``).
MARK = b"\x01"
FLOAT_SQL = (
    "regexp_replace(s.revenue_eur::float8::text, '^([^.]*|.*e.*)$', E'\\x01\\\\1\\x01')"
)
# The answer's order, of rows with these two columns.
_ORDER = "revenue_eur DESC, dsp_id ASC"
# Ranked rows (``{ranked}``, replaced: a FROM item ``s``) with their items,
# their resources joined as ``{resources}`` (replaced) says.
_ITEMS_SQL = f"""
    SELECT s.revenue_eur, s.dsp_id, {HEAD_SQL} || {FLOAT_SQL} || {TAIL_SQL} AS item
    FROM {{ranked}} {{resources}}
    WHERE s.revenue_eur > 0
"""
_JOINED = "JOIN dsrs_resource AS r ON r.id = s.resource_id"
# Sorted in the subquery, so the items are made before the sort, in the
# query's parallel part; the outer ORDER BY costs nothing (rows come sorted).
_UNCUT_SQL = f"""
    SELECT item FROM (
        {_ITEMS_SQL} ORDER BY {_ORDER}
    ) AS ordered
    ORDER BY {_ORDER}
"""
_CUT_SQL = f"""
    SELECT item FROM (
        SELECT item, revenue_eur, dsp_id,
               SUM(revenue_eur) OVER (
                   ORDER BY {_ORDER}
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
               ) AS before
        FROM ({_ITEMS_SQL} ORDER BY {_ORDER}) AS ordered
    ) AS cut
    WHERE {PERCENTILE_CUT_SQL.format(revenue="revenue_eur", before="before")}
    ORDER BY {_ORDER}
"""
_ALL = "({source}) AS s"
# The rows of the top bands, and a few below: every row whose revenue is at
# least the floor of the lowest band kept (a comparison of numerics, where
# the band takes a float conversion and a logarithm per row). A filter, not
# a top-N sort, which costs more than a full sort for large N. These rows are
# the top of the ranking, so the cut among them is the cut among all.
_TOP = """(
    SELECT * FROM ({source}) AS top
    WHERE revenue_eur > 0 AND revenue_eur >= %(floor)s::numeric
) AS s"""
# Below the band's lower edge by 1 %: rows of that band, their revenue
# rounded to a float, are above the floor.
_FLOOR_MARGIN = Decimal("0.01")
_FLOOR_CONTEXT = Context(prec=20)

# The top rows the walk counted (``walk``): the answer, no cut to make.
_LIMITED = """(
    SELECT * FROM ({source}) AS top
    WHERE revenue_eur > 0
    ORDER BY revenue_eur DESC, dsp_id ASC
    LIMIT %(limit)s
) AS s"""


def answer_json_open(*, selection: DSRSelection, number: int) -> Iterator[bytes]:
    """The answer's items as JSON, comma-separated, in pieces; no brackets.

    Call inside the answer's transaction (``REPEATABLE READ``: the total, the
    walk or the bands, and the rows must be read in one snapshot), and read
    the pieces there.
    """
    with connection.cursor() as cursor:
        for sql in SESSION_SQL:
            cursor.execute(sql)
        # Floats written with the digits that read back exactly.
        cursor.execute("SET LOCAL extra_float_digits = 1")
        source = source_choose(cursor=cursor, selection=selection)
        if source is None:
            return iter(())
        # Every resource with revenue above 0 is in the top 100 % (the
        # revenue before it is less than the total): no total, no cut.
        if number == EVERY:
            return _pieces(source=source.sql, cut=False, params={})
        if walked := answer_walk(cursor, source, number):
            total, rows = walked
            if total is None or not rows:
                return iter(())
            ranked = _LIMITED.format(source=HEAD_ROWS_SQL)
            answer = _UNCUT_SQL.replace("{ranked}", ranked).replace(
                "{resources}", resources_probed(rows="s")
            )
            return _copied(answer, {"limit": rows})
        if not source.stored:
            cursor.execute(source.total_sql)
            total, floor = cursor.fetchone()[0], None
        else:
            bands, total = bands_read(cursor=cursor, source=source)
            floor = None if total is None else _floor(bands, total, number)
    if total is None:
        return iter(())
    params = {"total": total, "number": number, "floor": floor}
    return _pieces(source=source.sql, cut=True, params=params)


def _floor(bands: list[Band], total: Decimal, number: int) -> Decimal | None:
    """A revenue below the rows of the bands the cut keeps, and above most
    rows of the others; None when sorting every row costs less."""
    kept = bands_kept(bands=bands, total=total, number=number)
    rows = sum(band.count for band in kept)
    if top_share_exceeded(bands=bands, rows=rows):
        return None
    low, high, count = BANDS
    band = kept[-1].number  # 0: below the lowest edge
    if band == 0:
        return Decimal(0)
    edge = Decimal(low) + (Decimal(high - low) / count) * (band - 1)
    return (edge - _FLOOR_MARGIN).exp(_FLOOR_CONTEXT)


def _pieces(*, source: str, cut: bool, params: dict[str, object]) -> Iterator[bytes]:
    """The rows from the revenue ``floor`` up, or all rows, cut or not.

    The kept bands hold the cut: their revenue reaches the share (the bands
    and the rows are read in one snapshot).
    """
    ranked = (_ALL if params.get("floor") is None else _TOP).format(source=source)
    answer = (_CUT_SQL if cut else _UNCUT_SQL).replace("{ranked}", ranked)
    return _copied(answer.replace("{resources}", _JOINED), params)


def _copied(sql: str, params: dict[str, object]) -> Iterator[bytes]:
    for piece in copy_rows(sql=sql, params=params):
        # COPY's text format doubles backslashes; items hold no other
        # character it escapes (nor tabs or newlines: those are escaped).
        # Bytes throughout: no UTF-8 byte of another character is one of
        # these or MARK.
        items = piece[:-1].replace(b"\\\\", b"\\").replace(b"\n", b",")
        yield floats_written(items) if MARK in items else items


def floats_written(items: bytes) -> bytes:
    """``items`` with each float between MARK bytes written by Python."""
    parts = items.split(MARK)
    # Finite: PostgreSQL refuses a float8 out of range.
    parts[1::2] = [float(text).__repr__().encode() for text in parts[1::2]]
    return b"".join(parts)
