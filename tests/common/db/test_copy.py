"""common.db.copy: one escaper for COPY's text format, and its fast path."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common.db import COPY_NULL, copy_field, copy_line, copy_rows
from common.db.copy import NULL_INVALID

WORKS_NULL = "\x1f"
NULLS = (COPY_NULL, WORKS_NULL)

# PostgreSQL's text holds any character but NUL; the characters COPY reads
# specially, and those of the escapes, come up often.
SPECIAL = ["\\", "\t", "\n", "\r", WORKS_NULL, "N", "x", "1"]
texts = st.text(
    alphabet=st.one_of(
        st.sampled_from(SPECIAL),
        st.characters(blacklist_categories=["Cs"], min_codepoint=1),
    )
)
fields = st.one_of(st.none(), texts, st.integers())
rows = st.lists(fields, min_size=1, max_size=6)

_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def copy_read(line: str, *, null: str) -> list[str | None]:
    """What PostgreSQL reads from one line of the text format (its documentation's
    rules: a tab ends a field, backslash escapes, ``null`` is NULL)."""
    assert line.endswith("\n")
    values = []
    for field in line[:-1].split("\t"):
        values.append(None if field == null else _unescape(field))
    return values


def _unescape(field: str) -> str:
    return _ESCAPE.sub(_escaped, field)


def _escaped(match: re.Match) -> str:
    code = match.group(1)
    if code[0] == "x" and len(code) > 1:
        return chr(int(code[1:], 16))
    if code[0] in "01234567":
        return chr(int(code, 8))
    return _SIMPLE_ESCAPES.get(code, code)


def expected(row: list) -> list[str | None]:
    return [None if value is None else str(value) for value in row]


def test_a_plain_row_is_written_as_it_is():
    row = (7, "ISRC", None, Decimal("0.10"), "é")
    assert copy_line(row) == "7\tISRC\t\\N\t0.10\té\n"
    assert copy_line(row, null=WORKS_NULL) == "7\tISRC\t\x1f\t0.10\té\n"


def test_tabs_newlines_and_backslashes_are_escaped():
    row = ("Back\\slash\tTab", "Line\nBreak\rReturn")
    assert copy_line(row) == "Back\\\\slash\\tTab\tLine\\nBreak\\rReturn\n"


def test_a_text_spelling_the_null_mark_stays_a_text():
    assert copy_field("\\N") == "\\\\N"
    assert copy_field("Unit\x1fSep", null=WORKS_NULL) == "Unit\\x1fSep"
    # Under the default mark the character needs no escape.
    assert copy_field("Unit\x1fSep") == "Unit\x1fSep"


def test_a_line_with_a_text_holding_the_null_mark_is_escaped():
    line = copy_line(("Unit\x1fSep", None), null=WORKS_NULL)
    assert line == "Unit\\x1fSep\t\x1f\n"


def test_none_is_the_null_mark():
    assert copy_field(None) == COPY_NULL
    assert copy_field(None, null=WORKS_NULL) == WORKS_NULL


@pytest.mark.parametrize("null", ["NULL", "", "\t", "\n", "\\", "é"])
def test_a_null_mark_that_could_read_back_wrong_is_refused(null):
    with pytest.raises(ValueError) as error:
        copy_field("text", null=null)
    assert str(error.value) == NULL_INVALID.format(null=null)


@pytest.mark.parametrize("null", NULLS)
@given(row=rows)
def test_the_fast_path_writes_what_the_escaper_writes(null, row):
    assert copy_line(row, null=null) == (
        "\t".join(copy_field(value, null=null) for value in row) + "\n"
    )


@pytest.mark.parametrize("null", NULLS)
@given(row=rows)
def test_every_row_reads_back_as_written(null, row):
    assert copy_read(copy_line(row, null=null), null=null) == expected(row)


AWKWARD = [
    "Back\\slash\tTab",
    "Line\nBreak\r\n",
    "\\N",
    "\\x1f",
    "Unit\x1fSep",
    "".join(chr(code) for code in range(1, 32)),
    "\u2028 é 𝄞",
    "",
]


def postgresql_only(test):
    """COPY is PostgreSQL's (tests/conftest.py skips the test elsewhere)."""
    return pytest.mark.postgresql(pytest.mark.django_db(test))


def _round_trip(cursor, rows: list[tuple], null: str) -> list[tuple]:
    cursor.execute("DROP TABLE IF EXISTS copy_check")
    cursor.execute("CREATE TEMPORARY TABLE copy_check (n integer, a text, b text)")
    copy_rows(cursor, table="copy_check", rows=rows, null=null)
    cursor.execute("SELECT n, a, b FROM copy_check ORDER BY n")
    return cursor.fetchall()


@pytest.mark.parametrize("null", NULLS)
@postgresql_only
def test_postgresql_reads_awkward_texts_back(null):
    rows = [(i, text, None) for i, text in enumerate(AWKWARD)]
    rows.append((len(rows), None, "after a NULL"))
    with connection.cursor() as cursor:
        assert _round_trip(cursor, rows, null) == rows


@pytest.mark.parametrize("null", NULLS)
@postgresql_only
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=st.lists(st.tuples(st.one_of(st.none(), texts), texts), max_size=5))
def test_postgresql_reads_random_texts_back(null, pairs):
    rows = [(i, a, b) for i, (a, b) in enumerate(pairs)]
    with connection.cursor() as cursor:
        assert _round_trip(cursor, rows, null) == rows


@postgresql_only
def test_columns_can_be_named():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE copy_named (a text, b text)")
        copy_rows(cursor, table="copy_named", columns=["b"], rows=[("only b",)])
        cursor.execute("SELECT a, b FROM copy_named")
        assert cursor.fetchall() == [(None, "only b")]
