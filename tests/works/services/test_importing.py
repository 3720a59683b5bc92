"""work_import on real files, on both databases."""

import random

import pytest

from common.ingest.results import ALREADY_INGESTED
from common.ingest.status import ImportStatus
from works.models import Contributor, ReviewItem, SourceRow, Work, WorkImport
from works.parsers import (
    FILE_MISSING_COLUMNS,
    ROW_FIELD_COUNT,
    ROW_FIELD_TOO_LONG,
    ROW_LINE_TOO_LONG,
    ROW_NUL,
    ROW_SOURCE_TOO_LONG,
    ROW_TITLE_EMPTY,
)
from works.reconciliation import Outcome, ReviewKind
from works.services import work_import

pytestmark = pytest.mark.django_db


def works_view() -> set:
    return {
        (
            work.iswc,
            work.title,
            frozenset(t.title for t in work.titles.all()),
            frozenset(c.name for c in work.contributors.all()),
        )
        for work in Work.objects.prefetch_related("titles", "contributors")
    }


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_sample_counts(sample):
    result = work_import(path=sample)
    assert result.status == ImportStatus.INGESTED
    assert (
        result.rows_read,
        result.details["works_created"],
        result.details["rows_merged"],
        result.details["conflicts"],
        result.rows_rejected,
        result.details["reviews"],
    ) == (6, 4, 2, 0, 0, 0)
    assert Work.objects.count() == 4
    work = Work.objects.get(iswc="T0101974597")
    assert work.contributors.count() == 4
    assert Work.objects.get(iswc="T9214745718").title == "Me Enamoré"
    assert Work.objects.get(iswc="T0046951705").rows.count() == 2


def test_every_row_is_kept_with_where_and_how_it_went(sample):
    result = work_import(path=sample, source="society")
    rows = {r.line: r for r in SourceRow.objects.select_related("work")}
    assert sorted(rows) == [2, 3, 4, 5, 6, 7]
    assert rows[5].raw_title == "Me EnamorÃ©"
    assert rows[6].outcome == Outcome.TITLE_MATCH
    assert rows[6].work.iswc == "T0046951705"
    assert rows[4].outcome == Outcome.ISWC_MATCH
    assert {r.source for r in rows.values()} == {"society"}
    assert {r.work_import_id for r in rows.values()} == {result.import_id}


def test_the_same_file_is_skipped(sample):
    first = work_import(path=sample)
    again = work_import(path=sample)
    assert again.status == ImportStatus.SKIPPED and again.ok
    assert again.message == ALREADY_INGESTED.format(
        name="work import", import_id=first.import_id
    )
    assert SourceRow.objects.count() == 6


def test_the_same_rows_in_another_file_change_nothing(sample, tmp_path):
    work_import(path=sample)
    before = works_view()
    copy = write(tmp_path, "works_metadata.csv", sample.read_text() + "\n\n")
    result = work_import(path=copy)
    assert result.status == ImportStatus.INGESTED
    assert (
        result.details["rows_known"],
        result.details["works_created"],
        result.details["rows_merged"],
    ) == (6, 0, 0)
    assert works_view() == before
    assert SourceRow.objects.count() == 6


@pytest.mark.parametrize("seed", range(6))
def test_row_order_does_not_matter(sample, tmp_path, seed):
    header, *lines = sample.read_text(encoding="utf-8").splitlines()
    random.Random(seed).shuffle(lines)
    path = write(tmp_path, "shuffled.csv", "\n".join([header, *lines]) + "\n")
    result = work_import(path=path)
    assert (result.details["works_created"], result.details["rows_merged"]) == (4, 2)
    assert len(works_view()) == 4
    assert Work.objects.get(iswc="T0046951705").rows.count() == 2


def test_rejected_rows_are_kept_and_the_rest_imports(data_dir):
    result = work_import(path=data_dir / "empty_title.csv")
    assert (
        result.rows_read,
        result.rows_rejected,
        result.details["works_created"],
    ) == (2, 1, 1)
    rejected = SourceRow.objects.get(outcome=Outcome.REJECTED)
    assert (rejected.line, rejected.reason, rejected.work) == (2, ROW_TITLE_EMPTY, None)
    assert (rejected.field, rejected.value) == ("title", "  ")
    result = work_import(path=data_dir / "long_row.csv")
    rejected = SourceRow.objects.get(line=2, work_import_id=result.import_id)
    assert rejected.reason == ROW_FIELD_COUNT.format(expected=3, found=4)
    assert (rejected.field, rejected.value) == ("", "")


def test_a_nul_byte_is_set_aside_with_its_line(data_dir):
    """It failed the whole file with the raw database error (issue 25, 6)."""
    result = work_import(path=data_dir / "nul_byte.csv")
    assert result.ok, result.message
    assert (result.rows_read, result.rows_rejected) == (3, 1)
    assert result.details["works_created"] == 2
    rejected = SourceRow.objects.get(outcome=Outcome.REJECTED)
    assert (rejected.line, rejected.reason) == (3, ROW_NUL)
    assert rejected.raw_title == "Bad\ufffdSong"


@pytest.mark.parametrize(
    ("size", "reason"),
    [
        (200_000, ROW_FIELD_TOO_LONG.format(limit=131_072)),
        (2_000_000, ROW_LINE_TOO_LONG.format(limit=1_048_576)),
    ],
)
def test_a_field_or_line_past_its_limit_is_set_aside(tmp_path, size, reason):
    """A 1 MB field failed the whole file, "field larger than field limit"."""
    path = write(
        tmp_path,
        "long.csv",
        "title,contributors\n"
        "First,Ann Writer\n"
        f"{'x' * size},Bo Writer\n"
        f'"{"y" * size}\n{"y" * 10}",Bo Writer\n'
        "Last,Cy Writer\n",
    )
    result = work_import(path=path)
    assert result.ok, result.message
    assert (result.rows_read, result.rows_rejected) == (4, 2)
    assert result.details["works_created"] == 2
    rejected = SourceRow.objects.filter(outcome=Outcome.REJECTED).order_by("line")
    assert [(row.line, row.reason, row.raw_title) for row in rejected] == [
        (3, reason, ""),
        (4, reason, ""),
    ]


def test_a_source_longer_than_its_column_is_set_aside(tmp_path):
    path = write(
        tmp_path, "src.csv", f"title,contributors,source\nA,Ann,{'s' * 201}\nB,Bo,\n"
    )
    result = work_import(path=path)
    assert (result.ok, result.rows_rejected) == (True, 1)
    rejected = SourceRow.objects.get(outcome=Outcome.REJECTED)
    assert rejected.reason == ROW_SOURCE_TOO_LONG.format(limit=200)


def test_a_used_row_has_no_fault(sample):
    work_import(path=sample)
    assert set(SourceRow.objects.values_list("reason", "field", "value")) == {
        ("", "", "")
    }


def test_a_file_error_stores_nothing_but_the_failure(data_dir):
    result = work_import(path=data_dir / "missing_column.csv")
    assert result.status == ImportStatus.FAILED and not result.ok
    assert result.message == FILE_MISSING_COLUMNS.format(
        name="missing_column.csv", columns="contributors", found="title, iswc"
    )
    assert WorkImport.objects.get().status == WorkImport.Status.FAILED
    assert not Work.objects.exists() and not SourceRow.objects.exists()


def test_a_csv_error_midway_rolls_the_file_back(tmp_path):
    path = write(
        tmp_path, "broken.csv", 'title,contributors\nHello,Adele\n"Skyfall,Adele\n'
    )
    result = work_import(path=path)
    assert result.status == ImportStatus.FAILED
    assert not Work.objects.exists() and not SourceRow.objects.exists()


def test_a_later_file_gives_an_iswc_to_a_work_without_one(tmp_path):
    work_import(path=write(tmp_path, "a.csv", "title,contributors\nHello,Adele\n"))
    result = work_import(
        path=write(
            tmp_path, "b.csv", "title,contributors,iswc\nHELLO,Adele,T-920.464.955-8\n"
        )
    )
    assert (result.details["works_created"], result.details["rows_merged"]) == (0, 1)
    assert Work.objects.get().iswc == "T9204649558"


def test_a_title_conflict_is_merged_and_queued_for_review(sample, tmp_path):
    work_import(path=sample)
    result = work_import(
        path=write(
            tmp_path,
            "b.csv",
            "title,contributors,iswc,source,id\n"
            "Shape of U,Ed Sheeran,T9204649558,acme,42\n",
        )
    )
    assert (
        result.details["conflicts"],
        result.details["rows_merged"],
        result.details["reviews"],
    ) == (1, 1, 1)
    work = Work.objects.get(iswc="T9204649558")
    assert work.title == "Shape of You"
    assert sorted(work.titles.values_list("title", flat=True)) == [
        "Shape of U",
        "Shape of You",
    ]
    item = ReviewItem.objects.get()
    assert (item.kind, item.work, item.status) == (ReviewKind.CONFLICT, work, "open")
    assert (item.source_row.source, item.source_row.provider_id) == ("acme", "42")


def test_ambiguous_matches_name_their_candidates(tmp_path):
    work_import(
        path=write(
            tmp_path,
            "a.csv",
            "title,contributors,iswc\n"
            "Intro,Smith John,T9204649558\nIntro,Smith John|Doe Jane,T0101974597\n",
        )
    )
    result = work_import(
        path=write(tmp_path, "b.csv", "title,contributors\nIntro,John Smith\n")
    )
    assert (result.details["works_created"], result.details["reviews"]) == (1, 1)
    item = ReviewItem.objects.get()
    expected = sorted(
        Work.objects.filter(iswc__isnull=False).values_list("pk", flat=True)
    )
    assert item.kind == ReviewKind.AMBIGUOUS and item.candidates == expected


def test_invalid_iswc_is_kept_and_flagged(data_dir):
    work_import(path=data_dir / "invalid_iswc.csv")
    work = Work.objects.get()
    assert work.iswc is None
    assert work.rows.get().raw_iswc == "T9204649559"
    assert ReviewItem.objects.get().kind == ReviewKind.INVALID_ISWC


def test_contributors_unioned_across_files(sample, tmp_path):
    work_import(path=sample)
    work_import(
        path=write(
            tmp_path,
            "b.csv",
            "title,contributors,iswc\nShape of You,Sheeran Edward Christopher|"
            "McDaid Johnny,T9204649558\n",
        )
    )
    names = Contributor.objects.filter(work__iswc="T9204649558").values_list(
        "name", flat=True
    )
    assert sorted(names) == ["Edward Christopher Sheeran", "McDaid Johnny"]


def test_batches_reach_works_of_earlier_batches(tmp_path, monkeypatch):
    monkeypatch.setattr("works.services.importing.RECONCILE_BATCH_ROWS", 2)
    lines = [
        f"Song {i},Writer {i},\nSONG {i},Writer {i}|Other {i},\n" for i in range(5)
    ]
    result = work_import(
        path=write(tmp_path, "a.csv", "title,contributors,iswc\n" + "".join(lines))
    )
    assert (result.details["works_created"], result.details["rows_merged"]) == (5, 5)
    assert Contributor.objects.count() == 10


def test_special_characters_are_stored_as_read(data_dir):
    work_import(path=data_dir / "special_characters.csv")
    row = SourceRow.objects.get()
    assert row.raw_title == "Back\\slash\tTab"
    assert row.raw_contributors == "Line\nBreak|Unit\x1fSep"
    assert (row.source, row.provider_id) == ("\\N", "\\N")
    assert row.work.title == "Back\\slash Tab"
