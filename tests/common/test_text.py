import pytest

from common.text import name_token_set, text_normal_form, text_repair


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Me EnamorÃ©", "me enamore"),
        ("ME ENAMORÉ!", "me enamore"),
        ("  Shape   of\tYou ", "shape of you"),
        ("\uff33\uff48\uff41\uff50\uff45", "shape"),  # NFKC: full-width letters
        ("Straße", "strasse"),  # case folding, not lower()
        ("Rock_n_Roll", "rock n roll"),
    ],
)
def test_normal_form(value, expected):
    assert text_normal_form(value=value) == expected


def test_repair_keeps_the_original_spelling_but_fixes_mojibake():
    assert text_repair(value=" Me EnamorÃ©  Now ") == "Me Enamoré Now"


def test_names_compare_as_token_sets():
    assert name_token_set(value="O'Brien Edward John") == name_token_set(
        value="O Brien Edward John"
    )
    assert name_token_set(value="Edward John O Brien") == name_token_set(
        value="O Brien, Edward John"
    )
    assert name_token_set(value="Edward Sheeran") != name_token_set(
        value="Edward Christopher Sheeran"
    )
