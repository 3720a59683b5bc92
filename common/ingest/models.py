"""The two models every import keeps: the record of a file, the rows it set aside.

Each app's concrete models inherit them (``DSR``, ``WorkImport``,
``PlaylistImport``, ``TrackImport``, ``PlayCountJob``; ``DSRRowError``,
``SourceRow``, ``DeadLetter``, ``TrackReject``) and add what their files carry.
"""

from collections.abc import Sequence
from typing import Self

from django.db import models

from common.ingest.batches import Reject
from common.ingest.status import ImportStatus, status_choices
from common.ingest.text import text_cut

PATH_MAX_LENGTH = 1024
SET_ASIDE_VALUE_MAX_CHARS = 10_000


def status_field(
    *statuses: ImportStatus, default: ImportStatus | None = None
) -> models.CharField:
    """A record's ``status``: the states of the one vocabulary it goes through."""
    options = {} if default is None else {"default": default}
    return models.CharField(max_length=10, choices=status_choices(*statuses), **options)


def sha256_unique(
    *, name: str, identity: Sequence[str] = (), ingested_only: bool = True
) -> models.UniqueConstraint:
    """The rule of every import record: the same bytes once per identity.

    ``identity`` names what a file stands for beyond its bytes (none: the
    bytes are the identity). ``ingested_only``: failed attempts may repeat,
    the file is ingested once; without it the bytes are taken for good, as a
    play-count job's are (a failed job is re-run in place, not uploaded again).
    """
    condition = models.Q(status=ImportStatus.INGESTED) if ingested_only else None
    return models.UniqueConstraint(
        fields=[*identity, "sha256"], condition=condition, name=name
    )


class ImportRecord(models.Model):
    """One file given to an import: what it was, and what became of it."""

    Status = ImportStatus

    path = models.CharField(
        max_length=PATH_MAX_LENGTH, help_text="The file as it was given."
    )
    size = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Bytes; empty for files recorded before."
    )
    sha256 = models.CharField(
        "SHA-256", max_length=64, help_text="Of the file's bytes."
    )
    status = status_field(*ImportStatus)
    error = models.TextField(blank=True, default="")
    rows_read = models.PositiveBigIntegerField(default=0)
    rows_rejected = models.PositiveBigIntegerField(
        default=0, help_text="Set aside, each with its reason."
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.file_name

    @property
    def file_name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def seconds(self) -> float | None:
        """How long the import (or the last run of a job) took, once it ended."""
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


class SetAsideRow(models.Model):
    """A row (or record) an import set aside instead of failing the file, and why.

    The value is cut to ``SET_ASIDE_VALUE_MAX_CHARS``: a runaway field must
    not fill the table.
    """

    line = models.PositiveIntegerField(
        help_text="Line in the file, or number of the record."
    )
    field = models.CharField(
        max_length=50, blank=True, help_text="The field at fault; empty: the row."
    )
    value = models.TextField(blank=True, help_text="The value at fault, as read.")
    reason = models.TextField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"line {self.line}: {self.field} {self.reason}"

    @staticmethod
    def value_cut(value: str) -> str:
        return text_cut(value=value, limit=SET_ASIDE_VALUE_MAX_CHARS)

    @classmethod
    def from_reject(cls, reject: Reject, **owner: object) -> Self:
        """The row to store for a parser's reject; ``owner`` names its record."""
        return cls(
            **owner,
            line=reject.line,
            field=reject.field,
            value=cls.value_cut(reject.value),
            reason=reject.reason,
        )


def field_alias(name: str) -> property:
    """A field's former name, read and written through, for the scripts and
    shells that use it (a property: model constructors accept it too)."""
    return property(
        lambda record: getattr(record, name),
        lambda record, value: setattr(record, name, value),
        doc=f"The former name of ``{name}``.",
    )
