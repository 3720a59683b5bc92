import pytest

from common.identifiers import isrc_normalise, iswc_check_digit, iswc_normalise

SAMPLE_ISWCS = ["T9204649558", "T0101974597", "T9214745718", "T0046951705"]


class TestIswc:
    @pytest.mark.parametrize("iswc", SAMPLE_ISWCS)
    def test_the_samples_iswcs_are_valid(self, iswc):
        assert iswc_normalise(value=iswc) == (iswc, True)

    @pytest.mark.parametrize(
        "spelling", ["T-920.464.955-8", "t9204649558", " T 920 464 955 8 "]
    )
    def test_spellings_normalise_to_one_form(self, spelling):
        assert iswc_normalise(value=spelling) == ("T9204649558", True)

    @pytest.mark.parametrize("iswc", SAMPLE_ISWCS)
    def test_every_changed_check_digit_is_invalid(self, iswc):
        for digit in "0123456789":
            if digit != iswc[-1]:
                assert iswc_normalise(value=iswc[:-1] + digit)[1] is False

    @pytest.mark.parametrize("iswc", SAMPLE_ISWCS)
    def test_a_swap_of_two_different_digits_is_invalid(self, iswc):
        digits = iswc[1:10]
        for i in range(8):
            if digits[i] != digits[i + 1]:
                swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
                assert iswc_normalise(value=f"T{swapped}{iswc[-1]}")[1] is False

    @pytest.mark.parametrize("value", ["", "T920464955", "X9204649558", "T92046495580"])
    def test_wrong_shapes_are_invalid_and_kept(self, value):
        assert iswc_normalise(value=f" {value} ") == (value, False)

    def test_check_digit_rule(self):
        # 1 + 1·9 + 2·2 + 3·0 + 4·4 + 5·6 + 6·4 + 7·9 + 8·5 + 9·5 = 232; c = 8.
        assert iswc_check_digit(digits="920464955") == 8


class TestIsrc:
    def test_hyphens_and_case_are_normalised(self):
        assert isrc_normalise(value="us-s1z-99-00001") == ("USS1Z9900001", True)

    @pytest.mark.parametrize("value", ["", "USS1Z99000", "US-S1Z-99-0000X", "??"])
    def test_invalid_is_kept_as_reported(self, value):
        assert isrc_normalise(value=value) == (value, False)
