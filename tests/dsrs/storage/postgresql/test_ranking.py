"""PostgreSQL's ranking: the answer from the stored sums, its plan, its bands."""

from datetime import date

import pytest

from dsrs.selectors import percentile_plan, resource_list_top_percentile
from dsrs.storage.postgresql import ranking, walk

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


@pytest.mark.parametrize("rows", [0, 1, 5, 3000])
def test_answer_goes_on_past_the_rows_the_histogram_sized(
    imported_samples, monkeypatch, rows
):
    expected = resource_list_top_percentile(number=50)
    # Past the walk (test_walk.py), the histogram sizes the first query.
    monkeypatch.setattr(walk, "WALK_ROWS", 0)
    monkeypatch.setattr(walk, "WALK_SHARE", 0)
    monkeypatch.setattr(ranking, "_rows_reaching", lambda *_: rows)
    assert resource_list_top_percentile(number=50) == expected


@pytest.mark.parametrize("number", [1, 10, 50, 100])
def test_answer_equals_the_one_from_usages(imported_samples, monkeypatch, number):
    from_totals = resource_list_top_percentile(number=number)
    # A filter that keeps every DSR sends the answer through the usages.
    from_usages = resource_list_top_percentile(
        number=number, period_start=date(1, 1, 1)
    )
    assert from_totals == from_usages


@pytest.mark.parametrize(
    ("number", "filters", "node"),
    [
        (1, {}, "Limit"),
        (100, {}, "Sort"),
        (1, {"territory": "ES"}, "Limit"),
        (50, {"period_start": date(2020, 1, 1)}, "Aggregate"),
    ],
)
def test_plan_is_the_answers_first_query(imported_samples, number, filters, node):
    plan = percentile_plan(number=number, **filters)
    assert node in plan and "dsrs_usage" not in plan


def test_plan_is_made_with_the_answers_settings(imported_samples):
    assert "work_mem = '64MB'" in percentile_plan(number=10)
