"""The revenue overview's reads against sums computed from the sample files."""

import csv
import gzip
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from dsrs.models import DSR
from dsrs.parsers import dsr_filename_parse
from dsrs.selectors.revenue import (
    dsr_figures,
    resource_list_top,
    resource_revenue_totals,
    revenue_by_territory_month,
)
from tests.dsrs.factories import DSRFactory, ResourceFactory, UsageFactory
from tests.dsrs.samples import EXACT, exact_sum, file_revenue

pytestmark = pytest.mark.django_db


def rates(imported_samples) -> dict[str, Decimal]:
    return {
        Path(r.path).name: DSR.objects.get(pk=r.import_id).eur_rate
        for r in imported_samples
    }


def test_territory_month_revenue_matches_the_files(imported_samples, samples):
    expected: dict[tuple[str, date], Decimal] = defaultdict(Decimal)
    rate = rates(imported_samples)
    for path in samples:
        name = dsr_filename_parse(path.name)
        month = name.period_start.replace(day=1)
        amount = EXACT.divide(file_revenue(path), rate[path.name])
        expected[name.territory, month] = EXACT.add(
            expected[name.territory, month], amount
        )
    rows = revenue_by_territory_month()
    assert [(r.territory, r.month) for r in rows] == [
        ("ES", date(2020, 1, 1)),
        ("NO", date(2020, 1, 1)),
        ("CH", date(2020, 2, 1)),
        ("GB", date(2020, 3, 1)),
    ]
    for row in rows:
        # Stored per DSR at 31 decimal places.
        assert abs(row.revenue_eur - expected[row.territory, row.month]) < Decimal(
            "1E-30"
        )
        assert row.dsrs == 1


def test_filters_mean_what_the_api_filters_mean(imported_samples):
    assert [r.territory for r in revenue_by_territory_month(territory="es")] == ["ES"]
    within = revenue_by_territory_month(
        period_start=date(2020, 2, 1), period_end=date(2020, 3, 31)
    )
    assert [r.territory for r in within] == ["CH", "GB"]
    assert revenue_by_territory_month(period_end=date(2019, 12, 31)) == []


def test_failed_dsrs_do_not_count():
    DSRFactory(status=DSR.Status.FAILED, total_revenue_eur=None)
    assert revenue_by_territory_month() == []


def test_top_resources_match_the_files(imported_samples, samples):
    """The top 20 by EUR revenue, ties by dsp_id, summed over the files."""
    rate = rates(imported_samples)
    revenue: dict[str, list[Decimal]] = defaultdict(list)
    for path in samples:
        with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as stream:
            for row in csv.DictReader(stream, delimiter="\t"):
                amount = Decimal(row["revenue"] or "0")
                revenue[row["dsp_id"]].append(EXACT.divide(amount, rate[path.name]))
    totals = {dsp_id: exact_sum(amounts) for dsp_id, amounts in revenue.items()}
    ranking = sorted(
        (i for i in totals.items() if i[1] > 0), key=lambda i: (-i[1], i[0])
    )
    top = resource_list_top()
    assert [r.dsp_id for r in top] == [dsp_id for dsp_id, _ in ranking[:20]]
    for resource, (_, amount) in zip(top, ranking, strict=False):
        assert abs(resource.revenue - amount) <= amount * Decimal("1E-12")


def test_top_resources_with_fewer_than_asked():
    dsr = DSRFactory()
    for revenue in (3, 2, 1, 0):
        UsageFactory(
            dsr=dsr, resource=ResourceFactory(dsp_id=f"R{revenue}"), revenue=revenue
        )
    assert [r.dsp_id for r in resource_list_top(limit=20)] == ["R3", "R2", "R1"]
    assert [r.dsp_id for r in resource_list_top(limit=2)] == ["R3", "R2"]


def test_resource_totals_per_dsr_and_in_eur():
    shared = ResourceFactory()
    eur_dsr = DSRFactory()
    nok_dsr = DSRFactory(eur_rate=Decimal(10))
    UsageFactory(dsr=eur_dsr, resource=shared, usages=2, revenue=Decimal("1.5"))
    UsageFactory(dsr=nok_dsr, resource=shared, usages=3, revenue=Decimal(5))
    UsageFactory(dsr=nok_dsr, resource=shared, usages=1, revenue=Decimal(5))
    DSRFactory(status=DSR.Status.FAILED)
    totals = resource_revenue_totals(resource_ids=[shared.pk])[shared.pk]
    assert (totals.usages, totals.revenue_eur) == (6, Decimal("2.5"))
    assert [(d.dsr_id, d.usages, d.revenue) for d in totals.per_dsr] == [
        (eur_dsr.pk, 2, Decimal("1.5")),
        (nok_dsr.pk, 4, Decimal(10)),
    ]


def test_figures(imported_samples):
    numbers = dsr_figures()
    assert (numbers.dsrs_ingested, numbers.dsrs_failed) == (4, 0)
    assert numbers.usage_lines == 4000
    assert numbers.revenue_eur == exact_sum(
        DSR.objects.values_list("total_revenue_eur", flat=True)
    )
