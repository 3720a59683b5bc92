"""Rows without ISWC that meet no other row are decided set-wise
(``works.services.title_joining``); the rest still go through the rules."""

import pytest

from works.models import Contributor, ReviewItem, SourceRow, Work
from works.reconciliation import Outcome, ReviewKind, WorkPool
from works.services import work_import

pytestmark = pytest.mark.django_db

STORED = (
    "title,contributors,iswc\nIntro,Smith John,T9204649558\nOutro,Doe Jane,\n"
    "Intro,Doe Jane,\n"
)


@pytest.fixture
def rules_rows(monkeypatch):
    """The rows the rules reconcile, by title."""
    seen = []
    reconcile = WorkPool.reconcile

    def spied(pool, row):
        seen.append(row.raw_title)
        return reconcile(pool, row)

    monkeypatch.setattr(WorkPool, "reconcile", spied)
    return seen


def test_lone_rows_never_reach_the_rules(tmp_path, rules_rows):
    (tmp_path / "a.csv").write_text(STORED, encoding="utf-8")
    (tmp_path / "b.csv").write_text(
        "title,contributors,iswc\nINTRO!,John Smith|Roe Max,\n"
        "Outro,Doe Jane|Roe Max,T123\nCoda,Roe Max,\n",
        encoding="utf-8",
    )
    work_import(path=tmp_path / "a.csv")
    rules_rows.clear()
    result = work_import(path=tmp_path / "b.csv")
    assert rules_rows == []
    assert (result.details["works_created"], result.details["rows_merged"]) == (1, 2)
    intro = Work.objects.get(iswc="T9204649558")
    assert list(intro.contributors.values_list("name", flat=True)) == [
        "Smith John",
        "Roe Max",
    ]
    outcomes = dict(SourceRow.objects.values_list("raw_title", "outcome"))
    assert outcomes == {
        "Intro": Outcome.CREATED,
        "Outro": Outcome.TITLE_MATCH,
        "INTRO!": Outcome.TITLE_MATCH,
        "Coda": Outcome.CREATED,
    }
    assert Work.objects.get(title="Coda").contributors.get().name == "Roe Max"
    # An invalid ISWC is queued for review, as the rules word it.
    review = ReviewItem.objects.get()
    assert (review.kind, review.source_row.raw_title) == (
        ReviewKind.INVALID_ISWC,
        "Outro",
    )


def test_rows_that_meet_go_through_the_rules(tmp_path, rules_rows):
    (tmp_path / "a.csv").write_text(STORED, encoding="utf-8")
    (tmp_path / "b.csv").write_text(
        "title,contributors\nCoda,Roe Max\nCODA,Roe Max|Doe Jane\n"
        "Intro,Smith John|Doe Jane\n",
        encoding="utf-8",
    )
    work_import(path=tmp_path / "a.csv")
    rules_rows.clear()
    work_import(path=tmp_path / "b.csv")
    # A shared title and contributor; two stored works match.
    assert sorted(rules_rows) == ["CODA", "Coda", "Intro"]
    assert Contributor.objects.filter(work__title="CODA").count() == 2
    assert ReviewItem.objects.get().kind == ReviewKind.AMBIGUOUS
