"""Text normal forms for titles and names, decided once for every app.

What is displayed is ``text_repair``'s output (the provider's spelling with
mojibake fixed); what is compared is ``text_normal_form``'s.
"""

import re
import unicodedata

import ftfy

_NOT_WORD = re.compile(r"[^\w]+")
_UNDERSCORE = re.compile(r"_+")


def text_repair(*, value: str) -> str:
    """The value with mojibake repaired and outer white space trimmed.

    ``Me EnamorÃ©`` becomes ``Me Enamoré``; white space inside is collapsed.
    """
    return " ".join(ftfy.fix_text(value).split())


def text_normal_form(*, value: str) -> str:
    """The form titles and names are compared on.

    Mojibake repaired, Unicode NFKC, case-folded, accents and punctuation
    removed, white space collapsed: ``Me EnamorÃ©!`` and ``me  enamore`` are
    both ``me enamore``.
    """
    return " ".join(text_tokens(value=value))


def text_tokens(*, value: str) -> list[str]:
    """The normal form's words, in order (``O'Brien`` gives ``o``, ``brien``)."""
    folded = unicodedata.normalize("NFKC", ftfy.fix_text(value)).casefold()
    decomposed = unicodedata.normalize("NFKD", folded)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return [token for token in _NOT_WORD.split(_UNDERSCORE.sub(" ", bare)) if token]


def name_token_set(*, value: str) -> frozenset[str]:
    """A contributor or artist name as a set of tokens, so word order and
    punctuation do not matter: ``O'Brien Edward John`` equals ``Edward John O
    Brien``."""
    return frozenset(text_tokens(value=value))
