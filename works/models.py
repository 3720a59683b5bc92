"""Musical works reconciled from many sources, and the evidence they came from."""

from django.conf import settings
from django.db import models

from common.ingest.models import (
    ImportRecord,
    SetAsideRow,
    field_alias,
    sha256_unique,
    status_field,
)
from common.ingest.status import ImportStatus
from works.reconciliation import Outcome, ReviewKind

ISWC_LENGTH = 11


class WorkImport(ImportRecord):
    """One works file imported (or that failed to import).

    The same bytes are ingested once, whatever their source; a failed file
    may be tried again.
    """

    source = models.CharField(
        max_length=200, help_text="Provider of rows without a source column."
    )
    status = status_field(ImportStatus.INGESTED, ImportStatus.FAILED)
    works_created = models.PositiveBigIntegerField(default=0)
    rows_merged = models.PositiveBigIntegerField(
        default=0, help_text="Rows that joined an existing work."
    )
    conflicts = models.PositiveBigIntegerField(default=0)
    rows_known = models.PositiveBigIntegerField(
        default=0, help_text="Rows already imported (same source and values)."
    )
    reviews = models.PositiveBigIntegerField(default=0)
    acknowledgements = models.PositiveBigIntegerField(
        default=0, help_text="CWR ACK and ISW transactions read."
    )

    class Meta:
        ordering = ["id"]
        constraints = [sha256_unique(name="works_import_sha256_once")]

    checksum = field_alias("sha256")
    imported_at = field_alias("started_at")


class Work(models.Model):
    """One musical work: the single view over every source row that names it."""

    # NULL, not "", for no ISWC: the unique constraint ignores NULLs.
    iswc = models.CharField(  # noqa: DJ001
        "ISWC", max_length=ISWC_LENGTH, null=True, blank=True
    )
    title = models.TextField(help_text="The first spelling it was given, repaired.")

    class Meta:
        ordering = ["id"]
        # Constraints rather than unique=True / db_index=True here and below:
        # on PostgreSQL those also build a LIKE index no query uses, which
        # every imported row would pay for.
        constraints = [models.UniqueConstraint(fields=["iswc"], name="works_iswc")]

    def __str__(self) -> str:
        return f"{self.title} ({self.iswc})" if self.iswc else self.title


class WorkTitle(models.Model):
    """A title of a work (its own and its alternatives), with its normal form."""

    # No database constraint (also below and on the CWR registrations): the
    # importer alone writes these tables in bulk, with ids it drew itself,
    # under its table lock; a deferred check per row at COMMIT was 15-20 %
    # of an import. Django still cascades and protects on delete.
    # The unique (work, normal_form) index serves lookups by work.
    work = models.ForeignKey(
        Work,
        on_delete=models.CASCADE,
        db_index=False,
        db_constraint=False,
        related_name="titles",
    )
    title = models.TextField()
    normal_form = models.TextField()

    class Meta:
        ordering = ["id"]
        indexes = [
            # Pattern operators: the title search is a prefix match, and the
            # importer's equality lookups use the same index.
            models.Index(
                fields=["normal_form"],
                name="works_title_normal_form",
                opclasses=["text_pattern_ops"],
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["work", "normal_form"], name="works_title_once_per_work"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Contributor(models.Model):
    """A contributor of a work; ``name_key`` (sorted name tokens) is compared."""

    # The unique (work, name_key) index serves lookups by work.
    work = models.ForeignKey(
        Work,
        on_delete=models.CASCADE,
        db_index=False,
        db_constraint=False,
        related_name="contributors",
    )
    name = models.TextField()
    name_key = models.TextField()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["name_key"], name="works_contributor_key")]
        constraints = [
            models.UniqueConstraint(
                fields=["work", "name_key"], name="works_contributor_once_per_work"
            )
        ]

    def __str__(self) -> str:
        return self.name


class SourceRow(SetAsideRow):
    """One input row as the provider sent it, and where and how it went.

    A rejected row is what works imports set aside: its reason, and the field
    at fault with its value when one field is.
    """

    # Not indexed: rows are read by work; an import's rows are never looked up
    # in bulk, and imports are never deleted.
    work_import = models.ForeignKey(
        WorkImport,
        on_delete=models.PROTECT,
        db_index=False,
        db_constraint=False,
        related_name="rows",
    )
    source = models.CharField(max_length=200)
    provider_id = models.TextField(blank=True, help_text="The provider's id.")
    raw_title = models.TextField(blank=True)
    raw_contributors = models.TextField(blank=True)
    raw_iswc = models.TextField("raw ISWC", blank=True)
    work = models.ForeignKey(
        Work,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_constraint=False,
        related_name="rows",
    )
    outcome = models.CharField(
        max_length=20, choices=[(o.value, o.name.lower()) for o in Outcome]
    )
    reason = models.TextField(blank=True, help_text="Why the row was rejected.")
    fingerprint = models.CharField(
        max_length=32, help_text="Digest of source, id and raw values."
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["fingerprint"], name="works_row_once")
        ]

    def __str__(self) -> str:
        return f"{self.source} line {self.line}"


class ReviewItem(models.Model):
    """Something the rules could not settle alone, for staff to resolve."""

    class Status(models.TextChoices):
        OPEN = "open"
        MERGED = "merged"
        DISMISSED = "dismissed"

    kind = models.CharField(
        max_length=20, choices=[(k.value, k.name.lower()) for k in ReviewKind]
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="reviews")
    source_row = models.ForeignKey(
        SourceRow, null=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    candidates = models.JSONField(
        default=list, blank=True, help_text="Ids of the other works it could be."
    )
    detail = models.TextField()
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.detail}"


from works.models_cwr import (  # noqa: E402  (they refer to the models above)
    Acknowledgement,
    Registration,
    RegistrationParty,
    RegistrationRecording,
    RegistrationTitle,
)

__all__ = [
    "Acknowledgement",
    "Contributor",
    "Registration",
    "RegistrationParty",
    "RegistrationRecording",
    "RegistrationTitle",
    "ReviewItem",
    "SourceRow",
    "Work",
    "WorkImport",
    "WorkTitle",
]
