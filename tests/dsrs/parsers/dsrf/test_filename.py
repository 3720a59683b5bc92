"""The DSRF file-name grammar, periods included."""

from datetime import date

import pytest

from dsrs.parsers.dsrf import DSRFFileNameError, dsrf_filename_parse

NAME = "DSR_{period}_T_{territory}_{part}_20200703T075930.tsv"


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("2020", date(2020, 1, 1), date(2020, 12, 31)),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),
        ("2020-Q2", date(2020, 4, 1), date(2020, 6, 30)),
        ("2020-W01", date(2019, 12, 30), date(2020, 1, 5)),
        ("2020-06-01--2020-06-30", date(2020, 6, 1), date(2020, 6, 30)),
    ],
)
def test_periods(period, start, end):
    name = dsrf_filename_parse(f"DSR_SENDER_RECIPIENT_Service_{period}_GB_1of1_X.tsv")
    assert (name.period_start, name.period_end) == (start, end)


def test_territory_may_be_empty_and_the_service_keep_underscores():
    name = dsrf_filename_parse("DSR_S_R_Ad_Funded_2015-08__2of3_20151123T182957.tsv.gz")
    assert (name.service, name.territory, name.part, name.parts) == (
        "Ad_Funded",
        "",
        2,
        3,
    )
    assert name.part_name(1) == "DSR_S_R_Ad_Funded_2015-08__1of3_20151123T182957.tsv.gz"


@pytest.mark.parametrize(
    "name",
    [
        "Spotify_Free_ES_EUR_20200101-20200131.tsv",
        "DSR_S_R_Svc_2020-13_GB_1of1_X.tsv",
        "DSR_S_R_Svc_2020-06_GB_3of2_X.tsv",
        "DSR_S_R_Svc_2020-06-30--2020-06-01_GB_1of1_X.tsv",
    ],
)
def test_names_outside_the_grammar(name):
    with pytest.raises(DSRFFileNameError):
        dsrf_filename_parse(name)
