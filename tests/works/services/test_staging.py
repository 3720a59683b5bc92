"""Staging a works CSV: rows built in worker processes, staged in file order."""

import random

import pytest
from django.db import connection

from recordings.models import RecordingWork
from works.models import (
    Contributor,
    ReviewItem,
    SourceRow,
    Work,
    WorkImport,
    WorkTitle,
)
from works.parsers import FILE_CSV, WorksReader
from works.services import importing, work_import
from works.services.cwr import DETAILS, CwrStaging
from works.services.importing import _records_stage
from works.services.staging import (
    STAGED_COLUMNS,
    STAGING,
    Staging,
    _staged,
)

pytestmark = pytest.mark.django_db

EDGE_RECORDS = (
    '"Quoted, title",Adele|Paul Epworth,T-010.197.459-7,QZ1231234567\n',
    "Tab\there,Line\\Back,,\n",
    "Bad \xff byte,Adele,,\n",
    "Nul \x00 char,Adele,,\n",
    '"Two\nlines",Adele,,\n',
    ",Adele,,\n",
    "No one,,,\n",
    "\n",
    "Too,many,fields,here,and,more\n",
    "Short\n",
    "X" * 200 + ",Adele,,\n",
)


def edge_file(tmp_path, *, rows: int, seed: int):
    """A CSV of ``rows`` records drawn from the edge cases, some repeated."""
    rng = random.Random(seed)
    text = "title,contributors,iswc,isrcs\n" + "".join(
        rng.choice(EDGE_RECORDS) for _ in range(rows)
    )
    path = tmp_path / f"edges-{seed}.csv"
    path.write_bytes(
        text.encode("utf-8", "surrogateescape").replace(b"\xc3\xbf", b"\xff")
    )
    return path


def staged_rows() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(STAGED_COLUMNS)} FROM {STAGING}")
        return sorted(cursor.fetchall())


@pytest.mark.parametrize("processes", [1, 2])
def test_rows_staged_by_workers_are_the_reader_s_rows(
    tmp_path, settings, monkeypatch, processes
):
    settings.WORKS_PARSE_PROCESSES = processes
    monkeypatch.setattr(importing, "PARSE_BATCH_ROWS", 7)
    path = edge_file(tmp_path, rows=120, seed=processes)
    reader = WorksReader(path=path, source="s", max_line_chars=150)
    progress = []
    with connection.cursor() as cursor:
        staging = Staging(cursor=cursor)
        staging.begin()
        _records_stage(reader, staging, progress.append)
        staged = staged_rows()
        staging.end()
    expected = list(WorksReader(path=path, source="s", max_line_chars=150))
    assert staged == sorted(_staged(row) for row in expected)
    assert staging.staged == len(expected) == reader.rows_read
    assert progress[-1] == reader.rows_read and len(progress) == -(-len(expected) // 7)


def stored_view() -> list[tuple]:
    """What an import stored, ids aside."""
    rows = SourceRow.objects.values_list(
        "line", "raw_title", "outcome", "reason", "field", "value", "work__title"
    )
    links = RecordingWork.objects.values_list("recording__isrc", "iswc")
    return [sorted(rows, key=repr), sorted(links), ReviewItem.objects.count()]


def test_an_import_built_by_workers_stores_what_one_process_stores(
    tmp_path, settings, monkeypatch
):
    monkeypatch.setattr(importing, "PARSE_BATCH_ROWS", 5)
    path = edge_file(tmp_path, rows=80, seed=3)
    stored = []
    for processes in (1, 2):
        settings.WORKS_PARSE_PROCESSES = processes
        assert work_import(path=path).ok
        stored.append(stored_view())
        for model in (ReviewItem, SourceRow, Contributor, WorkTitle, Work):
            model.objects.all().delete()
        RecordingWork.objects.all().delete()
        WorkImport.objects.all().delete()
    assert stored[0] == stored[1] and len(stored[0][0]) >= 8 and stored[0][1]


def test_a_csv_error_past_the_first_batches_fails_the_file_naming_its_line(
    tmp_path, settings, monkeypatch
):
    settings.WORKS_PARSE_PROCESSES = 2
    monkeypatch.setattr(importing, "PARSE_BATCH_ROWS", 3)
    path = tmp_path / "late.csv"
    path.write_text(
        "title,contributors\n" + "Hello,Adele\n" * 40 + '"Skyfall,Adele\n',
        encoding="utf-8",
    )
    result = work_import(path=path)
    assert not result.ok
    assert result.message == FILE_CSV.format(
        name="late.csv", line=42, detail="unexpected end of data"
    )
    assert not Work.objects.exists() and not SourceRow.objects.exists()


def _collation(cursor, table: str) -> int:
    cursor.execute(
        "SELECT attcollation FROM pg_attribute "
        "WHERE attrelid = %s::regclass AND attname = 'fingerprint'",
        [table],
    )
    return cursor.fetchone()[0]


@pytest.mark.postgresql
def test_staged_fingerprints_compare_in_the_collation_of_the_stored_ones():
    """Rows already imported are told by probing ``works_row_once``, which
    PostgreSQL can only do in that index's collation: in another one it
    compared every staged row with every stored one."""
    with connection.cursor() as cursor:
        staging = Staging(cursor=cursor)
        staging.begin()
        cwr = CwrStaging(cursor=cursor, staging=staging)
        cwr.begin()
        stored = _collation(cursor, "works_sourcerow")
        assert _collation(cursor, STAGING) == stored
        assert _collation(cursor, DETAILS) == stored
        cwr.end()
        staging.end()
