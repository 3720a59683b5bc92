"""What the imports of crawl files and of the catalogue record and set aside."""

from django.db import models

from common.ingest.models import (
    ImportRecord,
    SetAsideRow,
    field_alias,
    sha256_unique,
    status_field,
)
from common.ingest.status import ImportStatus
from playlists.models.crawls import Source


class PlaylistImport(ImportRecord):
    """One imported crawl file, by content: the same bytes are imported once.

    A file that fails is rolled back whole and leaves no record.
    """

    source = models.CharField(max_length=20, choices=Source.choices)
    status = status_field(ImportStatus.INGESTED)
    rows_imported = models.PositiveBigIntegerField(
        default=0, help_text="Records stored as new playlist entries."
    )
    records_duplicate = models.PositiveBigIntegerField(default=0)
    snapshots_created = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["id"]
        constraints = [sha256_unique(name="playlists_import_sha256_once")]

    records_read = field_alias("rows_read")
    records_imported = field_alias("rows_imported")
    dead_letters_count = field_alias("rows_rejected")
    imported_at = field_alias("started_at")


class DeadLetter(SetAsideRow):
    """A record of a crawl file that could not be imported, as received."""

    file = models.ForeignKey(
        PlaylistImport, on_delete=models.CASCADE, related_name="dead_letters"
    )
    line = models.PositiveIntegerField("index", help_text="0-based index in the array.")
    value = models.TextField("record", help_text="The record as received (JSON).")

    class Meta:
        ordering = ["file", "line"]

    def __str__(self) -> str:
        return f"{self.file} [{self.line}]: {self.reason}"

    index = field_alias("line")
    record = field_alias("value")


class TrackImport(ImportRecord):
    """One catalogue file (``cm_track.csv``) imported, or that failed to.

    The catalogue is upserted and the last file wins, so the same bytes may
    rightly be imported again (after another file, they put their rows
    back): every import is recorded and the SHA-256 is not unique.
    """

    status = status_field(ImportStatus.INGESTED, ImportStatus.FAILED)
    rows_imported = models.PositiveBigIntegerField(
        default=0, help_text="Recordings stored, one per cm_track."
    )
    invalid_isrcs = models.PositiveBigIntegerField(
        "invalid ISRCs", default=0, help_text="Kept as written."
    )

    class Meta:
        ordering = ["id"]
        verbose_name = "catalogue import"


class TrackReject(SetAsideRow):
    """A line of a catalogue file that was set aside, and why."""

    file = models.ForeignKey(
        TrackImport, on_delete=models.CASCADE, related_name="rejects"
    )

    class Meta:
        ordering = ["file", "line"]
