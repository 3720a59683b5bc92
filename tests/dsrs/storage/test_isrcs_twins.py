"""The ISRC key of a usage line in SQL finds every line the rule reads as valid.

``usage_isrc_key`` (each backend's, the one of the database the tests run
on) is the SQL twin of ``common.identifiers.isrc_normalise``: on a line of
printable ASCII whose ISRC is valid in the rule's eyes, the key is the
rule's normal form; on any other line it is NULL, so the selector reads it
and lets the rule decide. Both run on every ISRC the DSR files in
``tests/data/dsrs/`` and the samples report, and on Hypothesis strings made
of ISRC characters, separators and the Unicode letters, dashes and spaces the
rule folds; ``twin_inputs`` counts them.
"""

import pytest
from django.db import connection
from hypothesis import example, given, settings
from hypothesis import strategies as st

from common.identifiers import isrc_normalise
from dsrs.parsers import DSRFormatError, DSRReader, ParsedRow
from dsrs.storage import storage
from tests.dsrs.conftest import DATA_DIR, SAMPLES_DIR

pytestmark = pytest.mark.django_db

PRINTABLE_ASCII = frozenset(map(chr, range(0x20, 0x7F)))


def reported_isrcs() -> list[str]:
    """Every distinct ISRC value the DSR files' lines report."""
    found = set()
    files = sorted(p for p in DATA_DIR.iterdir() if p.is_file())
    for path in files + sorted(SAMPLES_DIR.glob("*.tsv.gz")):
        try:
            found.update(r.isrc for r in DSRReader(path) if isinstance(r, ParsedRow))
        except DSRFormatError:
            continue
    return sorted(found)


def data_files(test):
    for value in reversed(reported_isrcs()[:400]):
        test = example(value=value)(test)
    return test


def sql_key(value: str) -> str | None:
    key = storage().usage_isrc_key(column="t.isrc")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {key} FROM (SELECT %s AS isrc) AS t", [value])
        return cursor.fetchone()[0]


ISRC_CHARACTERS = st.text(
    alphabet=st.sampled_from(
        "USGBESVDUA0123456789abcz -_.\t\x1f\x7f"
        "\u2010\u2013\u00a0\u0131\u017f\ufb06\u00e9"
    ),
    max_size=20,
)
SPELLED = st.builds(
    lambda country, rest, cut: f"{country}-{rest[:cut]} {rest[cut:]}",
    st.sampled_from(["US", "gb", "Es", "ZZ", "XY"]),
    st.from_regex(r"[A-Za-z0-9]{3}[0-9]{7}", fullmatch=True),
    st.integers(0, 10),
)


@settings(max_examples=400)
@example(value="us-s1z-99-00001")
@example(value=" USVDU0215539 ")
@example(value="US\u2010VDU0215539")
@example(value="u\u017fvdu0215539")
@example(value="")
@data_files
@given(value=st.one_of(ISRC_CHARACTERS, SPELLED))
def test_the_sql_key_is_the_normal_form_of_every_valid_ascii_isrc(twin_inputs, value):
    normal, valid = isrc_normalise(value=value)
    key = sql_key(value)
    if not set(value) <= PRINTABLE_ASCII:
        assert key is None
    elif valid:
        assert key == normal
    twin_inputs[f"dsrs usage ISRC key ({connection.vendor}) == isrc_normalise"] += 1
