"""The cut of the percentile rule in Python and in SQL keep the same items.

``percentile_cut`` decides, for ranked (revenue, item) pairs, where the
answer ends; ``PERCENTILE_CUT_SQL`` is the same condition on one ranked row,
which PostgreSQL applies when it renders the answer's JSON. Its ``::numeric``
casts are PostgreSQL's: SQLite streams the sums to ``percentile_cut``. Both
run on random revenues (Hypothesis, derandomized) and on the per-resource
revenue sums of every DSR file in ``tests/data/dsrs/`` and the samples, for
each of ``NUMBERS``; ``twin_inputs`` counts the (revenues, number) pairs.
"""

from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dsrs.parsers import DSRFormatError, DSRReader, ParsedRow
from dsrs.rules.percentile import (
    EXACT,
    PERCENTILE_CUT_SQL,
    exact_sum,
    percentile_cut,
)
from tests.dsrs.conftest import DATA_DIR, SAMPLES_DIR
from tests.dsrs.factories import EDGE_REVENUES

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

NUMBERS = [1, 2, 10, 25, 26, 33, 50, 90, 99, 100]

# The rule applied to each row of ranked revenues, in the order given; the
# positions of the rows kept, from 1.
CUT_SQL = f"""
    SELECT position FROM (
        SELECT position, revenue, SUM(revenue) OVER (
            ORDER BY position ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
        ) AS before
        FROM unnest(%(revenues)s::numeric[]) WITH ORDINALITY AS r(revenue, position)
    ) AS ranked
    WHERE {PERCENTILE_CUT_SQL.format(revenue="revenue", before="before")}
    ORDER BY position
"""


def file_sums(path) -> list[Decimal]:
    """A DSR file's revenue per dsp_id, ranked as the answer ranks them."""
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for row in DSRReader(path):
        if isinstance(row, ParsedRow):
            sums[row.dsp_id] = EXACT.add(sums[row.dsp_id], Decimal(row.revenue))
    ranked = sorted(sums.items(), key=lambda item: (-item[1], item[0].encode()))
    return [revenue for _, revenue in ranked]


def files_revenues() -> list[list[Decimal]]:
    """The sums of every file that reads (the others have no revenue)."""
    found = []
    for path in sorted(p for p in DATA_DIR.iterdir() if p.is_file()) + sorted(
        SAMPLES_DIR.glob("*.tsv.gz")
    ):
        try:
            found.append(file_sums(path))
        except DSRFormatError:
            continue
    return found


def data_files(test):
    """The test run on each file's sums and each of NUMBERS too."""
    for revenues in reversed(files_revenues()):
        for number in reversed(NUMBERS):
            test = example(revenues=revenues, number=number)(test)
    return test


AMOUNTS = st.one_of(
    st.sampled_from([Decimal(0), Decimal("0.1"), Decimal(1), *EDGE_REVENUES]),
    st.builds(
        lambda digits, places: Decimal(f"{digits}E-{places}"),  # exact: no context
        st.integers(0, 10**20),
        st.integers(0, 40),
    ),
)
# Ranked: revenue descending (ties and zeros included, as the answer has them).
RANKED = st.lists(AMOUNTS, max_size=40).map(lambda values: sorted(values)[::-1])


@settings(max_examples=200)
@example(revenues=[Decimal(1)] * 4, number=25)
@example(revenues=[Decimal("0.1")] * 10, number=70)
@example(revenues=[Decimal("1E+15"), Decimal("1E-16"), Decimal("1E+15")], number=50)
@data_files
@given(revenues=RANKED, number=st.integers(1, 100))
def test_the_sql_cut_keeps_what_percentile_cut_keeps(twin_inputs, revenues, number):
    total = exact_sum(revenues)
    kept = list(
        percentile_cut(
            ranked=((revenue, i + 1) for i, revenue in enumerate(revenues)),
            total=total,
            number=number,
        )
    )
    with connection.cursor() as cursor:
        cursor.execute(
            CUT_SQL, {"revenues": revenues, "total": total, "number": number}
        )
        assert [position for (position,) in cursor.fetchall()] == kept
    twin_inputs["dsrs percentile cut: PERCENTILE_CUT_SQL == percentile_cut"] += 1
