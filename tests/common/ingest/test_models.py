"""The import record and set-aside row every import keeps, in every app."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from common.ingest.batches import Reject
from common.ingest.models import (
    SET_ASIDE_VALUE_MAX_CHARS,
    ImportRecord,
    SetAsideRow,
)
from common.ingest.status import ImportStatus
from common.ingest.text import ELLIPSIS
from dsrs.models import DSR, DSRRowError
from playlists.models import DeadLetter, PlaylistImport, TrackImport, TrackReject
from plays.models import PlayCountJob
from tests.accounts.factories import UserFactory
from tests.works.factories import WorkImportFactory
from works.models import SourceRow, WorkImport

RECORDS = [DSR, WorkImport, PlaylistImport, TrackImport, PlayCountJob]
SET_ASIDE = [DSRRowError, SourceRow, DeadLetter, TrackReject]


class Rejected:
    """A parser's reject, as the batch loop hands it over."""

    line, field, reason = 7, "title", "too long"

    def __init__(self, value: str):
        self.value = value


@pytest.mark.parametrize("model", RECORDS)
def test_every_import_record_is_one(model):
    assert issubclass(model, ImportRecord)
    assert model.Status is ImportStatus
    names = {field.name for field in model._meta.get_fields()}
    assert {"path", "size", "sha256", "status", "error", "rows_read"} <= names
    assert {"rows_rejected", "started_at", "finished_at"} <= names


@pytest.mark.parametrize("model", SET_ASIDE)
def test_every_set_aside_row_cuts_its_value(model):
    assert issubclass(model, SetAsideRow)
    reject: Reject = Rejected("x" * (SET_ASIDE_VALUE_MAX_CHARS + 1))
    row = model.from_reject(reject)
    assert (row.line, row.field, row.reason) == (7, "title", "too long")
    assert len(row.value) == SET_ASIDE_VALUE_MAX_CHARS
    assert row.value.endswith(ELLIPSIS)
    assert model.from_reject(Rejected("short")).value == "short"


def test_a_set_aside_row_belongs_to_its_record():
    record = TrackImport(pk=3)
    row = TrackReject.from_reject(Rejected("v"), file=record)
    assert row.file_id == 3


def test_a_record_knows_its_file_name_and_duration():
    started = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    record = TrackImport(path="data/playlists/cm_track.csv", started_at=started)
    assert (str(record), record.file_name, record.seconds) == (
        "cm_track.csv",
        "cm_track.csv",
        None,
    )
    record.finished_at = started + datetime.timedelta(seconds=2.5)
    assert record.seconds == 2.5


def test_former_field_names_read_and_write_through():
    record = WorkImport(checksum="ab", imported_at=None)
    assert record.sha256 == "ab"
    record.checksum = "cd"
    assert (record.sha256, record.checksum) == ("cd", "cd")
    job = PlayCountJob(file_name="plays.csv", rows_in=4)
    assert (job.path, job.rows_read, job.file_name) == ("plays.csv", 4, "plays.csv")
    letter = DeadLetter(index=2, record="[]")
    assert (letter.line, letter.value) == (2, "[]")


@pytest.mark.django_db
class TestSha256Rule:
    def test_the_same_bytes_are_ingested_once(self):
        WorkImportFactory(sha256="a" * 64)
        with pytest.raises(IntegrityError), transaction.atomic():
            WorkImportFactory(sha256="a" * 64)

    def test_failed_attempts_at_the_same_bytes_may_repeat(self):
        WorkImportFactory(sha256="a" * 64)
        for _ in range(2):
            WorkImportFactory(sha256="a" * 64, status=ImportStatus.FAILED)
        assert WorkImport.objects.count() == 3

    def test_a_jobs_bytes_are_taken_whatever_its_status(self):
        owner = UserFactory()
        job = {"path": "plays.csv", "size": 1, "sha256": "b" * 64, "owner": owner}
        PlayCountJob.objects.create(**job, status=ImportStatus.FAILED)
        with pytest.raises(IntegrityError), transaction.atomic():
            PlayCountJob.objects.create(**job)

    def test_a_jobs_bytes_are_taken_per_owner(self):
        job = {"path": "plays.csv", "size": 1, "sha256": "b" * 64}
        PlayCountJob.objects.create(**job, owner=UserFactory())
        PlayCountJob.objects.create(**job, owner=UserFactory())
        assert PlayCountJob.objects.count() == 2
