"""Revenue follows the data: a replaced or deleted DSR, a removed link, show
at once; no stale sums."""

import gzip
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from dsrs.services import dsr_delete, dsr_import
from recordings.models import RecordingWork
from recordings.services import recording_work_unlink
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


def test_a_line_spelling_the_isrc_otherwise_still_counts_for_the_work(
    tmp_path, dsrs_imported, works_linked
):
    """The work's lines are found by the ISRC they report in any spelling."""
    before = _revenue()
    with gzip.open(SPAIN, "rt", encoding="utf-8") as stream:
        text = stream.read()
    respelled = tmp_path / SPAIN.name
    with gzip.open(respelled, "wt", encoding="utf-8") as stream:
        stream.write(text.replace("\tUSVDU0215539\t", "\tus-vdu-02-15539\t"))
    assert dsr_import(path=respelled).status == "ingested"
    assert _revenue() == before


def test_a_removed_link_takes_its_recording_out_of_the_work_at_once(
    dsrs_imported, works_linked
):
    client = APIClient()
    body = client.get(f"/works/{SAMPLE_ISWC}/revenue").json()
    kept, gone = body["recordings"]
    link = RecordingWork.objects.get(recording__isrc=gone["isrc"], iswc=SAMPLE_ISWC)
    recording_work_unlink(link_id=link.pk)
    after = client.get(f"/works/{SAMPLE_ISWC}/revenue").json()
    assert after["recordings"] == [kept]
    assert after["revenue_eur"] == kept["revenue_eur"]
    unmatched = client.get("/revenue/unmatched", {"limit": 1000}).json()["results"]
    assert gone["isrc"] in {row["isrc"] for row in unmatched}


def test_a_deleted_dsr_takes_its_part_out_of_unmatched_at_once(dsrs_imported):
    client = APIClient()
    top = client.get("/revenue/unmatched", {"limit": 1}).json()["results"][0]
    per_dsr = client.get(f"/recordings/{top['isrc']}").json()["dsrs"]
    gone = per_dsr[0]
    dsr_delete(dsr_ids=[gone["dsr_id"]])
    rows = client.get("/revenue/unmatched", {"limit": 5000}).json()["results"]
    (after,) = [row for row in rows if row["isrc"] == top["isrc"]]
    left = sum(Decimal(row["revenue_eur"]) for row in per_dsr[1:])
    assert Decimal(after["revenue_eur"]) == pytest.approx(left, abs=Decimal("1e-5"))
    assert after["usages"] == top["usages"] - gone["usages"]
