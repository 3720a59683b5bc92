"""The file-name grammar, without a database."""

from datetime import date

import pytest

from dsrs.parsers import (
    DSRFileNameError,
    dsr_filename_parse,
    filename,
)


class TestFileNameGrammar:
    def test_sample_name(self):
        name = dsr_filename_parse("Spotify_SpotifyDuo_NO_NOK_20200101-20200131.tsv.gz")
        assert name == filename.DSRFileName(
            dsp="Spotify",
            offer="SpotifyDuo",
            society="",
            territory="NO",
            currency="NOK",
            period_start=date(2020, 1, 1),
            period_end=date(2020, 1, 31),
        )

    def test_society_is_read_from_the_right(self):
        name = dsr_filename_parse("YouTube_Premium_SGAE_ES_EUR_20200101-20200131.tsv")
        assert (name.dsp, name.offer, name.society) == ("YouTube", "Premium", "SGAE")
        assert (name.territory, name.currency) == ("ES", "EUR")

    @pytest.mark.parametrize(
        ("filename", "message"),
        [
            ("BadName.tsv", filename.NAME_SHAPE),
            ("A_B_ES_EUR_20200101-20200131.csv", filename.NAME_SHAPE),
            ("A_B_C_D_ES_EUR_20200101-20200131.tsv", filename.NAME_SHAPE),
            ("A__ES_EUR_20200101-20200131.tsv", filename.NAME_SHAPE),
            ("A_B_XX_EUR_20200101-20200131.tsv", filename.NAME_TERRITORY),
            ("A_B_es_EUR_20200101-20200131.tsv", filename.NAME_TERRITORY),
            ("A_B_ES_XYZ_20200101-20200131.tsv", filename.NAME_CURRENCY),
            ("A_B_ES_EUR_20200132-20200201.tsv", filename.NAME_PERIOD),
            ("A_B_ES_EUR_2020010-20200131.tsv", filename.NAME_PERIOD),
            ("A_B_ES_EUR_20200301-20200201.tsv", filename.NAME_PERIOD_ORDER),
        ],
    )
    def test_bad_names_say_what_was_expected(self, filename, message):
        with pytest.raises(DSRFileNameError) as raised:
            dsr_filename_parse(filename)
        assert str(raised.value).startswith(filename)
        assert message.split("}", 1)[1].split("{")[0] in str(raised.value)
