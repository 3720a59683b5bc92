"""Importing a CWR file's details once its transactions have found their
works: registrations with parties, titles and recordings, share reviews,
and acknowledgements (staged here, applied by ``acknowledging``).

The reader's items are staged beside the works rows (``CwrStaging``). After
the reconciliation one statement joins every detail to its source row by
fingerprint (the unique index) into ``works_cwr_found``, and the details are
read back from it in batches of consecutive ``seq``, so memory stays bounded.

Why one join and not one per batch: a batch's join (its ``seq`` range of the
details joined to the import's source rows) let the planner, on statistics
from before the load, scan every source row of the import for each batch and
probe the ``seq`` range for each: a cost of rows x batch size per batch,
quadratic in the file (27 s a batch at 1M transactions).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from common.db import tables_analyze
from common.identifiers import isrc_normalise
from common.text import text_normal_form, text_repair
from works.parsers.cwr import CwrItem
from works.reconciliation import ReviewKind
from works.services.staging import FINGERPRINT_TYPE, Staging
from works.services.writing import OPEN, REVIEW_COLUMNS
from works.storage import storage
from works.storage.ids import IdReserve

DETAILS = "works_cwr_details"
FOUND = "works_cwr_found"
ACKS = "works_cwr_acks"
ALT_TITLES = "works_cwr_titles"
BATCH = 2_000
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
# The detail's names of _REGISTRATION_COLUMNS[3:].
_DETAIL_NAMES = (
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


_FOUND_CREATE_SQL = f"""
    CREATE TEMPORARY TABLE {FOUND} AS
    SELECT d.seq, d.body, r.id AS row_id, r.work_id
    FROM {DETAILS} AS d JOIN works_sourcerow AS r ON r.fingerprint = d.fingerprint
    WHERE r.work_import_id = %s AND r.work_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM {DETAILS} AS e
        WHERE e.fingerprint = d.fingerprint AND e.seq < d.seq
    )
"""
# An alternative title is a title of the work: later rows match it. The
# first spelling of a normal form stays, as in the order of the file.
_ALT_TITLES_INSERT_SQL = f"""
    INSERT INTO works_worktitle (work_id, title, normal_form)
    SELECT work_id, title, normal_form FROM {ALT_TITLES} WHERE true ORDER BY n
    ON CONFLICT (work_id, normal_form) DO NOTHING
"""
_TABLES = (DETAILS, FOUND, ACKS, ALT_TITLES)


class CwrStaging:
    """The works rows of a CWR file into ``Staging``, its details and acks
    into two temporary tables of their own."""

    def __init__(self, *, cursor, staging: Staging):
        self.cursor, self.staging = cursor, staging
        self.details = self.acks = self.alt_titles = 0

    def begin(self) -> None:
        text = storage().TEXT_TYPE
        self.end()
        for table, column in ((DETAILS, "fingerprint"), (ACKS, "line")):
            kind = FINGERPRINT_TYPE if column == "fingerprint" else "integer"
            self.cursor.execute(
                f"CREATE TEMPORARY TABLE {table} "
                f"(seq integer, {column} {kind}, body {text})"
            )
            self.cursor.execute(f"CREATE INDEX {table}_seq ON {table} (seq)")
        # Identical transactions are one row; their first detail is kept.
        self.cursor.execute(f"CREATE INDEX {DETAILS}_fp ON {DETAILS} (fingerprint)")
        self.cursor.execute(
            f"CREATE TEMPORARY TABLE {ALT_TITLES} "
            f"(n integer, work_id integer, title {text}, normal_form {text})"
        )

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

    def found(self, *, work_import_id: int) -> None:
        """Join each first detail of a fingerprint to the source row this
        import reconciled it into, once for the whole file."""
        tables_analyze(self.cursor, tables=(DETAILS,))
        self.cursor.execute(_FOUND_CREATE_SQL, [work_import_id])
        self.cursor.execute(f"CREATE INDEX {FOUND}_seq ON {FOUND} (seq)")
        tables_analyze(self.cursor, tables=(FOUND,))

    def alt_titles_stage(self, titles: list[tuple[int, str, str]]) -> None:
        """Keep (work id, title, normal form) for ``alt_titles_write``."""
        storage().rows_insert(
            self.cursor,
            table=ALT_TITLES,
            columns=("n", "work_id", "title", "normal_form"),
            rows=[(self.alt_titles + i, *t) for i, t in enumerate(titles, start=1)],
        )
        self.alt_titles += len(titles)

    def alt_titles_write(self) -> None:
        """The staged alternative titles the works lack, in one statement."""
        self.cursor.execute(_ALT_TITLES_INSERT_SQL)

    def end(self) -> None:
        for table in _TABLES:
            self.cursor.execute(f"DROP TABLE IF EXISTS {table}")

    def batches(self, table: str, total: int, sql: str, params: list):
        for first in range(1, total + 1, BATCH):
            self.cursor.execute(sql, [*params, first, first + BATCH - 1])
            yield self.cursor.fetchall()


def cwr_details_write(*, cursor, staged: CwrStaging, work_import_id: int) -> int:
    """Store the registrations of the rows this import reconciled; return
    the review items opened (shares over 100 %)."""
    staged.found(work_import_id=work_import_id)
    registration_ids = IdReserve(cursor=cursor, table="works_registration")
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    reviews_opened = 0
    sql = (
        f"SELECT body, row_id, work_id FROM {FOUND} "
        "WHERE seq BETWEEN %s AND %s ORDER BY seq"
    )
    for found in staged.batches(FOUND, staged.details, sql, []):
        batch = _RegistrationBatch(next_id=registration_ids, now=now)
        for body, row_id, work_id in found:
            batch.add(detail=json.loads(body), row_id=row_id, work_id=work_id)
        batch.write(cursor)
        staged.alt_titles_stage(batch.work_titles)
        reviews_opened += len(batch.reviews)
    staged.alt_titles_write()
    return reviews_opened


@dataclass
class _RegistrationBatch:
    """The rows a batch of registrations writes, table by table."""

    next_id: Callable[[], int]
    now: object
    registrations: list = field(default_factory=list)
    parties: list = field(default_factory=list)
    titles: list = field(default_factory=list)
    work_titles: list = field(default_factory=list)
    recordings: list = field(default_factory=list)
    reviews: list = field(default_factory=list)

    def add(self, *, detail: dict, row_id: int, work_id: int) -> None:
        reg_id = self.next_id()
        self.registrations.append(
            (reg_id, work_id, row_id, *(detail[name] for name in _DETAIL_NAMES))
        )
        self.parties.extend((reg_id, *party) for party in detail["parties"])
        for title, title_type, language in detail["titles"]:
            self.titles.append((reg_id, title, title_type, language))
            repaired = text_repair(value=title)
            if normal := text_normal_form(value=repaired):
                self.work_titles.append((work_id, repaired, normal))
        for isrc, title in detail["recordings"]:
            normalised, valid = isrc_normalise(value=isrc)
            self.recordings.append((reg_id, normalised, valid, title))
        self.reviews.extend(
            (ReviewKind.SHARES.value, OPEN, work_id, row_id, "[]", text, self.now)
            for text in detail["shares_over"]
        )

    def write(self, cursor) -> None:
        insert = storage().rows_insert
        insert(
            cursor,
            table="works_registration",
            columns=_REGISTRATION_COLUMNS,
            rows=self.registrations,
        )
        insert(
            cursor,
            table="works_registrationparty",
            columns=_PARTY_COLUMNS,
            rows=self.parties,
        )
        insert(
            cursor,
            table="works_registrationtitle",
            columns=("registration_id", "title", "title_type", "language"),
            rows=self.titles,
        )
        insert(
            cursor,
            table="works_registrationrecording",
            columns=("registration_id", "isrc", "isrc_valid", "title"),
            rows=self.recordings,
        )
        insert(
            cursor, table="works_reviewitem", columns=REVIEW_COLUMNS, rows=self.reviews
        )
