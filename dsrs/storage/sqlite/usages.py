"""Removing and summing a DSR's usages on SQLite."""

from collections.abc import Sequence
from decimal import Decimal, localcontext
from operator import itemgetter

from django.db import connection

from common.db import sql_id_list
from dsrs.rules.percentile import EXACT

_FETCH_ROWS = 10_000
_USAGES, _REVENUE = itemgetter(0), itemgetter(1)


def usages_remove(*, dsr_ids: Sequence[int]) -> None:
    if not dsr_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM dsrs_usage WHERE dsr_id IN ({sql_id_list(dsr_ids)})"
        )


def dsr_revenue_sums(*, dsr_id: int) -> tuple[int, Decimal]:
    """The exact sums of a DSR's ``usages`` and ``revenue`` columns.

    Revenues are stored as text, which SQLite would sum as floats: the rows
    are summed here as ``Decimal``, in a context where sums are exact, by
    ``sum`` (C code, no Python call per row).
    """
    usages, revenue = 0, Decimal(0)
    with connection.cursor() as cursor, localcontext(EXACT):
        cursor.execute(
            "SELECT usages, revenue FROM dsrs_usage WHERE dsr_id = %s", [dsr_id]
        )
        while rows := cursor.fetchmany(_FETCH_ROWS):
            usages += sum(map(_USAGES, rows))
            revenue += sum(map(Decimal, map(_REVENUE, rows)))
    return usages, revenue
