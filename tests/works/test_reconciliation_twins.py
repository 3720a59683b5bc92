"""The canonical order of works rows: ``row_sort_key`` and its SQL spelling.

``works.reconciliation.row_sort_key`` is the order the rules take rows in;
what runs is the importer's SQL (``works.services.staging``), which keeps
the first of identical rows and numbers the rest by ``_CANONICAL_ORDER``.
Both run on both databases, on random rows (Hypothesis, derandomized) and on
the rows of every file in ``tests/data/works/`` and the delivered sample;
``twin_inputs`` counts them.
"""

from contextlib import suppress
from operator import attrgetter
from pathlib import Path

import pytest
from django.db import connection
from hypothesis import example, given, settings
from hypothesis import strategies as st

from common.identifiers import iswc_check_digit
from tests.works.conftest import DATA_DIR, SAMPLE
from works.parsers import WorkRow, WorksFormatError, WorksReader, row_build
from works.reconciliation import row_sort_key
from works.services.staging import Staging

pytestmark = pytest.mark.django_db

FILES = [*sorted(DATA_DIR.glob("*.csv")), SAMPLE]


def python_order(rows: list[WorkRow]) -> list[WorkRow]:
    """The first row of each fingerprint (by line), by ``row_sort_key``.

    Staging does not carry the ``isrcs`` column: its links are taken from the
    rows before they are staged (``works.services.importing``).
    """
    first: dict[str, WorkRow] = {}
    for row in sorted(rows, key=attrgetter("line")):
        first.setdefault(row.fingerprint, row._replace(raw_isrcs=""))
    return sorted(first.values(), key=row_sort_key)


def sql_order(rows: list[WorkRow]) -> list[WorkRow]:
    """The rows as the importer stages, numbers and reads them back."""
    with connection.cursor() as cursor:
        staging = Staging(cursor=cursor)
        staging.begin()
        try:
            staging.stage(rows)
            staging.order()
            return [row for batch in staging.batches(size=7) for row in batch]
        finally:
            staging.end()


def file_rows(path: Path) -> list[WorkRow]:
    """The rows a file yields, up to a file error if it has one."""
    rows = []
    with suppress(WorksFormatError):
        for row in WorksReader(path=path, source=path.stem):
            rows.append(row)
    return rows


# Text as a database stores it: any character but NUL (and no surrogates).
TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=8)
TITLES = st.one_of(
    st.sampled_from(["Intro", "INTRO", "intro!", "Me EnamorÃ©", "Me Enamoré", " "]),
    TEXT,
)
NAMES = st.one_of(
    st.sampled_from(["Smith John", "John Smith", "O'Brien Edward", "Doe Jane", ""]),
    TEXT,
)
NINE_DIGITS = st.from_regex(r"[0-9]{9}", fullmatch=True)
ISWCS = st.one_of(
    st.just(""),
    NINE_DIGITS.map(lambda d: f"T{d}{iswc_check_digit(digits=d)}"),
    NINE_DIGITS.map(
        lambda d: f"T-{d[:3]}.{d[3:6]}.{d[6:]}-{iswc_check_digit(digits=d)}"
    ),
    NINE_DIGITS.map(lambda d: f"T{d}{(iswc_check_digit(digits=d) + 1) % 10}"),
    TEXT,
)
RAW_ROWS = st.tuples(
    st.sampled_from(["provider", "works_metadata", "other"]),
    st.sampled_from(["", "1", "2", "A-7"]),
    TITLES,
    st.lists(NAMES, max_size=3).map("|".join),
    ISWCS,
)


@st.composite
def work_rows(draw) -> list[WorkRow]:
    """Rows of a file, some of them the same row again on another line."""
    raw = draw(st.lists(RAW_ROWS, min_size=1, max_size=20))
    picked = draw(st.lists(st.sampled_from(raw), max_size=30))
    return [
        row_build(
            line=line,
            source=source,
            provider_id=provider_id,
            raw_title=title,
            raw_contributors=contributors,
            raw_iswc=iswc,
        )
        for line, (source, provider_id, title, contributors, iswc) in enumerate(
            picked, start=2
        )
    ]


def data_files(test):
    for path in reversed(FILES):
        test = example(rows=file_rows(path))(test)
    return test


@settings(max_examples=100)
@data_files
@given(rows=work_rows())
def test_the_sql_order_is_row_sort_key(twin_inputs, rows):
    assert sql_order(rows) == python_order(rows)
    twin_inputs["works canonical order: _CANONICAL_ORDER == row_sort_key"] += 1
