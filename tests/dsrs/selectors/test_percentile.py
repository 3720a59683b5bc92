"""The top-percentile rule, against an independent computation over the files."""

import csv
import gzip
from datetime import date
from decimal import Decimal, localcontext
from pathlib import Path

import pytest

from dsrs.currency import eur_rate
from dsrs.parsers import dsr_filename_parse
from dsrs.selectors import (
    percentile_plan,
    resource_list_top_percentile,
)
from dsrs.selectors.percentile import PLAN_UNAVAILABLE
from tests.dsrs.factories import (
    CurrencyFactory,
    DSRFactory,
    ResourceFactory,
    UsageFactory,
)

pytestmark = pytest.mark.django_db


def expected_top(
    files: list[Path],
    number: int,
    territory: str | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
) -> list[tuple[str, int, Decimal, list[str]]]:
    """The rule in plain Python over the files: (dsp_id, usages, EUR, files)."""
    totals: dict[str, list] = {}
    with localcontext() as context:
        context.prec = 80
        for path in files:
            name = dsr_filename_parse(path.name)
            if territory and name.territory != territory:
                continue
            if period_start and name.period_start < period_start:
                continue
            if period_end and name.period_end > period_end:
                continue
            rate = eur_rate(
                currency=name.currency,
                period_start=name.period_start,
                period_end=name.period_end,
            ).rate
            with gzip.open(path, "rt", encoding="utf-8", newline="") as stream:
                for row in csv.DictReader(
                    stream, delimiter="\t", quoting=csv.QUOTE_NONE
                ):
                    entry = totals.setdefault(row["dsp_id"], [0, Decimal(0), set()])
                    entry[0] += int(row["usages"] or 0)
                    entry[1] += Decimal(row["revenue"] or 0) / rate
                    entry[2].add(path.name)
        ranked = sorted(
            ((dsp_id, *entry) for dsp_id, entry in totals.items() if entry[1] > 0),
            key=lambda item: (-item[2], item[0]),
        )
        total = sum(item[2] for item in ranked)
        answer, before = [], Decimal(0)
        for dsp_id, usages, revenue, names in ranked:
            if before * 100 >= total * number:
                break
            answer.append((dsp_id, usages, revenue, sorted(names)))
            before += revenue
    return answer


def assert_same(found, expected, dsr_names: dict[int, str]):
    assert [r.dsp_id for r in found] == [e[0] for e in expected]
    for resource, (_, usages, revenue, names) in zip(found, expected, strict=True):
        assert resource.usages == usages
        assert float(resource.revenue) == pytest.approx(float(revenue), rel=1e-12)
        assert sorted(dsr_names[i] for i in resource.dsrs) == names


@pytest.fixture
def dsr_names(imported_samples) -> dict[int, str]:
    return {r.import_id: Path(r.path).name for r in imported_samples}


@pytest.mark.parametrize("number", [1, 10, 50, 100])
def test_top_percentile_of_the_samples(samples, dsr_names, number):
    found = resource_list_top_percentile(number=number)
    assert_same(found, expected_top(samples, number), dsr_names)


def test_one_hundred_is_every_resource_with_revenue(samples, dsr_names):
    # Revenues span 1e-16 to 1e15: float sums from the top would drop the tail.
    assert len(resource_list_top_percentile(number=100)) == 3737


@pytest.mark.parametrize(
    "filters",
    [
        {"territory": "ES"},
        {"territory": "GB"},
        {"period_start": date(2020, 2, 1)},
        {"period_end": date(2020, 1, 31)},
        {"period_start": date(2020, 1, 1), "period_end": date(2020, 2, 28)},
        {"territory": "NO", "period_end": date(2020, 1, 31)},
        {"territory": "FR"},
    ],
)
@pytest.mark.parametrize("number", [10, 50, 100])
def test_filters(samples, dsr_names, filters, number):
    found = resource_list_top_percentile(number=number, **filters)
    assert_same(found, expected_top(samples, number, **filters), dsr_names)


def test_ties_are_ordered_by_dsp_id_and_the_prefix_is_smallest():
    dsr = DSRFactory()
    for dsp_id in ("B", "A", "C"):
        UsageFactory(
            dsr=dsr, resource=ResourceFactory(dsp_id=dsp_id), revenue=Decimal(1)
        )
    assert [r.dsp_id for r in resource_list_top_percentile(number=33)] == ["A"]
    assert [r.dsp_id for r in resource_list_top_percentile(number=34)] == ["A", "B"]
    assert [r.dsp_id for r in resource_list_top_percentile(number=67)] == [
        "A",
        "B",
        "C",
    ]


def test_total_zero_is_empty():
    UsageFactory(revenue=Decimal(0), usages=5)
    assert resource_list_top_percentile(number=100) == []


def test_failed_dsrs_do_not_count():
    UsageFactory(dsr=DSRFactory(status="failed"), revenue=Decimal(5))
    assert resource_list_top_percentile(number=100) == []


def test_revenue_in_several_currencies_is_summed_in_eur():
    resource = ResourceFactory()
    nok = CurrencyFactory(code="NOK", name="Norwegian Krone", symbol="NOK")
    norway = DSRFactory(currency=nok, eur_rate=Decimal("10"))
    spain = DSRFactory()
    UsageFactory(dsr=norway, resource=resource, revenue=Decimal("25"), usages=3)
    UsageFactory(dsr=spain, resource=resource, revenue=Decimal("0.5"), usages=4)
    [found] = resource_list_top_percentile(number=100)
    assert (found.usages, found.revenue, found.dsrs) == (
        7,
        Decimal("3"),
        sorted([norway.pk, spain.pk]),
    )


@pytest.mark.django_db(transaction=True)
def test_answer_is_read_in_one_snapshot_outside_a_transaction():
    resource = ResourceFactory()
    UsageFactory(resource=resource, revenue=Decimal(2))
    [found] = resource_list_top_percentile(number=100)
    assert (found.dsp_id, found.revenue) == (resource.dsp_id, Decimal(2))


def equal_resources(count: int, revenue: str) -> None:
    dsr = DSRFactory()
    for _ in range(count):
        UsageFactory(dsr=dsr, revenue=Decimal(revenue))


@pytest.mark.parametrize("filters", [{}, {"territory": "ES"}])
def test_four_resources_of_one_euro_at_25_is_exactly_one(filters):
    """The rule's "strictly less than": the second starts at exactly 25 %."""
    equal_resources(4, "1")
    assert len(resource_list_top_percentile(number=25, **filters)) == 1
    assert len(resource_list_top_percentile(number=26, **filters)) == 2


@pytest.mark.parametrize("filters", [{}, {"territory": "ES"}])
def test_ten_tenths_of_a_euro_at_every_number(filters):
    """Exact on both databases: floats disagreed at 7 of 8 numbers."""
    equal_resources(10, "0.1")
    found = [
        len(resource_list_top_percentile(number=number, **filters))
        for number in range(1, 101)
    ]
    assert found == [-(-number // 10) for number in range(1, 101)]


@pytest.mark.sqlite  # SQLite shows no plan
def test_sqlite_has_no_query_plan_to_show():
    with pytest.raises(ValueError) as error:
        percentile_plan(number=10)
    assert str(error.value) == PLAN_UNAVAILABLE
