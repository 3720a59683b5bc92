"""file_ingest: one file into one record, with the rules every import shares.

It is run through one of its users, the catalogue import, whose file
errors, rejects and counts are the simplest.
"""

import pytest
from django.db import IntegrityError

from common.ingest import services
from common.ingest.batches import BatchCounts
from common.ingest.filehash import file_sha256
from common.ingest.services import file_ingest
from playlists.models import TrackImport
from playlists.parsers import TrackFileError
from tests.works.factories import WorkImportFactory
from works.models import WorkImport

pytestmark = pytest.mark.django_db


def ingest(path, load, **options):
    return file_ingest(
        path=path,
        model=TrackImport,
        load=load,
        file_errors=(TrackFileError,),
        **options,
    )


def counted(record):
    record.rows_read, record.invalid_isrcs = 3, 1
    return BatchCounts(read=3, rejected=1, first_rejects=["r"])


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "cm_track.csv"
    path.write_bytes(b"some bytes")
    return path


def test_the_record_describes_the_file_and_the_result_its_counts(path):
    result = ingest(path, counted, details=["invalid_isrcs"])
    record = TrackImport.objects.get()
    assert (record.path, record.size, record.status) == (str(path), 10, "ingested")
    assert len(record.sha256) == 64
    assert record.started_at <= record.finished_at
    assert (result.import_id, result.rows_read, result.details) == (
        record.pk,
        3,
        {"invalid_isrcs": 1},
    )
    assert (result.rows_rejected, result.rejects) == (1, ["r"])


def test_bytes_ingested_before_are_skipped(path):
    first = ingest(path, counted, once=True)
    again = ingest(path, counted, once=True)
    assert (again.status, again.import_id) == ("skipped", first.import_id)
    assert TrackImport.objects.count() == 1


def failing(record):
    record.rows_imported = 5
    raise TrackFileError("no header")


def test_a_file_error_keeps_a_failed_record_and_nothing_it_counted(path):
    result = ingest(
        path,
        failing,
        error_message=lambda error: f"{path.name}: {error}",
        read_so_far=lambda: 2,
    )
    record = TrackImport.objects.get()
    assert (result.status, result.ok, result.message) == (
        "failed",
        False,
        "cm_track.csv: no header",
    )
    assert (record.status, record.error, record.rows_read) == (
        "failed",
        result.message,
        2,
    )
    assert record.rows_imported == 0 and record.finished_at is not None


def test_a_file_error_may_leave_nothing(path):
    result = ingest(path, failing, failures_kept=False)
    assert result.status == "failed" and result.import_id is None
    assert not TrackImport.objects.exists()


def test_an_integrity_error_not_about_the_bytes_is_raised(path):
    def clashing(record):
        raise IntegrityError("another constraint")

    with pytest.raises(IntegrityError):
        ingest(path, clashing, once=True)


def test_bytes_ingested_meanwhile_by_another_process_are_skipped(path, monkeypatch):
    other = WorkImportFactory(sha256=file_sha256(path=path))
    looked_up = []

    def not_yet_then_found(**lookup):
        looked_up.append(lookup)
        return None if len(looked_up) == 1 else other

    monkeypatch.setattr(services, "import_record_ingested", not_yet_then_found)
    result = file_ingest(
        path=path, model=WorkImport, load=counted, file_errors=(), source="s"
    )
    assert (result.status, result.import_id) == ("skipped", other.pk)
    assert WorkImport.objects.get() == other
