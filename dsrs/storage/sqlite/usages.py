"""Removing and summing a DSR's usages on SQLite."""

from collections.abc import Sequence
from decimal import Decimal

from django.db import connection

from dsrs.db import sql_id_list
from dsrs.selectors.percentile_rule import exact_sum

_FETCH_ROWS = 10_000


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
    are summed here as ``Decimal``.
    """
    usages, revenue = 0, Decimal(0)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT usages, revenue FROM dsrs_usage WHERE dsr_id = %s", [dsr_id]
        )
        while rows := cursor.fetchmany(_FETCH_ROWS):
            usages += sum(row[0] for row in rows)
            revenue = exact_sum([revenue, *(Decimal(row[1]) for row in rows)])
    return usages, revenue
