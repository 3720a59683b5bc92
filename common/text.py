"""Text normal forms for titles and names, decided once for every app.

What is displayed is ``text_repair``'s output (the provider's spelling with
mojibake fixed); what is compared is ``text_normal_form``'s.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

import ftfy

_NOT_WORD = re.compile(r"[^\w]+")
_UNDERSCORE = re.compile(r"_+")


def text_repair(*, value: str) -> str:
    """The value with mojibake repaired and outer white space trimmed.

    ``Me EnamorÃ©`` becomes ``Me Enamoré``; white space inside is collapsed.
    """
    return " ".join(text_fixed(value=value).split())


def text_normal_form(*, value: str) -> str:
    """The form titles and names are compared on.

    Mojibake repaired, Unicode NFKC, case-folded, accents and punctuation
    removed, white space collapsed: ``Me EnamorÃ©!`` and ``me  enamore`` are
    both ``me enamore``.
    """
    return " ".join(text_tokens(value=value))


def text_tokens(*, value: str) -> list[str]:
    """The normal form's words, in order (``O'Brien`` gives ``o``, ``brien``)."""
    return _words(text_fixed(value=value))


def _words(fixed: str) -> list[str]:
    """``text_tokens`` of text ftfy has already fixed."""
    if fixed.isascii():  # NFKC, NFKD and accents change nothing; casefold is lower
        bare = fixed.lower()
    else:
        folded = unicodedata.normalize("NFKC", fixed).casefold()
        decomposed = unicodedata.normalize("NFKD", folded)
        bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return [token for token in _NOT_WORD.split(_UNDERSCORE.sub(" ", bare)) if token]


def name_token_set(*, value: str) -> frozenset[str]:
    """A contributor or artist name as a set of tokens, so word order and
    punctuation do not matter: ``O'Brien Edward John`` equals ``Edward John O
    Brien``."""
    return frozenset(text_tokens(value=value))


def name_forms(*, value: str) -> tuple[str, frozenset[str]]:
    """``text_repair`` and ``name_token_set`` of a name from one repair, for
    parsers that need both of millions of names."""
    fixed = text_fixed(value=value)
    return " ".join(fixed.split()), frozenset(_words(fixed))


def text_fixed(*, value: str) -> str:
    """``ftfy.fix_text(value)``, skipped for text it returns unchanged.

    Printable ASCII without ``&`` has no mojibake, no HTML entity, no control
    or terminal character and no width or ligature form to fix; matching
    millions of titles spends most of its time in ftfy otherwise.
    """
    if value.isascii() and value.isprintable() and "&" not in value:
        return value
    return ftfy.fix_text(value)


# Words that join credited names ("Henrique & Juliano" is "Henrique e
# Juliano" in a Brazilian video title); they do not tell two artists apart.
_CONNECTORS = frozenset({"and", "e", "y", "et", "und"})
_CREDIT_SPLIT = re.compile(
    r"\s*(?:,|&|\+|/)\s*"
    r"|\s+(?:x|vs\.?|feat\.?|ft\.?|featuring|with|and|e|y)\s+",
    re.IGNORECASE,
)
_FEATURED_PART = re.compile(
    r"\s(?:feat\b\.?|ft\b\.?|featuring\b|with\b)\s*", re.IGNORECASE
)
_BRACKETED = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]|\{([^{}]*)\}|【([^【】]*)】")
_DASHES = re.compile("\\s+[-\u2013\u2014]\\s+")  # hyphen, en and em dash
_FEATURING_TAIL = re.compile(r"\s(?:feat\.?|ft\.?|featuring)\s+(.*)$", re.IGNORECASE)
_FEATURING_WORDS = frozenset({"feat", "ft", "featuring", "with"})
_FEATURING_HEAD = re.compile(r"^\s*(?:feat\.?|ft\.?|featuring|with)\s+", re.IGNORECASE)
# A title qualifier with one of these words names another recording of the
# song: a remix, a live or acoustic take, a re-recording ("Taylor's Version"),
# a stage performance ("64th GRAMMY Awards Performance").
VERSION_WORDS = frozenset(
    [
        "remix",
        "remixes",
        "rmx",
        "mix",
        "mixed",
        "live",
        "vivo",
        "acoustic",
        "acustico",
        "acustica",
        "instrumental",
        "karaoke",
        "sped",
        "speed",
        "slowed",
        "reverb",
        "nightcore",
        "edit",
        "version",
        "versao",
        "remaster",
        "remastered",
        "demo",
        "cover",
        "unplugged",
        "extended",
        "dub",
        "stripped",
        "piano",
        "orchestral",
        "reprise",
        "session",
        "sessions",
        "vip",
        "rework",
        "bootleg",
        "flip",
        "8d",
        "clean",
        "radio",
        "acapella",
        "capella",
        "performance",
        "festival",
        "concert",
        "tour",
        "awards",
    ]
)
# A qualifier made only of these words says what the upload is, not which
# recording ("(Official Music Video)", "[Lyrics]", "(Video Oficial)").
PACKAGING_WORDS = frozenset(
    [
        "official",
        "oficial",
        "officiel",
        "ufficiale",
        "video",
        "videoclip",
        "videoclipe",
        "clip",
        "clipe",
        "music",
        "lyric",
        "lyrics",
        "lyrical",
        "letra",
        "legendado",
        "audio",
        "visualizer",
        "visualiser",
        "hd",
        "hq",
        "4k",
        "mv",
        "m",
        "v",
        "vertical",
        "full",
        "song",
        "explicit",
    ]
)
# A qualifier starting with one of these credits a source, not a recording.
_SOURCE_WORDS = frozenset({"from", "prod", "dvd"})


# "Remastered in 4K" is about the picture; a remastered recording says
# "Remastered" or "2011 Remaster" without a picture word.
_PICTURE_WORDS = frozenset({"4k", "hd", "hq", "video"})
_REMASTER_WORDS = frozenset({"remaster", "remastered"})


def _picture_only(tokens: list[str]) -> bool:
    words = set(tokens)
    return bool(words & _PICTURE_WORDS) and not (
        words & VERSION_WORDS - _REMASTER_WORDS
    )


@functools.lru_cache(maxsize=1 << 16)
def artist_key(*, value: str) -> str:
    """An artist name as compared: the normal form without joining words.

    Cached: the same names come back on video after video.
    """
    return " ".join(t for t in text_tokens(value=value) if t not in _CONNECTORS)


def artist_names_split(*, value: str) -> list[str]:
    """The names of a credit: ``A & B feat. C`` gives ``A``, ``B``, ``C``."""
    return [name for name in _CREDIT_SPLIT.split(value) if name.strip()]


def artist_credit_main(*, value: str) -> str:
    """A credit without its featured part: ``A & B feat. C`` gives ``A & B``."""
    return _FEATURED_PART.split(value, maxsplit=1)[0].strip()


@dataclass(frozen=True)
class ParsedTitle:
    """A recording title as compared: base words, version and featured names."""

    base: str
    versions: frozenset[str]
    featured: tuple[str, ...]

    @property
    def key(self) -> tuple[str, frozenset[str]]:
        """Equal keys, same recording title: "Song (feat. X)" is "Song"; "Song -
        Live" is not "Song"."""
        return self.base, self.versions


@functools.lru_cache(maxsize=1 << 16)
def title_parse(*, value: str) -> ParsedTitle:
    """Split a title into its base, its version qualifiers and featured names.

    Qualifiers are bracketed or follow `` - ``. One starting with feat./ft./
    with lists featured names; one with a version word is a version (its
    words, without packaging words, in order); one crediting a source ("from
    ...") or made of packaging words and numbers ("360° Visualizer", "2022")
    is dropped; any other stays
    part of the base, so
    "Big Men (Chapter 2)" and "Big Men Chapter 2" compare equal.

    Cached (the answer is frozen): a video's readings parse its artist's name
    and its track title, which come back on video after video.
    """
    text, qualifiers = title_qualifiers_cut(" ".join(text_fixed(value=value).split()))
    parts = _DASHES.split(text)
    text, qualifiers = parts[0], qualifiers + parts[1:]
    featured = []
    if tail := _FEATURING_TAIL.search(text):
        featured.extend(artist_names_split(value=tail.group(1)))
        text = text[: tail.start()]
    versions = set()
    for qualifier in qualifiers:
        tokens = _words(qualifier)
        if not tokens:
            continue
        if tokens[0] in _FEATURING_WORDS:
            named = _FEATURING_HEAD.sub("", qualifier)
            featured.extend(artist_names_split(value=named))
        elif _picture_only(tokens):
            continue
        elif VERSION_WORDS.intersection(tokens):
            versions.add(" ".join(t for t in tokens if t not in PACKAGING_WORDS))
        elif tokens[0] in _SOURCE_WORDS:
            continue
        elif not all(t in PACKAGING_WORDS or t.isdigit() for t in tokens):
            if tail := _FEATURING_TAIL.search(qualifier):
                featured.extend(artist_names_split(value=tail.group(1)))
                qualifier = qualifier[: tail.start()]
            text = f"{text} {qualifier}"
    return ParsedTitle(
        base=" ".join(_words(text)),
        versions=frozenset(versions),
        featured=tuple(featured),
    )


def title_qualifiers_cut(text: str) -> tuple[str, list[str]]:
    """The text without its bracketed parts (innermost first), and those parts:
    ``Song (Live) [Lyrics]`` gives ``Song`` and ``Live``, ``Lyrics``."""
    qualifiers = []

    def cut(match: re.Match) -> str:
        qualifiers.append(next(group for group in match.groups() if group is not None))
        return " "

    while True:
        text, count = _BRACKETED.subn(cut, text)
        if not count:
            return " ".join(text.split()), qualifiers
