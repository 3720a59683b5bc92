"""Importing a CWR file's details once its transactions have found their
works: registrations with parties, titles and recordings, share reviews,
and acknowledgements (which may give a work its ISWC).

The reader's items are staged beside the works rows (``CwrStaging``); after
the reconciliation the details are read back in batches joined to their
source rows by fingerprint (the unique index), so memory stays bounded.
"""

import json

from django.db import connection
from django.utils import timezone

from common.db import in_list, list_param
from common.identifiers import isrc_normalise, iswc_normalise
from common.text import text_normal_form, text_repair
from works.parsers.cwr import CwrItem
from works.reconciliation import ReviewKind
from works.services.staging import Staging
from works.services.writing import OPEN, REVIEW_COLUMNS
from works.storage import storage
from works.storage.ids import IdReserve

DETAILS = "works_cwr_details"
ACKS = "works_cwr_acks"
BATCH = 2_000
REVIEW_ACK_ISWC = (
    "{society} ({kind}, {date}) gives ISWC {iswc}; the work has {work_iswc}"
)
REVIEW_ACK_ISWC_TAKEN = (
    "{society} ({kind}, {date}) gives ISWC {iswc}, which work #{other} has"
)
REVIEW_ACK_INVALID = "{society} ({kind}, {date}) gives ISWC {value!r}, which is invalid"
_REGISTRATION_COLUMNS = (
    "id",
    "work_id",
    "source_row_id",
    "sender_id",
    "sender_name",
    "version",
    "transaction_type",
    "submitter_work_id",
    "language",
)
_PARTY_COLUMNS = (
    "registration_id",
    "record_type",
    "interested_party_number",
    "last_name",
    "first_name",
    "ipi_name_number",
    "ipi_base_number",
    "role",
    "controlled",
    "pr_share",
    "mr_share",
    "sr_share",
)
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


class CwrStaging:
    """The works rows of a CWR file into ``Staging``, its details and acks
    into two temporary tables of their own."""

    def __init__(self, *, cursor, staging: Staging):
        self.cursor, self.staging = cursor, staging
        self.details = self.acks = 0

    def begin(self) -> None:
        text = storage().TEXT_TYPE
        for table, column in ((DETAILS, "fingerprint"), (ACKS, "line")):
            self.cursor.execute(f"DROP TABLE IF EXISTS {table}")
            kind = text if column == "fingerprint" else "integer"
            self.cursor.execute(
                f"CREATE TEMPORARY TABLE {table} "
                f"(seq integer, {column} {kind}, body {text})"
            )
            self.cursor.execute(f"CREATE INDEX {table}_seq ON {table} (seq)")
        # Identical transactions are one row; their first detail is kept.
        self.cursor.execute(f"CREATE INDEX {DETAILS}_fp ON {DETAILS} (fingerprint)")

    def stage(self, items: list[CwrItem]) -> None:
        rows = [item.row for item in items if item.row is not None]
        if rows:
            self.staging.stage(rows)
        details = [
            (self.details + i, item.row.fingerprint, json.dumps(item.detail))
            for i, item in enumerate(
                (item for item in items if item.detail is not None), start=1
            )
        ]
        self.details += len(details)
        acks = [
            (self.acks + i, item.line, json.dumps(item.ack))
            for i, item in enumerate(
                (item for item in items if item.ack is not None), start=1
            )
        ]
        self.acks += len(acks)
        insert = storage().rows_insert
        insert(
            self.cursor,
            table=DETAILS,
            columns=("seq", "fingerprint", "body"),
            rows=details,
        )
        insert(self.cursor, table=ACKS, columns=("seq", "line", "body"), rows=acks)

    def end(self) -> None:
        for table in (DETAILS, ACKS):
            self.cursor.execute(f"DROP TABLE IF EXISTS {table}")

    def batches(self, table: str, total: int, sql: str, params: list):
        for first in range(1, total + 1, BATCH):
            self.cursor.execute(sql, [*params, first, first + BATCH - 1])
            yield self.cursor.fetchall()


def cwr_details_write(*, cursor, staged: CwrStaging, work_import_id: int) -> int:
    """Store the registrations of the rows this import reconciled; return
    the review items opened (shares over 100 %)."""
    registration_ids = IdReserve(cursor=cursor, table="works_registration")
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    reviews_opened = 0
    sql = (
        f"SELECT d.body, r.id, r.work_id FROM {DETAILS} AS d "
        "JOIN works_sourcerow AS r ON r.fingerprint = d.fingerprint "
        "WHERE r.work_import_id = %s AND r.work_id IS NOT NULL "
        f"AND NOT EXISTS (SELECT 1 FROM {DETAILS} AS e "
        "WHERE e.fingerprint = d.fingerprint AND e.seq < d.seq) "
        "AND d.seq BETWEEN %s AND %s ORDER BY d.seq"
    )
    for found in staged.batches(DETAILS, staged.details, sql, [work_import_id]):
        registrations, parties, titles, work_titles, recordings, reviews = (
            [], [], [], [], [], []
        )  # fmt: skip
        for body, row_id, work_id in found:
            detail = json.loads(body)
            reg_id = registration_ids()
            registrations.append(
                (
                    reg_id,
                    work_id,
                    row_id,
                    detail["sender_id"],
                    detail["sender_name"],
                    detail["version"],
                    detail["transaction_type"],
                    detail["submitter_work_id"],
                    detail["language"],
                )
            )
            parties.extend((reg_id, *party) for party in detail["parties"])
            for title, title_type, language in detail["titles"]:
                titles.append((reg_id, title, title_type, language))
                repaired = text_repair(value=title)
                if normal := text_normal_form(value=repaired):
                    work_titles.append((work_id, repaired, normal))
            for isrc, title in detail["recordings"]:
                normalised, valid = isrc_normalise(value=isrc)
                recordings.append((reg_id, normalised[:12], valid, title))
            reviews.extend(
                (ReviewKind.SHARES.value, OPEN, work_id, row_id, "[]", text, now)
                for text in detail["shares_over"]
            )
        _registrations_insert(
            cursor, registrations, parties, titles, work_titles, recordings, reviews
        )
        reviews_opened += len(reviews)
    return reviews_opened


def _registrations_insert(
    cursor, registrations, parties, titles, work_titles, recordings, reviews
) -> None:
    insert = storage().rows_insert
    insert(
        cursor,
        table="works_registration",
        columns=_REGISTRATION_COLUMNS,
        rows=registrations,
    )
    insert(
        cursor, table="works_registrationparty", columns=_PARTY_COLUMNS, rows=parties
    )
    insert(
        cursor,
        table="works_registrationtitle",
        columns=("registration_id", "title", "title_type", "language"),
        rows=titles,
    )
    insert(
        cursor,
        table="works_registrationrecording",
        columns=("registration_id", "isrc", "isrc_valid", "title"),
        rows=recordings,
    )
    if work_titles:
        # An alternative title is a title of the work: later rows match it.
        cursor.executemany(
            "INSERT INTO works_worktitle (work_id, title, normal_form) "
            "VALUES (%s, %s, %s) ON CONFLICT (work_id, normal_form) DO NOTHING",
            work_titles,
        )
    insert(cursor, table="works_reviewitem", columns=REVIEW_COLUMNS, rows=reviews)


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
