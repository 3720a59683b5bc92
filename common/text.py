"""Text normal forms for titles and names, decided once for every app.

What is displayed is ``text_repair``'s output (the provider's spelling with
mojibake fixed); what is compared is ``text_normal_form``'s.
"""

import re
import unicodedata

import ftfy

_NOT_WORD = re.compile(r"[^\w]+")
_UNDERSCORE = re.compile(r"_+")
# Printable ASCII without "&" is text ftfy leaves as it is (no mojibake, no
# HTML entity, no control character), and NFKC and accent removal leave it
# too: skipping them makes importing millions of plain names several times
# faster.
_PLAIN = re.compile(r"[\x20-\x25\x27-\x7e]*")


def _fix(value: str) -> str:
    return value if _PLAIN.fullmatch(value) else ftfy.fix_text(value)


def text_repair(*, value: str) -> str:
    """The value with mojibake repaired and outer white space trimmed.

    ``Me EnamorÃ©`` becomes ``Me Enamoré``; white space inside is collapsed.
    """
    return " ".join(_fix(value).split())


def text_normal_form(*, value: str) -> str:
    """The form titles and names are compared on.

    Mojibake repaired, Unicode NFKC, case-folded, accents and punctuation
    removed, white space collapsed: ``Me EnamorÃ©!`` and ``me  enamore`` are
    both ``me enamore``.
    """
    return " ".join(text_tokens(value=value))


def text_tokens(*, value: str) -> list[str]:
    """The normal form's words, in order (``O'Brien`` gives ``o``, ``brien``)."""
    if _PLAIN.fullmatch(value):
        return [
            token
            for token in _NOT_WORD.split(_UNDERSCORE.sub(" ", value.lower()))
            if token
        ]
    folded = unicodedata.normalize("NFKC", ftfy.fix_text(value)).casefold()
    decomposed = unicodedata.normalize("NFKD", folded)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return [token for token in _NOT_WORD.split(_UNDERSCORE.sub(" ", bare)) if token]


def name_token_set(*, value: str) -> frozenset[str]:
    """A contributor or artist name as a set of tokens, so word order and
    punctuation do not matter: ``O'Brien Edward John`` equals ``Edward John O
    Brien``."""
    return frozenset(text_tokens(value=value))
