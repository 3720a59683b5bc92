"""Issue 26's "Done when": the samples, a works file linking two of their
ISRCs to one work, and the work's revenue recomputed from the raw TSVs."""

import csv
import gzip
from decimal import ROUND_HALF_EVEN, Context, Decimal

import pytest
from rest_framework.test import APIClient

from dsrs.models import DSR
from dsrs.services import dsr_delete
from tests.recordings.conftest import DSR_SAMPLES, SAMPLE_ISRCS, SAMPLE_ISWC

EXACT = Context(prec=200, rounding=ROUND_HALF_EVEN)
# The samples' EUR rates (docs/dsrs.md), by territory.
RATES = {
    "NO": Decimal("9.9384227273"),
    "ES": Decimal(1),
    "CH": Decimal("1.06478"),
    "GB": Decimal("0.8945954545"),
}


def _file_part(path) -> tuple[int, Decimal]:
    """Usages and EUR revenue of the two ISRCs in one raw TSV."""
    territory = path.name.split("_")[-3]
    usages, revenue = 0, Decimal(0)
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            if row["isrc"] in SAMPLE_ISRCS:
                usages += int(row["usages"])
                revenue = EXACT.add(revenue, Decimal(row["revenue"]))
    return usages, EXACT.divide(revenue, RATES[territory])


def _text(amount: Decimal) -> str:
    return format(EXACT.quantize(amount, Decimal("0.000001")), "f")


def _answer():
    response = APIClient().get(f"/works/{SAMPLE_ISWC}/revenue")
    assert response.status_code == 200
    return response.json()


@pytest.mark.django_db
def test_work_revenue_is_the_hand_sum_and_a_deleted_dsr_takes_its_part(
    dsrs_imported, works_linked
):
    assert dict(DSR.objects.values_list("territory__code_2", "eur_rate")) == RATES
    parts = {path.name: _file_part(path) for path in DSR_SAMPLES}
    whole = EXACT.add(Decimal(0), sum((p[1] for p in parts.values()), Decimal(0)))
    body = _answer()
    assert body["iswc"] == SAMPLE_ISWC
    assert body["revenue_eur"] == _text(whole)
    assert body["usages"] == sum(p[0] for p in parts.values())
    assert [r["isrc"] for r in body["recordings"]] == sorted(SAMPLE_ISRCS)
    assert [(c["territory"], c["month"]) for c in body["by_territory_month"]] == [
        ("ES", "2020-01"),
        ("NO", "2020-01"),
        ("CH", "2020-02"),
        ("GB", "2020-03"),
    ]

    gone = DSR.objects.get(territory__code_2="CH")
    dsr_delete(dsr_ids=[gone.pk])
    after = _answer()
    left = EXACT.subtract(whole, parts[gone.path.rsplit("/", 1)[-1]][1])
    assert after["revenue_eur"] == _text(left)
    assert "CH" not in {c["territory"] for c in after["by_territory_month"]}
