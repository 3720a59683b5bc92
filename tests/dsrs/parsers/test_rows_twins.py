"""The DSR line grammar and its fast twins give the same answer on every file.

The rule is ``dsrs.parsers.rows`` (the general rules, line by line). Its
twins: ``dsrs.parsers.plain``, one regular expression that reads the plain
lines, and on PostgreSQL the SQL cast (``dsrs.storage.postgresql``:
``chunks`` checks what COPY would read, ``linerule`` picks the lines the SQL
leaves to the parser, ``casting`` splits and casts the rest). Each test runs
both sides on random files (Hypothesis, derandomized) and on every file in
``tests/data/dsrs/`` and the delivered samples, and counts them in
``twin_inputs``.
"""

import gzip
from pathlib import Path
from unittest import mock

import pytest
from django.db import DatabaseError, transaction
from django.test import override_settings
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dsrs.models import DSR, DSRRowError, Resource, ResourceTotal, Usage
from dsrs.parsers import DSRFormatError, DSRReader
from dsrs.parsers import rows as row_rules
from dsrs.services import dsr_import
from tests.dsrs.conftest import DATA_DIR, SAMPLES_DIR

# Every file the importer may be given: the edge cases and the samples.
FILES = sorted(p for p in DATA_DIR.iterdir() if p.is_file()) + sorted(
    SAMPLES_DIR.glob("*.tsv.gz")
)
RANDOM_NAME = "Test_Random_ES_EUR_20200101-20200131.tsv"


def mostly(plain, awkward):
    """``plain`` nine times in ten, else ``awkward``."""
    return st.integers(0, 9).flatmap(lambda n: awkward if n == 0 else plain)


# What a field may hold: mostly plain values, which the fast twins read, and
# values they must leave to the general rules (spaces, exponents, signs...).
DSP_IDS = mostly(
    st.from_regex(r"[A-Za-z0-9#-]{1,12}", fullmatch=True),
    st.sampled_from(["", " R1", "R1 ", "r" * 128, "r" * 129, "a\xa0b", "a\x00b"]),
)
TEXTS = mostly(
    # Letters, digits, punctuation and symbols: no whitespace to strip.
    st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "S"]), max_size=8),
    st.one_of(
        st.text(st.characters(codec="utf-8", exclude_characters="\t\n\r"), max_size=8),
        st.sampled_from([" spaced ", "\xa0nbsp", "a\rb", "x" * 70, "e\u0301 ", "|"]),
    ),
)
ISRCS = mostly(
    st.from_regex(r"(US|ES|GB|FR|QM)[A-Z0-9]{3}[0-9]{7}", fullmatch=True),
    st.sampled_from(
        [
            "",
            "XXAB12000001",
            "usrc17607839",
            "US-RC1-76-07839",
            " USRC17607839",
            "USRC1760783",
            "QMAB1200000A",
        ]
    ),
)
USAGES = mostly(
    st.from_regex(r"[0-9]{1,18}", fullmatch=True),
    st.one_of(
        st.from_regex(r"[0-9]{19,20}", fullmatch=True),
        st.sampled_from(
            [
                # Around USAGES_MAX (2**63 - 1).
                "9223372036854775807",
                "9223372036854775808",
                "9" * 19,
                # Not a plain whole number.
                *["", "-5", "-0", "+5", "1.5", "1_000", "\u0661", " 7 ", "1e3"],
            ]
        ),
    ),
)
REVENUES = mostly(
    st.from_regex(r"[0-9]{1,16}(\.[0-9]{1,31})?", fullmatch=True),
    st.one_of(
        # Past the integer digits or the decimal places a revenue may have.
        st.from_regex(r"[0-9]{17}|0\.[0-9]{32}", fullmatch=True),
        st.sampled_from(
            [
                "",
                "0",
                "-0",
                "0.00",
                "-2.5",
                "NaN",
                "inf",
                ".5",
                "5.",
                "+5",
                " 1.5 ",
                "1E-5",
                "2.220446049250313E-16",
                "1e",
                "1_000",
            ]
        ),
    ),
)
FIELDS = {
    "dsp_id": DSP_IDS,
    "title": TEXTS,
    "artists": TEXTS,
    "isrc": ISRCS,
    "usages": USAGES,
    "revenue": REVENUES,
    "extra": TEXTS,
}
# Whole lines the field grammar does not make.
ODD_LINES = st.sampled_from(
    [b"", b"  ", b"\\.", b"a\x01b\t1\t1", b"\xff\xfe\t1\t1", b"R\t1", b"R\t1\t1\t1\t1"]
)
ENDINGS = st.sampled_from([b"\n", b"\r\n"])


@st.composite
def dsr_files(draw) -> tuple[str, bytes]:
    """A DSR file's name and bytes: a header naming the required columns and
    some optional ones in any order, then lines of fields drawn above."""
    # Without an ISRC column every row warns: the plain reader reads none.
    optional = ["isrc"] if draw(mostly(st.just(True), st.just(False))) else []
    others = st.lists(st.sampled_from(["title", "artists", "extra"]), unique=True)
    optional += draw(others)
    columns = draw(st.permutations(["dsp_id", "usages", "revenue", *optional]))
    header = "\t".join(columns).encode()
    if draw(st.booleans()):
        header = b"\xef\xbb\xbf" + header.upper()
    lines = [header]
    for _ in range(draw(st.integers(0, 12))):
        if draw(st.integers(0, 19)) == 0:
            lines.append(draw(ODD_LINES))
        else:
            values = [draw(FIELDS[column]) for column in columns]
            lines.append("\t".join(values).encode())
    ending = draw(ENDINGS)
    content = ending.join(lines) + draw(st.sampled_from([ending, b""]))
    if draw(st.booleans()):
        return RANDOM_NAME + ".gz", gzip.compress(content)
    return RANDOM_NAME, content


def data_files(test):
    """The test run on each file of ``FILES`` too, as explicit examples."""
    for path in reversed(FILES):
        test = example(dsr=(path.name, path.read_bytes()))(test)
    return test


def written(folder: Path, dsr: tuple[str, bytes]) -> Path:
    name, content = dsr
    path = folder / name
    path.write_bytes(content)
    return path


def read_all(path: Path, **limits) -> tuple[object, ...]:
    """Everything the reader gives for ``path``: items or file error, counts."""
    reader = DSRReader(path, **limits)
    try:
        items, error = list(reader), None
    except DSRFormatError as failure:
        items, error = None, str(failure)
    return items, error, reader.rows_read, dict(reader.warnings)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("dsr_twins")


@pytest.mark.parametrize(
    "limits", [{}, {"max_line_bytes": 60, "max_field_chars": 10}], ids=["", "small"]
)
@settings(max_examples=300)
@data_files
@given(dsr=dsr_files())
def test_plain_lines_read_as_the_general_rules_read_them(
    folder, twin_inputs, limits, dsr
):
    path = written(folder, dsr)
    fast = read_all(path, **limits)
    general_only = mock.patch.object(
        row_rules, "plain_line_reader", lambda **_: lambda raw: None
    )
    with general_only:
        assert fast == read_all(path, **limits)
    size = "small limits" if limits else "default limits"
    twin_inputs[f"dsrs line grammar: plain == rows, {size}"] += 1


RESULT_FIELDS = (
    "status",
    "message",
    "rows_read",
    "rows_imported",
    "rows_rejected",
    "warnings",
    "details",
    "rejects",
)


def stored(result) -> dict[str, object]:
    """Everything an import leaves behind, by natural keys (ids differ)."""
    return {
        "result": {name: getattr(result, name) for name in RESULT_FIELDS},
        "dsrs": list(
            DSR.objects.order_by("path").values(
                "path", "status", "error", "rows_read", "rows_imported"
            )
        ),
        "warnings": [dsr.warnings for dsr in DSR.objects.order_by("path")],
        "row_errors": list(
            DSRRowError.objects.order_by("line").values_list(
                "line", "field", "value", "reason"
            )
        ),
        "usages": list(
            Usage.objects.order_by("line").values_list(
                "line",
                "resource__dsp_id",
                "usages",
                "revenue",
                "title",
                "artists",
                "isrc",
            )
        ),
        "resources": list(
            Resource.objects.order_by("dsp_id").values_list(
                "dsp", "dsp_id", "title", "artists", "isrc"
            )
        ),
        "totals": list(
            ResourceTotal.objects.order_by("dsp_id").values_list(
                "dsp_id", "usages", "revenue_eur"
            )
        ),
    }


def imported(path: Path, **settings) -> dict[str, object]:
    """Import ``path`` with ``settings`` and roll it back; return what it
    stored, or the database error it stopped at."""
    try:
        with override_settings(**settings), transaction.atomic():
            everything = stored(dsr_import(path=path))
            transaction.set_rollback(True)
    except DatabaseError as error:
        # Usages summing past a bigint stop both paths alike; a twin may not
        # fail where the other stores.
        return {"error": f"{type(error).__name__}: {error}"}
    return everything


@pytest.mark.django_db
@pytest.mark.postgresql  # the SQL cast is PostgreSQL's
@pytest.mark.parametrize(
    "limits",
    [{}, {"DSRS_MAX_LINE_BYTES": 64, "DSRS_MAX_FIELD_CHARS": 4}],
    ids=["default limits", "small limits"],
)
@settings(max_examples=30)
@data_files
@given(dsr=dsr_files())
def test_sql_cast_stores_what_the_parser_stores(folder, twin_inputs, limits, dsr):
    """Every file, both paths: the same rows, errors, warnings, counts."""
    path = written(folder, dsr)
    parsed = imported(path, DSRS_IMPORT_CAST_IN_SQL=False, **limits)
    cast = imported(path, DSRS_IMPORT_CAST_IN_SQL=True, **limits)
    assert cast == parsed
    size = "small limits" if limits else "default limits"
    twin_inputs[f"dsrs line grammar: SQL cast == rows, {size}"] += 1
