"""The percentile's ordered per-resource sums on SQLite, in exact ``Decimal``.

SQLite has no decimal type: amounts are stored as text and its sums are
floats, which cannot decide "strictly less than N % of the total". So the
sums are made by an aggregate function written in Python over ``Decimal``,
which returns an order-preserving text (``decimal_sort_key``): SQLite groups
and sorts, Python adds, and the rows stream like PostgreSQL's.
"""

from collections.abc import Iterator
from decimal import Context, Decimal

from django.db import connection

from dsrs.rules.percentile import EXACT
from dsrs.rules.selection import SELECTED_DSRS_SQL, DSRSelection

FETCH_ROWS = 2000

Ranked = Iterator[tuple[Decimal, tuple]]

# A usage's EUR amount is revenue / rate rounded to this many significant
# digits (PostgreSQL's numeric division keeps at least as many decimal places
# as the revenue has); the sums of those amounts are exact.
EUR_DIGITS = 60
_DIVISION = Context(prec=EUR_DIGITS)

_KEY_EXPONENT_DIGITS = 6
_KEY_EXPONENT_OFFSET = 10**5

_USAGES_TOTAL_SQL = f"""
    WITH selected_dsrs AS ({SELECTED_DSRS_SQL})
    SELECT dsrs_eur_sum(u.revenue, d.eur_rate)
    FROM dsrs_usage AS u
    JOIN selected_dsrs AS d ON d.id = u.dsr_id
"""

_USAGES_RANKED_SQL = f"""
    WITH selected_dsrs AS ({SELECTED_DSRS_SQL}),
    per_resource AS (
        SELECT u.resource_id, SUM(u.usages) AS usages,
               dsrs_eur_sum(u.revenue, d.eur_rate) AS revenue,
               group_concat(DISTINCT u.dsr_id) AS dsrs
        FROM dsrs_usage AS u
        JOIN selected_dsrs AS d ON d.id = u.dsr_id
        GROUP BY u.resource_id
    )
    SELECT r.dsp_id, r.title, r.artists, r.isrc, p.usages, p.revenue, p.dsrs
    FROM per_resource AS p
    JOIN dsrs_resource AS r ON r.id = p.resource_id
    WHERE p.revenue IS NOT NULL
    ORDER BY p.revenue DESC, r.dsp_id ASC
"""


def decimal_sort_key(value: Decimal) -> str:
    """A text that sorts like the positive ``value`` and gives it back exactly.

    The decimal exponent of the first digit (offset, fixed width), then the
    digits without trailing zeros: byte order is numeric order.
    """
    _, digits, _ = value.normalize(EXACT).as_tuple()
    exponent = value.adjusted() + _KEY_EXPONENT_OFFSET
    return f"{exponent:0{_KEY_EXPONENT_DIGITS}d}" + "".join(map(str, digits))


def decimal_from_sort_key(key: str) -> Decimal:
    exponent = int(key[:_KEY_EXPONENT_DIGITS]) - _KEY_EXPONENT_OFFSET
    digits = tuple(map(int, key[_KEY_EXPONENT_DIGITS:]))
    return Decimal((0, digits, exponent - len(digits) + 1))


class EurSum:
    """SQLite aggregate: the exact sum of revenue / rate; NULL unless above 0."""

    def __init__(self):
        self.total = Decimal(0)

    def step(self, revenue: str, rate: str) -> None:
        amount = _DIVISION.divide(Decimal(revenue), Decimal(rate))
        self.total = EXACT.add(self.total, amount)

    def finalize(self) -> str | None:
        return decimal_sort_key(self.total) if self.total > 0 else None


def functions_register(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: define ``dsrs_eur_sum`` on SQLite.

    Once per connection: SQLite refuses to redefine a function while a
    statement is open, as it is while an answer streams.
    """
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("dsrs_eur_sum", 2, EurSum)


def answer_open(
    *, selection: DSRSelection, number: int
) -> tuple[Decimal, Ranked] | None:
    """The answer's total EUR revenue and its (revenue, row) pairs, read lazily.

    None when there is no revenue.
    """
    condition, params = selection.sql()
    with connection.cursor() as cursor:
        cursor.execute(_USAGES_TOTAL_SQL.format(condition=condition), params)
        key = cursor.fetchone()[0]
    if key is None:
        return None
    ranked = _ranked(_USAGES_RANKED_SQL.format(condition=condition), params)
    return decimal_from_sort_key(key), ranked


def _ranked(sql: str, params: dict[str, object]) -> Ranked:
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(FETCH_ROWS):
            for dsp_id, title, artists, isrc, usages, key, dsrs in rows:
                revenue = decimal_from_sort_key(key)
                dsr_ids = sorted(int(dsr_id) for dsr_id in dsrs.split(","))
                yield revenue, (dsp_id, title, artists, isrc, usages, revenue, dsr_ids)
