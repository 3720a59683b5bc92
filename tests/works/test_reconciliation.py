"""The reconciliation rules, without a database."""

import random
from itertools import count, permutations

import pytest

from works.parsers import WorksReader, row_build
from works.reconciliation import (
    REVIEW_AMBIGUOUS,
    REVIEW_INVALID_ISWC,
    REVIEW_TITLE_CONFLICT,
    Outcome,
    ReviewKind,
    Work,
    WorkPool,
    rows_reconcile,
)


def row(title, contributors, iswc="", line=2, source="s"):
    return row_build(
        line=line,
        source=source,
        provider_id="",
        raw_title=title,
        raw_contributors=contributors,
        raw_iswc=iswc,
    )


def new_pool() -> WorkPool:
    ids = count(1)
    return WorkPool(next_id=lambda: next(ids))


def single_view(pool: WorkPool) -> set:
    """The works as data, ids aside: what must not depend on row order."""
    return {
        (
            work.iswc,
            work.title,
            frozenset(work.titles.values()),
            frozenset(work.contributors.values()),
        )
        for work in pool.works.values()
    }


def reconciled(rows) -> WorkPool:
    pool = new_pool()
    rows_reconcile(rows=rows, pool=pool)
    return pool


SAMPLE_VIEW = {
    (
        "T9204649558",
        "Shape of You",
        frozenset({"Shape of You"}),
        frozenset({"Edward Christopher Sheeran"}),
    ),
    (
        "T0101974597",
        "Adventure of a Lifetime",
        frozenset({"Adventure of a Lifetime"}),
        frozenset(
            {
                "O Brien Edward John",
                "Yorke Thomas Edward",
                "Greenwood Colin Charles",
                "Selway Philip James",
            }
        ),
    ),
    (
        "T9214745718",
        "Me Enamoré",
        frozenset({"Me Enamoré"}),
        frozenset({"Rayo Gibo Antonio", "Ripoll Shakira Isabel Mebarak"}),
    ),
    (
        "T0046951705",
        "Je ne sais pas",
        frozenset({"Je ne sais pas"}),
        frozenset({"Obispo Pascal Michel", "Florence Lionel Jacques"}),
    ),
}


def test_the_sample_gives_four_works_in_all_720_orders(sample):
    rows = list(WorksReader(path=sample, source="works_metadata"))
    orders = list(permutations(rows))
    assert len(orders) == 720
    for order in orders:
        # As if the file had the rows in this order: lines follow the order.
        renumbered = [r._replace(line=line) for line, r in enumerate(order, 2)]
        assert single_view(reconciled(renumbered)) == SAMPLE_VIEW


def test_a_row_without_iswc_joins_the_work_its_iswc_row_created(sample):
    rows = list(WorksReader(path=sample, source="works_metadata"))
    pool = new_pool()
    decisions = {d.row.line: d for d in rows_reconcile(rows=rows, pool=pool)}
    assert decisions[6].outcome == Outcome.TITLE_MATCH
    assert decisions[6].work.iswc == "T0046951705"
    assert decisions[4].outcome == Outcome.ISWC_MATCH


def test_same_iswc_different_title_is_merged_as_a_conflict():
    pool = reconciled([row("Shape of You", "Ed Sheeran", "T9204649558", line=2)])
    decision = pool.reconcile(row("Shape Of U", "Ed Sheeran", "T-920.464.955-8"))
    assert decision.outcome == Outcome.CONFLICT
    assert decision.work.id == 1
    assert decision.titles_added == [("Shape Of U", "shape of u")]
    assert decision.reviews[0].kind == ReviewKind.CONFLICT
    assert decision.reviews[0].detail == REVIEW_TITLE_CONFLICT.format(
        iswc="T9204649558", title="Shape Of U", work_title="Shape of You"
    )
    # The alternative title now matches rows without ISWC too.
    assert pool.reconcile(row("shape of u", "Sheeran Ed")).work.id == 1


def test_a_row_with_a_new_iswc_gives_it_to_the_matching_work_without_iswc():
    pool = reconciled([row("Je ne sais pas", "Obispo Pascal|Florence Lionel")])
    decision = pool.reconcile(row("JE NE SAIS PAS", "Pascal Obispo", "T0046951705"))
    assert (decision.outcome, decision.iswc_taken) == (Outcome.TITLE_MATCH, True)
    assert pool.works[1].iswc == "T0046951705"


def test_two_different_iswcs_never_merge():
    pool = reconciled(
        [
            row("Intro", "Smith John", "T9204649558"),
            row("Intro", "Smith John", "T0101974597"),
        ]
    )
    assert sorted(w.iswc for w in pool.works.values()) == [
        "T0101974597",
        "T9204649558",
    ]


def test_a_work_with_an_iswc_does_not_take_a_second_one():
    pool = reconciled([row("Intro", "Smith John", "T9204649558")])
    decision = pool.reconcile(row("Intro", "Smith John", "T0101974597"))
    assert decision.created and decision.work.iswc == "T0101974597"
    assert pool.works[1].iswc == "T9204649558"


def test_several_candidates_make_a_new_work_and_a_review_naming_them():
    pool = reconciled(
        [
            row("Intro", "Smith John", "T9204649558"),
            row("Intro", "Smith John|Doe Jane", "T0101974597"),
        ]
    )
    decision = pool.reconcile(row("Intro", "John Smith"))
    assert decision.created and decision.work.id == 3
    (review,) = decision.reviews
    assert (review.kind, review.candidates) == (ReviewKind.AMBIGUOUS, (1, 2))
    assert review.detail == REVIEW_AMBIGUOUS.format(count=2, ids="#1, #2")


def test_several_works_without_iswc_do_not_take_a_new_iswc():
    pool = new_pool()
    for work_id in (1, 2):
        pool.add(
            Work(
                id=work_id,
                iswc="",
                title="Intro",
                titles={"intro": "Intro"},
                contributors={"john smith": "Smith John"},
            )
        )
    pool.next_id = lambda: 3
    decision = pool.reconcile(row("Intro", "Smith John", "T9204649558"))
    assert decision.created and decision.reviews[0].candidates == (1, 2)
    assert [pool.works[i].iswc for i in (1, 2)] == ["", ""]


@pytest.mark.parametrize(
    ("title", "contributors", "matches"),
    [
        ("Hello", "Adele", True),
        ("HELLO!", "adele", True),  # normal forms
        ("Hello", "Someone Else", False),  # no contributor in common
        ("Goodbye", "Adele", False),  # another title
    ],
)
def test_title_and_contributor_overlap(title, contributors, matches):
    pool = reconciled([row("Hello", "Adele|Kurstin Greg")])
    decision = pool.reconcile(row(title, contributors))
    assert (decision.outcome == Outcome.TITLE_MATCH) is matches


def test_contributors_are_unioned_on_name_tokens():
    pool = reconciled(
        [
            row("Adventure of a Lifetime", "O'Brien Edward John", "T0101974597"),
            row("Adventure of a Lifetime", "O Brien Edward John|Selway Philip"),
        ]
    )
    assert list(pool.works[1].contributors.values()) == [
        "O'Brien Edward John",
        "Selway Philip",
    ]


def test_invalid_iswc_is_not_matched_and_is_flagged():
    pool = reconciled([row("Shape of You", "Ed Sheeran", "T9204649558")])
    decision = pool.reconcile(row("Other", "Ed Sheeran", "T9204649559"))
    assert decision.created and decision.work.iswc == ""
    assert decision.reviews[0].kind == ReviewKind.INVALID_ISWC
    assert decision.reviews[0].detail == REVIEW_INVALID_ISWC.format(value="T9204649559")
    # With a matching title it still joins, on title and contributors.
    decision = pool.reconcile(row("Shape of You", "Ed Sheeran", "T920464955X"))
    assert decision.outcome == Outcome.TITLE_MATCH
    assert decision.reviews[0].kind == ReviewKind.INVALID_ISWC


def test_rejected_rows_change_nothing():
    pool = new_pool()
    decision = pool.reconcile(row("", "Adele"))
    assert (decision.outcome, decision.work) == (Outcome.REJECTED, None)
    assert pool.works == {}


def test_the_displayed_spelling_is_repaired_not_normalised():
    pool = reconciled([row("Me EnamorÃ©", "Ripoll Shakira")])
    assert pool.works[1].title == "Me Enamoré"


def test_order_does_not_matter_when_candidates_are_ambiguous():
    rows = [
        row("Intro", "Smith John", "T9204649558"),
        row("Intro", "Smith John|Doe Jane", "T0101974597"),
        row("Intro", "Doe Jane"),
        row("Intro", "John Smith"),
        row("Intro", "Roe Richard"),
        row("Intro", "Roe Richard|Doe Jane"),
        row("INTRO", "Smith John", "T-920.464.955-8"),
        row("Outro", "Smith John", "T9204649558"),
    ]
    expected = single_view(reconciled(rows))
    shuffled = list(rows)
    for seed in range(200):
        random.Random(seed).shuffle(shuffled)
        renumbered = [r._replace(line=line) for line, r in enumerate(shuffled, 2)]
        assert single_view(reconciled(renumbered)) == expected
