"""The top-percentile rule: the resources that make up N% of EUR revenue.

1. Usages of the selected DSRs (``DSRSelection``: ingested, filters).
2. Per resource: usages summed; revenue converted to EUR with each DSR's
   stored rate (revenue / eur_rate) and summed.
3. Resources ordered by EUR revenue descending, ties by dsp_id ascending
   (byte order).
4. The cut (``dsrs.rules.percentile.percentile_cut``): a resource with EUR
   revenue above 0 belongs to the top N percent when the revenue of the
   resources before it is strictly less than N% of the total.

Steps 1-3 are each database's (``answer_open`` of ``dsrs.storage``): both
stream the ordered sums exactly; step 4 is one Python function for both.
PostgreSQL can also render the answer's JSON and make the cut itself, by
the same rule written in SQL beside the function
(``resource_json_top_percentile``).
"""

from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.db import connection, transaction

from dsrs.rules.percentile import percentile_cut, percentile_number_check
from dsrs.rules.selection import DSRSelection
from dsrs.storage import storage

PLAN_UNAVAILABLE = "query plans are PostgreSQL's: this database shows none"


class ResourceRevenue(NamedTuple):
    """One resource of an answer; a tuple, built a million times per answer."""

    dsp_id: str
    title: str
    artists: str
    isrc: str
    usages: int
    revenue: Decimal  # EUR
    dsrs: list[int]


def resource_iter_top_percentile(
    *,
    number: int,
    territory: str | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
) -> Iterator[ResourceRevenue]:
    """The resources making up the top ``number`` percent of EUR revenue.

    ``territory`` is an ISO alpha-2 code; DSRs count when their period lies
    within ``period_start``..``period_end`` (either bound optional). Read
    lazily from a server-side cursor, in one snapshot: memory does not grow
    with the answer. Close the iterator to stop early.
    """
    percentile_number_check(number=number)
    selection = DSRSelection(
        territory=territory, period_start=period_start, period_end=period_end
    )
    return _answer(number, selection)


def resource_list_top_percentile(
    *,
    number: int,
    territory: str | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
) -> list[ResourceRevenue]:
    """``resource_iter_top_percentile`` as a list."""
    return list(
        resource_iter_top_percentile(
            number=number,
            territory=territory,
            period_start=period_start,
            period_end=period_end,
        )
    )


def resource_json_top_percentile(
    *,
    number: int,
    territory: str | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
) -> Iterator[bytes] | None:
    """``resource_iter_top_percentile`` as compact JSON, in pieces.

    The JSON ``ResourceSerializer`` and a compact ``JSONRenderer`` with
    ``UNICODE_JSON`` write. Each piece holds whole items joined by commas,
    without the brackets (see ``common.json_stream.json_pieces_response``).
    None where the database does not render answers (SQLite, or
    ``DSRS_PERCENTILE_JSON_IN_SQL`` off): render the resources instead.
    """
    percentile_number_check(number=number)
    answer_json_open = storage().answer_json_open
    if not (answer_json_open and settings.DSRS_PERCENTILE_JSON_IN_SQL):
        return None
    selection = DSRSelection(
        territory=territory, period_start=period_start, period_end=period_end
    )
    return _json_answer(answer_json_open, number, selection)


def percentile_plan(
    *,
    number: int,
    territory: str | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
) -> str:
    """PostgreSQL's ``EXPLAIN ANALYZE`` of the percentile's first ranked query.

    The query of ``resource_iter_top_percentile``, planned in a transaction
    set up as the answer's. The cut reads only the rows it needs; ``EXPLAIN
    ANALYZE`` runs the query whole. ``ValueError`` on SQLite.
    """
    percentile_number_check(number=number)
    selection = DSRSelection(
        territory=territory, period_start=period_start, period_end=period_end
    )
    answer_plan_query = storage().answer_plan_query
    if answer_plan_query is None:
        raise ValueError(PLAN_UNAVAILABLE)
    with _snapshot(), connection.cursor() as cursor:
        sql, params = answer_plan_query(selection=selection, number=number)
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, SETTINGS) " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _answer(number: int, selection: DSRSelection) -> Iterator[ResourceRevenue]:
    with _snapshot():
        opened = storage().answer_open(selection=selection, number=number)
        if opened is None:
            return
        total, ranked = opened
        with closing(ranked):
            # Rows come in the fields' order and types: no per-row Python.
            rows = percentile_cut(ranked=ranked, total=total, number=number)
            yield from map(ResourceRevenue._make, rows)


def _json_answer(
    answer_json_open: Callable[..., Iterator[bytes]],
    number: int,
    selection: DSRSelection,
) -> Iterator[bytes]:
    with _snapshot():
        # Closing this generator closes the pieces it delegates to.
        yield from answer_json_open(selection=selection, number=number)


@contextmanager
def _snapshot() -> Iterator[None]:
    """One snapshot for all queries of an answer.

    A DSR deleted or imported meanwhile is seen whole or not at all.
    """
    # The isolation level can only be set before a transaction's first query;
    # inside an outer transaction, that transaction decides.
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost:
            storage().snapshot_begin()
        yield
