"""dsrf_import through import_dsrs' service, on whichever database is set.

The figures are worked out by hand from the sample (docs/dsrf.md).
"""

import json
import shutil
from collections import defaultdict
from decimal import Decimal, localcontext

import pytest
from rest_framework.test import APIClient

from common.ingest.status import ImportStatus
from dsrs.models import DSR, DSRRowError, Usage
from dsrs.parsers.dsrf import report as report_rules
from dsrs.parsers.dsrf import survey as survey_rules
from dsrs.services import dsr_import
from dsrs.services import dsrf as dsrf_service
from recordings.selectors import recording_links
from tests.dsrs.parsers.dsrf.helpers import (
    PUBLIC_UGC,
    SAMPLE,
    foot_fixed,
    sample_lines,
    variant_write,
)

pytestmark = pytest.mark.django_db

THIRD = "3.333333333333333333333333333333"


@pytest.fixture
def imported():
    result = dsr_import(path=SAMPLE)
    assert result.status == ImportStatus.INGESTED, result.message
    gb = DSR.objects.get(territory__code_2="GB")
    ie = DSR.objects.get(territory__code_2="IE")
    return result, gb, ie


def per_resource(dsr: DSR) -> dict[str, tuple[int, Decimal]]:
    sums = defaultdict(lambda: [0, Decimal(0)])
    with localcontext(prec=100):
        for usage in Usage.objects.filter(dsr=dsr).select_related("resource"):
            sums[usage.resource.dsp_id][0] += usage.usages
            sums[usage.resource.dsp_id][1] += usage.revenue
    return {dsp_id: (u, r) for dsp_id, (u, r) in sums.items()}


def test_one_dsr_per_territory_and_currency(imported):
    result, gb, ie = imported
    assert result.details["dsrs"] == [gb.pk, ie.pk]
    assert (result.rows_read, result.rows_imported, result.rows_rejected) == (7, 7, 0)
    for dsr, currency in ((gb, "GBP"), (ie, "EUR")):
        assert (dsr.dsp, dsr.offer, dsr.society) == (
            "Music Unlimited",
            "MusicUnlimitedPremium",
            "Society Two",
        )
        assert dsr.currency.code == currency
        assert (str(dsr.period_start), str(dsr.period_end)) == (
            "2020-06-01",
            "2020-06-30",
        )
    assert (gb.file_exchange_rate, gb.file_transaction_currency) == ("0.8", "USD")
    assert ie.eur_rate == 1


def test_usages_and_revenue_per_resource(imported):
    _, gb, ie = imported
    assert per_resource(gb) == {
        "DSP-A1": (200, Decimal(20)),
        "DSP-B2": (500, Decimal(50)),
        "DSP-B1": (300, Decimal(30)),
    }
    assert per_resource(ie) == {
        "DSP-B2": (1, Decimal(THIRD + "3")),
        "DSP-C1": (2, Decimal("6.6666666666666666666666666666667")),
    }


def test_allocated_parts_add_up_to_each_summary_revenue(imported):
    _, gb, ie = imported
    assert gb.total_revenue == Decimal("100")
    assert ie.total_revenue == Decimal("10")
    assert (gb.total_usages, ie.total_usages) == (1000, 3)


def test_dsrs_listing(imported):
    assert imported
    body = json.loads(b"".join(APIClient().get("/dsrs/").streaming_content))
    assert [(d["territory"], d["currency"], d["period_start"]) for d in body] == [
        (
            {"name": "United Kingdom", "code_2": "GB"},
            {"name": "Pound Sterling", "code": "GBP"},
            "2020-06-01T00:00:00Z",
        ),
        (
            {"name": "Ireland", "code_2": "IE"},
            {"name": "Euro", "code": "EUR"},
            "2020-06-01T00:00:00Z",
        ),
    ]


def percentile(number: int, **query) -> list[dict]:
    response = APIClient().get(f"/resources/percentile/{number}", query)
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))


def test_percentile_ranks_in_eur(imported):
    """GBP 50, 30, 20 and EUR 10/3, 20/3: in EUR B2 then B1 hold half."""
    _, gb, ie = imported
    with localcontext(prec=60):
        b2 = Decimal(50) / gb.eur_rate + Decimal(THIRD + "3")
    top = percentile(50)
    assert [(r["dsp_id"], r["usages"], r["dsrs"]) for r in top] == [
        ("DSP-B2", 501, [gb.pk, ie.pk]),
        ("DSP-B1", 300, [gb.pk]),
    ]
    assert top[0]["revenue"] == float(b2)
    assert top[0]["isrc"] == "USSM16900682"
    assert [r["dsp_id"] for r in percentile(50, territory="IE")] == ["DSP-C1"]
    assert [r["dsp_id"] for r in percentile(100, territory="IE")] == [
        "DSP-C1",
        "DSP-B2",
    ]


def test_same_file_again_is_skipped_and_force_replaces(imported):
    _, gb, ie = imported
    again = dsr_import(path=SAMPLE)
    assert again.status == ImportStatus.SKIPPED
    forced = dsr_import(path=SAMPLE, force=True)
    assert forced.status == ImportStatus.INGESTED
    assert forced.details["dsrs"] == [gb.pk, ie.pk]
    assert Usage.objects.count() == 7


def test_dry_run_writes_nothing():
    result = dsr_import(path=SAMPLE, dry_run=True)
    assert (result.status, result.rows_imported) == (ImportStatus.DRY_RUN, 7)
    assert not DSR.objects.exists()


def test_bad_records_are_row_errors_and_the_rest_imports(tmp_path):
    lines = sample_lines()
    lines[10] = lines[10].replace("\tS1\t", "\tS9\t")
    lines[15] = lines[15].replace("\tDSP-B1\t", "\tNOPE\t")
    lines[20:20] = ["#MW01.01\tBlockId\tISWC", "MW01.01\t3\tT0345246801"]
    result = dsr_import(path=variant_write(tmp_path, foot_fixed(lines)))
    assert result.status == ImportStatus.INGESTED, result.message
    gb = DSR.objects.get(territory__code_2="GB")
    stored = list(DSRRowError.objects.filter(dsr=gb).values_list("line", "field"))
    assert stored == [
        (11, "SummaryRecordId"),
        (16, "TransactedResource"),
        (22, "RecordType"),
    ]
    reason = DSRRowError.objects.get(dsr=gb, line=22).reason
    assert reason == report_rules.ROW_UNKNOWN_TYPE.format(type="MW01.01")
    assert (gb.rows_read, gb.rows_imported, gb.rows_rejected) == (5, 2, 3)
    # S1's 100 GBP goes to the 380 usages still read: 80 and 300.
    assert per_resource(gb) == {
        "DSP-A1": (80, Decimal("21.0526315789473684210526315789474")),
        "DSP-B1": (300, Decimal("78.9473684210526315789473684210526")),
    }
    assert gb.total_revenue == 100
    declared = survey_rules.WARN_SUMMARY_USAGES.format(id="S1", declared=1000, read=380)
    assert gb.warnings[declared] == 1


def test_foot_mismatch_warns_and_strict_fails(tmp_path):
    lines = sample_lines()
    lines[-1] = "FOOT\t30\t30\t2\t3\t3"
    path = variant_write(tmp_path, lines)
    strict = dsr_import(path=path, strict=True)
    assert strict.status == ImportStatus.FAILED
    assert "FOOT NumberOfLinesInFile says 30, the file has 24" in strict.message
    assert not DSR.objects.exists()
    result = dsr_import(path=path)
    assert result.status == ImportStatus.INGESTED
    gb = DSR.objects.get(territory__code_2="GB")
    assert gb.warnings == {"FOOT NumberOfLinesInFile says 30, the file has 24": 1}


def test_other_profile_is_refused(tmp_path):
    lines = sample_lines()
    lines[0] = lines[0].replace("BasicAudioProfile\t1.3", "UgcProfile\t1.1")
    result = dsr_import(path=variant_write(tmp_path, lines))
    assert result.status == ImportStatus.REJECTED
    assert "the profile is UgcProfile 1.1" in result.message
    assert not DSR.objects.exists()


def multi_part(tmp_path, parts: int):
    """The sample split in two parts: the summaries and block 1, then the rest."""
    lines = sample_lines()
    head, body = lines[:5], lines[5:-2]
    first = foot_fixed([*head, *body[:7]], blocks=1)
    second = [
        lines[0].replace("\t1\t1\t2020-06-01", "\t2\t2\t2020-06-01"),
        *lines[1:3],
        *lines[5:6],
        *lines[7:8],
        *lines[9:10],
        *body[7:],
    ]
    names = [SAMPLE.name.replace("1of1", f"{n}of2") for n in (1, 2)]
    paths = [variant_write(tmp_path, first, names[0])]
    if parts == 2:
        paths.append(variant_write(tmp_path, foot_fixed(second, blocks=2), names[1]))
    return paths


def test_a_missing_part_is_named(tmp_path):
    (first,) = multi_part(tmp_path, 1)
    result = dsr_import(path=first)
    assert result.status == ImportStatus.REJECTED
    assert result.message == dsrf_service.PART_MISSING.format(
        name=first.name, part=2, parts=2, expected=first.name.replace("1of2", "2of2")
    )


def test_all_parts_import_as_one_report(tmp_path):
    first, second = multi_part(tmp_path, 2)
    result = dsr_import(path=first)
    assert result.status == ImportStatus.INGESTED, result.message
    assert (result.rows_imported, result.rows_rejected) == (7, 0), result.rejects
    assert result.warnings == {}
    assert dsr_import(path=second).status == ImportStatus.SKIPPED
    gb = DSR.objects.get(territory__code_2="GB")
    assert gb.total_revenue == 100
    assert dict(per_resource(gb))["DSP-B1"] == (300, Decimal(30))


def test_gzipped_dsrf_is_recognised(tmp_path):
    import gzip

    path = tmp_path / (SAMPLE.name + ".gz")
    with open(SAMPLE, "rb") as source, gzip.open(path, "wb") as target:
        shutil.copyfileobj(source, target)
    assert dsr_import(path=path).status == ImportStatus.INGESTED


def test_the_public_ugc_sample_is_refused_naming_its_profile():
    """ddexnet/dsrf's YouTube test file (Apache-2.0), a UGC-profile report."""
    path = PUBLIC_UGC
    result = dsr_import(path=path)
    assert result.status == ImportStatus.REJECTED
    assert result.message == (
        f"{path.name}: the profile is UGCProfile 1.0; only BasicAudioProfile "
        "1.x is imported, so the file was refused."
    )
    assert not DSR.objects.exists()


def test_as02_iswcs_become_catalogue_links_with_the_dsr_as_source(imported):
    _, gb, ie = imported
    links = set(recording_links(isrc="GBAHT0900445").values_list("iswc", "source"))
    assert {iswc for iswc, _ in links} == {"T0345246801"}
    assert {source for _, source in links} <= {f"ddex:{gb.pk}", f"ddex:{ie.pk}"}
    assert links
