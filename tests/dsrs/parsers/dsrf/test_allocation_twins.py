"""The allocation rule and its SQL twin give every sale the same part.

The rule is ``dsrs.parsers.dsrf.allocation`` (cumulative rounding, half to
even at 31 places, in Python's Decimal). Its twin, on PostgreSQL, is
``dsrs.storage.postgresql.dsrf.ALLOCATED_SQL``, which allocates a report's
sales as they were read into its tables. The test runs both on random
reports (Hypothesis, derandomized) and on the ties and bounds below.
"""

from decimal import Decimal

import pytest
from django.db import connection
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dsrs.parsers import ParsedRow
from dsrs.parsers.dsrf import RevenueAllocation
from dsrs.storage.postgresql.dsrf import ALLOCATED_SQL, ReportSales

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db]

UNIT = Decimal("1e-31")
LARGEST = Decimal("9999999999999999.9999999999999999999999999999999")

REVENUES = st.one_of(
    st.builds(
        lambda digits, places: Decimal(digits).scaleb(-places),
        st.integers(0, 10**47 - 1),
        st.integers(0, 31),
    ).filter(lambda revenue: revenue <= LARGEST),
    st.sampled_from([Decimal(0), UNIT, 3 * UNIT, Decimal("10.00"), LARGEST]),
)
USAGES = st.one_of(st.integers(0, 9), st.integers(0, 10**18))
# A report: its summary records' revenue, and its sales in file order as
# (summary number, usages).
REPORTS = st.lists(REVENUES, min_size=1, max_size=3).flatmap(
    lambda revenues: st.tuples(
        st.just(revenues),
        st.lists(st.tuples(st.integers(0, len(revenues) - 1), USAGES), max_size=25),
    )
)


def rule_parts(revenues: list[Decimal], sales: list[tuple[int, int]]) -> list:
    """Each sale's part as the parser allocates it."""
    totals = [sum(u for s, u in sales if s == number) for number in range(3)]
    allocations = [
        RevenueAllocation(revenue=revenue, usages=totals[number])
        for number, revenue in enumerate(revenues)
    ]
    return [allocations[summary].part(usages=usages) for summary, usages in sales]


def twin_parts(revenues: list[Decimal], sales: list[tuple[int, int]]) -> list:
    """Each sale's part as the SQL allocates it, in file order."""
    report = ReportSales()
    report.begin()
    report.read(
        items=iter(
            [
                (f"S{summary}", ParsedRow(line, "R1", "", "", "", usages, None))
                for line, (summary, usages) in enumerate(sales, start=2)
            ]
        )
    )
    report.summaries_copy(
        summaries=[(f"S{n}", 0, revenue, False) for n, revenue in enumerate(revenues)]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT revenue FROM ({ALLOCATED_SQL}) AS a ORDER BY line", {"dsr": 0}
        )
        parts = [revenue for (revenue,) in cursor.fetchall()]
    report.end()
    return parts


@settings(max_examples=100)
@given(report=REPORTS)
# Ties at the last place round to even: 0.5 unit to 0, 1.5 units to 2.
@example(report=([UNIT], [(0, 1), (0, 1)]))
@example(report=([3 * UNIT], [(0, 1), (0, 1)]))
# docs/dsrf.md's worked example, and a summary with no usages to share.
@example(report=([Decimal("10.00")], [(0, 1), (0, 1), (0, 1)]))
@example(report=([Decimal("5"), Decimal("7")], [(1, 0), (0, 3), (1, 0)]))
# The largest revenue over the largest counts.
@example(report=([LARGEST], [(0, 10**18), (0, 1), (0, 10**18 - 1)]))
def test_sql_allocates_what_the_rule_allocates(twin_inputs, report):
    revenues, sales = report
    twin_inputs["dsrf allocation: SQL == rule"] += 1
    assert twin_parts(revenues, sales) == rule_parts(revenues, sales)
