"""The reconciliation rules: which work each source row belongs to. No ORM.

This module alone decides them; the importer only feeds it the works a batch
of rows could touch and stores its decisions. docs/works.md states the same rules.

1. A row with an empty title or no contributor is rejected.
2. An invalid ISWC is never matched on: the row is reconciled as if it had
   none, and its raw value is flagged for review.
3. A row with a valid ISWC joins the work with that ISWC (a different title
   is kept as an alternative title and recorded as a conflict). If no work
   has the ISWC, it joins the one work without ISWC whose title matches and
   whose contributors overlap, which takes the ISWC; otherwise it creates a
   work.
4. A row without ISWC joins the one work whose title matches and whose
   contributors overlap. Several candidates: a new work, and a review item
   naming them.
5. A work's contributors are the union of its rows' (compared as sets of
   name tokens); two different ISWCs never merge.

Titles match when their normal forms are equal (a work's alternative titles
count). Rows are taken in a canonical order that depends only on their
contents (``row_sort_key``): valid ISWCs first, by ISWC, then by title,
contributors, source and raw values. So the result never depends on the
order of the rows in a file.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from works.parsers import WorkRow

REVIEW_TITLE_CONFLICT = (
    "ISWC {iswc}: title {title!r} differs from the work's {work_title!r}; "
    "kept as an alternative title"
)
REVIEW_AMBIGUOUS = (
    "title and contributors match {count} works ({ids}); a new work was "
    "created instead of merging"
)
REVIEW_INVALID_ISWC = (
    "ISWC {value!r} is invalid (shape or check digit); reconciled as if the "
    "row had none"
)


class Outcome(StrEnum):
    CREATED = "created"
    ISWC_MATCH = "iswc_match"
    TITLE_MATCH = "title_match"
    CONFLICT = "conflict"
    REJECTED = "rejected"


class ReviewKind(StrEnum):
    CONFLICT = "conflict"
    AMBIGUOUS = "ambiguous"
    INVALID_ISWC = "invalid_iswc"
    SHARES = "shares"  # CWR ownership shares over 100 % for a right
    ACK_ISWC = "ack_iswc"  # a society assigned an ISWC other than the work's


@dataclass
class Work:
    """A work as the rules see it: ISWC ("" for none), titles, contributors."""

    id: int
    iswc: str
    title: str
    titles: dict[str, str] = field(default_factory=dict)  # normal form -> spelling
    contributors: dict[str, str] = field(default_factory=dict)  # key -> spelling


class Review(NamedTuple):
    kind: ReviewKind
    detail: str
    candidates: tuple[int, ...] = ()


@dataclass
class Decision:
    """Where one row went and what it changed."""

    row: WorkRow
    outcome: Outcome
    work: Work | None = None
    created: bool = False
    iswc_taken: bool = False
    titles_added: list[tuple[str, str]] = field(default_factory=list)
    contributors_added: list[tuple[str, str]] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)


def row_sort_key(row: WorkRow) -> tuple:
    """The canonical order rows are reconciled in; the importer's SQL
    ``ORDER BY`` spells the same key."""
    return (
        row.iswc == "",
        row.iswc,
        row.title_normal,
        row.contributors_key,
        row.source,
        row.provider_id,
        row.raw_title,
        row.raw_contributors,
        row.raw_iswc,
        row.line,
    )


class WorkPool:
    """The works a batch of rows can reach, indexed by ISWC and by title.

    The importer adds every stored work that shares an ISWC, or a title and a
    contributor, with a row of the batch; works the batch creates are added
    as they are. ``next_id`` gives a new work its id.
    """

    def __init__(self, *, next_id: Callable[[], int]):
        self.next_id = next_id
        self.works: dict[int, Work] = {}
        self.by_iswc: dict[str, Work] = {}
        # (title normal form, contributor key) -> works: a common title or
        # name alone would make every lookup walk many works.
        self.by_pair: dict[tuple[str, str], list[Work]] = defaultdict(list)

    def add(self, work: Work) -> None:
        self.works[work.id] = work
        if work.iswc:
            self.by_iswc[work.iswc] = work
        for normal in work.titles:
            for key in work.contributors:
                self.by_pair[normal, key].append(work)

    def reconcile(self, row: WorkRow) -> Decision:
        """Apply the rules to one row, updating the pool."""
        if row.reason:
            return Decision(row=row, outcome=Outcome.REJECTED)
        decision = self._iswc_join(row) if row.iswc else self._title_join(row)
        if decision.work is None:
            decision.work, decision.created = self._create(row), True
        self._contributors_union(decision, row)
        if row.iswc_invalid:
            decision.reviews.append(
                Review(
                    ReviewKind.INVALID_ISWC,
                    REVIEW_INVALID_ISWC.format(value=row.raw_iswc.strip()),
                )
            )
        return decision

    def candidates(self, row: WorkRow, *, without_iswc: bool) -> list[Work]:
        """Works whose title matches the row's and whose contributors overlap."""
        found = {
            work.id: work
            for contributor in row.contributors
            for work in self.by_pair.get((row.title_normal, contributor.key), ())
            if not (without_iswc and work.iswc)
        }
        return [found[work_id] for work_id in sorted(found)]

    def _iswc_join(self, row: WorkRow) -> Decision:
        work = self.by_iswc.get(row.iswc)
        if work is not None:
            decision = Decision(row=row, outcome=Outcome.ISWC_MATCH, work=work)
            if row.title_normal not in work.titles:
                self._title_add(decision, row)
                decision.outcome = Outcome.CONFLICT
                detail = REVIEW_TITLE_CONFLICT.format(
                    iswc=row.iswc, title=row.title, work_title=work.title
                )
                decision.reviews.append(Review(ReviewKind.CONFLICT, detail))
            return decision
        decision = self._candidate_join(row, self.candidates(row, without_iswc=True))
        if decision.work is not None:
            decision.work.iswc, decision.iswc_taken = row.iswc, True
            self.by_iswc[row.iswc] = decision.work
        return decision

    def _title_join(self, row: WorkRow) -> Decision:
        return self._candidate_join(row, self.candidates(row, without_iswc=False))

    def _candidate_join(self, row: WorkRow, candidates: list[Work]) -> Decision:
        if len(candidates) == 1:
            return Decision(row=row, outcome=Outcome.TITLE_MATCH, work=candidates[0])
        decision = Decision(row=row, outcome=Outcome.CREATED)
        if candidates:
            ids = tuple(work.id for work in candidates)
            detail = REVIEW_AMBIGUOUS.format(
                count=len(ids), ids=", ".join(f"#{i}" for i in ids)
            )
            decision.reviews.append(Review(ReviewKind.AMBIGUOUS, detail, ids))
        return decision

    def _create(self, row: WorkRow) -> Work:
        work = Work(
            id=self.next_id(),
            iswc=row.iswc,
            title=row.title,
            titles={row.title_normal: row.title},
        )
        self.add(work)
        return work

    def _title_add(self, decision: Decision, row: WorkRow) -> None:
        work = decision.work
        work.titles[row.title_normal] = row.title
        for key in work.contributors:
            self.by_pair[row.title_normal, key].append(work)
        decision.titles_added.append((row.title, row.title_normal))

    def _contributors_union(self, decision: Decision, row: WorkRow) -> None:
        work = decision.work
        for contributor in row.contributors:
            if contributor.key not in work.contributors:
                work.contributors[contributor.key] = contributor.name
                for normal in work.titles:
                    self.by_pair[normal, contributor.key].append(work)
                decision.contributors_added.append(contributor)


def rows_reconcile(*, rows: Iterable[WorkRow], pool: WorkPool) -> list[Decision]:
    """Reconcile rows in the canonical order; the decisions come in that order."""
    return [pool.reconcile(row) for row in sorted(rows, key=row_sort_key)]
