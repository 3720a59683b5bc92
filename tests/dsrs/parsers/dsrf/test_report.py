"""The DSRF parser on the hand-made Basic Audio sample and its bad variants.

No database. The expected figures are worked out by hand in docs/dsrf.md.
"""

from decimal import Decimal, localcontext

import pytest

from dsrs.parsers import DSRFormatError, ParsedRow, RowError
from dsrs.parsers.dsrf import DSRFProfileRefused, DSRFReport, dsrf_recognise
from dsrs.parsers.dsrf import blocks as block_rules
from dsrs.parsers.dsrf import report as report_rules
from dsrs.parsers.dsrf import survey as survey_rules
from tests.dsrs.parsers.dsrf.helpers import (
    PUBLIC_UGC,
    SAMPLE,
    foot_fixed,
    sample_lines,
    variant_write,
)

THIRD = "3.333333333333333333333333333333"  # 30 threes: 31 places with the last


def read(path, **options):
    report = DSRFReport([path], **options)
    survey = report.survey()
    return (
        report,
        survey,
        {
            group: list(report.rows(survey=survey, group=group))
            for group in survey.groups
        },
    )


def exact_sum(values) -> Decimal:
    with localcontext(prec=100):
        return sum((Decimal(v) for v in values), Decimal(0))


def test_the_sample_is_recognised_by_its_head():
    assert dsrf_recognise(path=SAMPLE)


def test_one_dsr_per_territory_and_currency_of_the_summary_records():
    _, survey, _ = read(SAMPLE)
    assert survey.groups == [("GB", "GBP"), ("IE", "EUR")]
    assert survey.head.sender == "Music Unlimited"
    assert survey.head.service == "MusicUnlimitedPremium"
    assert str(survey.head.period_start) == "2020-06-01"
    assert survey.foot == []


def test_sales_name_the_block_resource_reference_not_the_dsp_id():
    _, _, rows = read(SAMPLE)
    gb = [(r.line, r.dsp_id, r.usages, r.revenue) for r in rows[("GB", "GBP")]]
    # Line 16 sells ResourceReference DSP-B1, whose DspResourceId is DSP-B2.
    assert gb == [
        (11, "DSP-A1", 120, "12"),
        (12, "DSP-A1", 80, "8"),
        (16, "DSP-B2", 500, "50"),
        (17, "DSP-B1", 300, "30"),
    ]


def test_allocated_parts_add_up_to_the_summary_revenue_exactly():
    """Cumulative rounding at 31 places: 10 EUR over 3 usages of 1."""
    _, _, rows = read(SAMPLE)
    ie = [(r.dsp_id, r.revenue) for r in rows[("IE", "EUR")]]
    assert ie == [
        ("DSP-B2", THIRD + "3"),
        ("DSP-C1", THIRD + "4"),
        ("DSP-C1", THIRD + "3"),
    ]
    assert exact_sum(r for _, r in ie) == Decimal("10.00")
    assert exact_sum(r.revenue for r in rows[("GB", "GBP")]) == Decimal("100.00")


def test_the_file_exchange_rate_is_kept_per_dsr():
    _, survey, _ = read(SAMPLE)
    assert survey.exchange[("GB", "GBP")] == (Decimal("0.8"), "USD")


def test_iswcs_are_told_with_their_isrc_in_each_dsr_pass():
    links = []
    report = DSRFReport([SAMPLE])
    survey = report.survey()
    assert links == []
    list(report.rows(survey=survey, group=("IE", "EUR"), on_work=links.append))
    assert [(link.line, link.isrc, link.iswc) for link in links] == [
        (9, "GBAHT0900445", "T0345246801")
    ]


def test_head_after_its_header_line_reads_the_same(tmp_path):
    lines = sample_lines()
    swapped = [lines[1], lines[0], *lines[2:]]
    _, _, rows = read(variant_write(tmp_path, swapped))
    assert rows == read(SAMPLE)[2]


def test_columns_are_read_by_the_names_the_header_declares(tmp_path):
    """A version that adds a column before the others still reads."""
    lines = [
        line.replace("\t", "\tNew\t", 1) if line.startswith("#SU02.02") else line
        for line in sample_lines()
    ]
    lines = [
        line.replace("\t", "\tx\t", 1) if line.startswith("SU02.02") else line
        for line in lines
    ]
    _, _, rows = read(variant_write(tmp_path, lines))
    assert rows == read(SAMPLE)[2]


def errors(rows) -> list[tuple[int, str, str, str]]:
    return [
        (e.line, e.field, e.value, e.reason)
        for group in rows.values()
        for e in group
        if isinstance(e, RowError)
    ]


def test_a_record_type_the_profile_lacks_is_a_row_error(tmp_path):
    lines = sample_lines()
    lines[20:20] = ["#MW01.01\tBlockId\tISWC", "MW01.01\t3\tT0345246801"]
    _, _, rows = read(variant_write(tmp_path, foot_fixed(lines)))
    reason = report_rules.ROW_UNKNOWN_TYPE.format(type="MW01.01")
    assert errors(rows) == [(22, "RecordType", "MW01.01", reason)]


def test_a_sale_naming_an_unknown_summary_record_is_a_row_error(tmp_path):
    lines = sample_lines()
    lines[10] = lines[10].replace("\tS1\t", "\tS9\t")
    _, _, rows = read(variant_write(tmp_path, lines))
    reason = block_rules.ROW_UNKNOWN_SUMMARY.format(type="SU02.02", value="S9")
    assert errors(rows) == [(11, "SummaryRecordId", "S9", reason)]
    # The rest imports; S1's revenue goes to the usages still read.
    gb = rows[("GB", "GBP")]
    assert exact_sum(r.revenue for r in gb if isinstance(r, ParsedRow)) == 100


def test_a_sale_naming_an_unknown_resource_is_a_row_error(tmp_path):
    lines = sample_lines()
    lines[15] = lines[15].replace("\tDSP-B1\t", "\tNOPE\t")
    _, _, rows = read(variant_write(tmp_path, lines))
    reason = block_rules.ROW_UNKNOWN_RESOURCE.format(
        type="SU02.02", block="2", value="NOPE"
    )
    assert errors(rows) == [(16, "TransactedResource", "NOPE", reason)]


def test_a_block_without_a_resource_is_a_row_error(tmp_path):
    lines = sample_lines()
    del lines[19]  # block 3's AS02.03
    _, _, rows = read(variant_write(tmp_path, foot_fixed(lines)))
    reason = block_rules.ROW_BLOCK_NO_RESOURCE.format(
        type="SU02.02", block="3", value="RES-C1"
    )
    assert errors(rows) == [
        (20, "TransactedResource", "RES-C1", reason),
        (21, "TransactedResource", "RES-C1", reason),
    ]


def test_foot_counts_that_differ_are_a_warning_naming_both(tmp_path):
    lines = sample_lines()
    lines[-1] = "FOOT\t30\t30\t2\t4\t4"
    _, survey, _ = read(variant_write(tmp_path, lines))
    assert survey.foot == [
        "FOOT NumberOfLinesInFile says 30, the file has 24",
        "FOOT NumberOfBlocksInFile says 4, the file has 3",
    ]
    assert survey.warnings[("GB", "GBP")][survey.foot[0]] == 1


def test_another_profile_is_refused_in_one_sentence(tmp_path):
    lines = sample_lines()
    lines[0] = lines[0].replace("BasicAudioProfile\t1.3", "UgcProfile\t1.1")
    with pytest.raises(DSRFProfileRefused) as refused:
        DSRFReport([variant_write(tmp_path, lines)]).survey()
    assert str(refused.value) == (
        f"{SAMPLE.name}: the profile is UgcProfile 1.1; only BasicAudioProfile "
        "1.x is imported, so the file was refused."
    )


def test_the_public_ugc_sample_is_recognised_and_refused():
    assert dsrf_recognise(path=PUBLIC_UGC)
    with pytest.raises(DSRFProfileRefused, match=r"the profile is UGCProfile 1\.0"):
        DSRFReport([PUBLIC_UGC]).survey()


def test_a_tsv_dsr_is_not_taken_for_dsrf(tmp_path):
    path = tmp_path / "Spotify_Free_ES_EUR_20200101-20200131.tsv"
    path.write_text("dsp_id\ttitle\tartists\tisrc\tusages\trevenue\n")
    assert not dsrf_recognise(path=path)


def test_a_block_of_a_release_alone_is_a_row_error(tmp_path):
    lines = sample_lines()
    lines[22:22] = ["RE01.02\t4\tR4\tREL-4\t\t\t\tNobody\t\tNothing\t\tAlbum"]
    _, _, rows = read(variant_write(tmp_path, foot_fixed(lines, blocks=4)))
    reason = block_rules.ROW_BLOCK_NO_RESOURCE.format(type="RE01.02", block="4")
    assert errors(rows) == [(23, "BlockId", "4", reason)]


def test_a_second_summary_record_with_the_same_id_is_a_row_error(tmp_path):
    lines = sample_lines()
    lines[4:4] = [lines[3].replace("\tGB\t", "\tFR\t")]
    _, survey, rows = read(variant_write(tmp_path, foot_fixed(lines)))
    assert survey.groups == [("GB", "GBP"), ("IE", "EUR")]
    assert [e[:3] for e in errors(rows)] == [(5, "SummaryRecordId", "S1")]


def test_sale_records_with_their_own_revenue_keep_it(tmp_path):
    lines = [
        line + "\tNetRevenue" if line.startswith("#SU02.02") else line
        for line in sample_lines()
    ]
    lines = [
        line + "\t1.5" if line.startswith("SU02.02") and "\tS2\t" in line else line
        for line in lines
    ]
    _, survey, rows = read(variant_write(tmp_path, lines))
    assert [r.revenue for r in rows[("IE", "EUR")]] == ["1.5", "1.5", "1.5"]
    warning = survey_rules.WARN_NOT_ALLOCATED.format(id="S2")
    assert survey.warnings[("IE", "EUR")][warning] == 1


def test_a_head_without_a_real_period_fails_the_file(tmp_path):
    lines = sample_lines()
    lines[0] = lines[0].replace("2020-06-30", "2020-06-31")
    with pytest.raises(DSRFormatError, match="UsageEndDate '2020-06-31'"):
        DSRFReport([variant_write(tmp_path, lines)]).survey()
