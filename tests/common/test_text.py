import re
import unicodedata

import ftfy
import pytest

from common.text import (
    artist_credit_main,
    artist_key,
    artist_names_split,
    name_forms,
    name_token_set,
    text_fixed,
    text_normal_form,
    text_repair,
    text_tokens,
    title_parse,
)


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


@pytest.mark.parametrize(
    "value",
    [
        "O'Brien  Edward ",
        "Me EnamorÃ©",
        "\uff21\uff22 &amp; Co",
        "Beyoncé\tKnowles",
        "",
        "  ",
    ],
)
def test_name_forms_are_the_repair_and_the_token_set(value):
    assert name_forms(value=value) == (
        text_repair(value=value),
        name_token_set(value=value),
    )


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


class TestTitleParse:
    @pytest.mark.parametrize(
        ("title", "base", "versions"),
        [
            ("FEEL SOMETHING (feat. Marshmello)", "feel something", set()),
            ("Save Your Tears (Official Music Video)", "save your tears", set()),
            ("Song [Lyrics] (2022)", "song", set()),
            ("Otro Atardecer (360° Visualizer)", "otro atardecer", set()),
            ("BED - THAT KIND Remix", "bed", {"that kind remix"}),
            ("Song (Live)", "song", {"live"}),
            ("Song - Acoustic Version", "song", {"acoustic version"}),
            ("Song (Sped Up)", "song", {"sped up"}),
            ("Song - Radio Edit", "song", {"radio edit"}),
            ("This Love (Taylor's Version)", "this love", {"taylor s version"}),
            ("Song (Official Remix)", "song", {"remix"}),
            ("Big Men (Chapter 2)", "big men chapter 2", set()),
            ("Hold My Hand (From “Top Gun: Maverick”)", "hold my hand", set()),
            ("Take On Me [Remastered in 4K]", "take on me", set()),
            ("Take On Me - 2017 Remastered", "take on me", {"2017 remastered"}),
            (
                "Drivers License (64th GRAMMY Awards Performance)",
                "drivers license",
                {"64th grammy awards performance"},
            ),
        ],
    )
    def test_base_and_versions(self, title, base, versions):
        parsed = title_parse(value=title)
        assert (parsed.base, set(parsed.versions)) == (base, versions)

    def test_featured_names_are_listed_not_compared(self):
        parsed = title_parse(value="Kiss My - feat. Becky Hill, RAYE & Stefflon Don")
        assert parsed.featured == ("Becky Hill", "RAYE", "Stefflon Don")
        assert parsed.key == title_parse(value="Kiss My").key

    def test_a_version_is_another_key(self):
        assert title_parse(value="Song").key != title_parse(value="Song - Live").key


class TestArtists:
    def test_joining_words_do_not_matter(self):
        assert artist_key(value="Henrique & Juliano") == artist_key(
            value="Henrique e Juliano"
        )

    def test_a_credit_splits_into_names(self):
        assert artist_names_split(value="A & B x C, D feat. E") == [
            "A",
            "B",
            "C",
            "D",
            "E",
        ]

    def test_the_main_credit_drops_featured_names(self):
        assert artist_credit_main(value="Sia feat. Sean Paul") == "Sia"
        assert artist_credit_main(value="A & B ft. C") == "A & B"
        assert artist_credit_main(value="Juice WRLD with Justin Bieber") == "Juice WRLD"


class TestFastPaths:
    @pytest.mark.parametrize(
        "value",
        [
            "Artist - Song (Official Video)",
            "P!nk - Just Give Me A Reason ft. Nate Ruess",
            "bbno$ - piccolo",
            "Tom &amp; Jerry",  # an entity: ftfy's business
            "Line\r\nbreak",
            "Me EnamorÃ©",
            "\uff33\uff28\uff21\uff30\uff25",
        ],
    )
    def test_text_fixed_agrees_with_ftfy(self, value):
        assert text_fixed(value=value) == ftfy.fix_text(value)

    def test_artist_key_is_cached_and_still_right(self):
        assert artist_key(value="Beyoncé") == artist_key(value="BEYONCE") == "beyonce"


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
