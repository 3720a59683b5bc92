import re
import unicodedata

import ftfy
import pytest

from common.text import name_token_set, text_normal_form, text_repair, text_tokens


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


@pytest.mark.parametrize(
    "value",
    [
        "Shape of You",
        "O'Brien, Edward-John (feat. X) [Live] 100%",
        "Rock_n_Roll ~ #1 @home",
        "Tom &amp; Jerry",
        "Tab\there",
        "Caf\u00e9",
    ],
)
def test_plain_ascii_shortcut_agrees_with_the_full_rule(value):
    fixed = ftfy.fix_text(value)
    folded = unicodedata.normalize("NFKC", fixed).casefold()
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
    )
    expected = [t for t in re.split(r"[^\w]+", bare.replace("_", " ")) if t]
    assert text_tokens(value=value) == expected
    assert text_repair(value=value) == " ".join(fixed.split())
