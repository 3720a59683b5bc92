"""The plain-line reader: what it reads, what it leaves to the general rules
(that it reads as they do, on every file: test_rows_twins)."""

import pytest

from common.identifiers import isrc_normalise
from dsrs.parsers import rows as row_rules
from dsrs.parsers.plain import isrc_read
from tests.dsrs.conftest import DATA_DIR

NEARLY_PLAIN = DATA_DIR / "Test_NearlyPlain_ES_EUR_20200101-20200131.tsv"


def test_nearly_plain_lines_are_left_to_the_general_rules(monkeypatch):
    plain = row_rules.plain_line_reader(
        columns={
            "dsp_id": 0,
            "title": 1,
            "artists": 2,
            "isrc": 3,
            "usages": 4,
            "revenue": 5,
            "extra": 6,
        },
        width=7,
        max_field_chars=row_rules.FIELD_MAX_CHARS,
        max_dsp_id_chars=row_rules.DSP_ID_MAX_LENGTH,
    )
    lines = [raw + b"\n" for raw in NEARLY_PLAIN.read_bytes().split(b"\n")[1:-1]]
    read = {raw.split(b"\t")[0][:12]: plain(raw) for raw in lines}
    assert read[b"plain1"] == (
        "plain1",
        "Love",
        "Jo|Ann",
        "USRC17607839",
        12,
        "82.83476639",
    )
    assert read[b"usages18"][4] == 123456789012345678
    assert read[b"no-title"][1:3] == ("", "")
    assert read[b"crlf"] is not None
    assert read[b"cr-inside"][1] == "a\rb"  # only the ends are stripped
    left = [key for key, values in read.items() if values is None]
    assert left == [
        b"nbsp",
        b"sep",
        b" spaced ",
        b"usages19",
        b"revenue-zero",
        b"revenue-31-z",
        b"country-xx",
        b"isrc-lower",
        b"isrc-empty",
        b"empty-number",
        b"y" * 12,
    ]


@pytest.mark.parametrize(
    "reported",
    [
        "ESAB12000001",
        "XXAB12000001",
        "QMAB12000001",
        "esab12000001",
        "ES-AB1-20-00001",
        "ESAB1200000A",
        "ES AB1 20 00001",
    ],
)
def test_isrc_read_is_the_shared_rule(reported):
    assert isrc_read(reported) == isrc_normalise(value=reported)
