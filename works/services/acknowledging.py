"""Applying a CWR file's acknowledgements (``ACK``) and ISWC notifications
(``ISW``) to the works they name, once its rows are reconciled."""

import json

from django.db import connection
from django.utils import timezone

from common.db import in_list, list_param
from common.identifiers import iswc_normalise
from works.reconciliation import ReviewKind
from works.services.cwr import ACKS, CwrStaging
from works.services.writing import OPEN, REVIEW_COLUMNS
from works.storage import storage

REVIEW_ACK_ISWC = (
    "{society} ({kind}, {date}) gives ISWC {iswc}; the work has {work_iswc}"
)
REVIEW_ACK_ISWC_TAKEN = (
    "{society} ({kind}, {date}) gives ISWC {iswc}, which work #{other} has"
)
REVIEW_ACK_INVALID = "{society} ({kind}, {date}) gives ISWC {value!r}, which is invalid"
_ACK_COLUMNS = (
    "work_id",
    "work_import_id",
    "line",
    "society_id",
    "society",
    "transaction_type",
    "status",
    "date",
    "submitter_work_id",
    "society_work_id",
    "title",
    "iswc",
    "error",
)


def cwr_acks_apply(*, cursor, staged: CwrStaging, work_import_id: int) -> int:
    """Store the acknowledgements with the works they name (by ISWC, else by
    the submitter's work id); a valid ISWC a work lacks is taken, one that
    differs from the work's goes to review. Return the review items opened."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    reviews_opened = 0
    sql = f"SELECT line, body FROM {ACKS} WHERE seq BETWEEN %s AND %s ORDER BY seq"
    for found in staged.batches(ACKS, staged.acks, sql, []):
        acks = [(line, json.loads(body)) for line, body in found]
        matcher = _AckMatcher(cursor=cursor, acks=[ack for _, ack in acks])
        rows, reviews = [], []
        for line, ack in acks:
            work_id, review = matcher.apply(ack)
            rows.append(
                (
                    work_id,
                    work_import_id,
                    line,
                    *(ack.get(c, "") for c in _ACK_COLUMNS[3:]),
                )
            )
            if review:
                kind, detail = review
                reviews.append((kind, OPEN, work_id, None, "[]", detail, now))
        if matcher.iswcs_taken:
            cursor.executemany(
                "UPDATE works_work SET iswc = %s WHERE id = %s",
                list(matcher.iswcs_taken.items()),
            )
        insert = storage().rows_insert
        insert(cursor, table="works_acknowledgement", columns=_ACK_COLUMNS, rows=rows)
        insert(cursor, table="works_reviewitem", columns=REVIEW_COLUMNS, rows=reviews)
        reviews_opened += len(reviews)
    return reviews_opened


class _AckMatcher:
    """The works a batch of acknowledgements names, loaded in two queries."""

    def __init__(self, *, cursor, acks: list[dict]):
        self.iswcs_taken: dict[str, int] = {}
        iswcs = {iswc_normalise(value=a["iswc"])[0] for a in acks if a.get("iswc")}
        ids = {a["submitter_work_id"] for a in acks if a.get("submitter_work_id")}
        cursor.execute(
            f"SELECT iswc, id FROM works_work WHERE {in_list('iswc')}",
            [list_param(sorted(iswcs))],
        )
        self.by_iswc: dict[str, int] = dict(cursor.fetchall())
        cursor.execute(
            "SELECT r.submitter_work_id, w.id, w.iswc FROM works_registration AS r "
            "JOIN works_work AS w ON w.id = r.work_id "
            f"WHERE {in_list('r.submitter_work_id')} ORDER BY r.id",
            [list_param(sorted(ids))],
        )
        self.by_submitter: dict[str, int] = {}
        self.iswc_of: dict[int, str] = {}
        for submitter_id, work_id, iswc in cursor.fetchall():
            self.by_submitter[submitter_id] = work_id  # the latest wins
            self.iswc_of[work_id] = iswc or ""
        self.iswc_of.update((work_id, iswc) for iswc, work_id in self.by_iswc.items())

    def apply(self, ack: dict) -> tuple[int | None, tuple[str, str] | None]:
        """The work the acknowledgement names, and a review (kind, detail)."""
        raw = ack.get("iswc", "")
        iswc, valid = iswc_normalise(value=raw) if raw else ("", False)
        work_id = self.by_iswc.get(iswc) if valid else None
        if work_id is None:
            work_id = self.by_submitter.get(ack.get("submitter_work_id", ""))
        if work_id is None or not raw:
            return work_id, None
        said = {
            "society": ack["society"],
            "kind": ack["transaction_type"],
            "date": ack["date"],
        }
        if not valid:
            detail = REVIEW_ACK_INVALID.format(value=raw, **said)
            return work_id, (ReviewKind.INVALID_ISWC.value, detail)
        held = self.iswc_of.get(work_id, "")
        if held == iswc:
            return work_id, None
        if held:
            detail = REVIEW_ACK_ISWC.format(iswc=iswc, work_iswc=held, **said)
            return work_id, (ReviewKind.ACK_ISWC.value, detail)
        other = self.by_iswc.get(iswc)
        if other is not None:
            detail = REVIEW_ACK_ISWC_TAKEN.format(iswc=iswc, other=other, **said)
            return work_id, (ReviewKind.ACK_ISWC.value, detail)
        self.iswcs_taken[iswc] = work_id
        self.iswc_of[work_id] = iswc
        self.by_iswc[iswc] = work_id
        return work_id, None
