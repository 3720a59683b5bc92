from common.ingest.text import ELLIPSIS, text_cut


def test_a_value_that_fits_is_kept():
    assert text_cut(value="abc", limit=3) == "abc"


def test_a_longer_value_ends_in_an_ellipsis_within_the_limit():
    cut = text_cut(value="abcdef", limit=4)
    assert cut == "abc" + ELLIPSIS and len(cut) == 4
