"""Revenue follows the data: a replaced DSR shows at once, no stale sums."""

import gzip
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from dsrs.services import dsr_import
from tests.recordings.conftest import DSR_SAMPLES, SAMPLE_ISWC

pytestmark = pytest.mark.django_db
SPAIN = next(p for p in DSR_SAMPLES if "_ES_EUR_" in p.name)


def _revenue() -> Decimal:
    body = APIClient().get(f"/works/{SAMPLE_ISWC}/revenue").json()
    return Decimal(body["revenue_eur"])


def test_a_replaced_dsr_changes_the_answer_by_its_new_lines(
    tmp_path, dsrs_imported, works_linked
):
    before = _revenue()
    with gzip.open(SPAIN, "rt", encoding="utf-8") as stream:
        text = stream.read()
    old = "USVDU0215539\t877956\t711180129605704.0"
    assert old in text
    replaced = tmp_path / SPAIN.name
    with gzip.open(replaced, "wt", encoding="utf-8") as stream:
        stream.write(text.replace(old, "USVDU0215539\t877956\t1.5"))
    assert dsr_import(path=replaced).status == "ingested"
    assert _revenue() == before - Decimal("711180129605704.0") + Decimal("1.5")
