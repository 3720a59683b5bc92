"""Creating jobs: one per distinct content, stored under MEDIA_ROOT, then queued."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from kombu.exceptions import OperationalError

from plays import tasks
from plays.models import PlayCountJob, upload_path
from plays.rules.names import DISK_NAME_MAX_BYTES
from plays.services import (
    PlayCountJobDuplicate,
    PlayCountJobLimit,
    creating,
    play_count_job_create,
)
from plays.services.creating import (
    DUPLICATE,
    NOT_QUEUED,
    OVER_ACTIVE_JOBS,
    OVER_QUOTA,
)
from tests.accounts.factories import SubmitterFactory
from tests.plays.factories import PlayCountJobFactory, upload_of

pytestmark = pytest.mark.django_db

Status = PlayCountJob.Status


def sha256_of(upload) -> str:
    return hashlib.sha256(upload.read()).hexdigest()


def test_the_upload_is_stored_and_queued(
    media, submitter, django_capture_on_commit_callbacks
):
    upload = upload_of("initial_test.csv")
    sha256 = sha256_of(upload)
    with django_capture_on_commit_callbacks() as callbacks:
        job = play_count_job_create(upload=upload, sha256=sha256, owner=submitter)
    assert len(callbacks) == 1
    assert (job.status, job.file_name, job.size, job.sha256) == (
        PlayCountJob.Status.QUEUED,
        "initial_test.csv",
        upload.size,
        sha256,
    )
    assert job.upload.name.startswith("plays/uploads/")
    upload.seek(0)
    assert (media / job.upload.name).read_bytes() == upload.read()


def test_the_same_content_again_names_the_earlier_job(media, submitter):
    first = upload_of("initial_test.csv")
    job = play_count_job_create(upload=first, sha256=sha256_of(first), owner=submitter)
    again = upload_of("initial_test.csv")
    with pytest.raises(PlayCountJobDuplicate) as caught:
        play_count_job_create(upload=again, sha256=sha256_of(again), owner=submitter)
    assert caught.value.job_id == job.pk
    assert caught.value.message == DUPLICATE.format(job_id=job.pk)
    assert PlayCountJob.objects.count() == 1


def test_a_duplicate_racing_past_the_check_removes_its_copy(
    media, submitter, monkeypatch
):
    """The unique SHA-256 decides when both uploads pass the first lookup."""
    first = upload_of("initial_test.csv")
    sha256 = sha256_of(first)
    job = play_count_job_create(upload=first, sha256=sha256, owner=submitter)
    lookups = []

    def late_lookup(*, sha256: str, owner) -> PlayCountJob | None:
        lookups.append(sha256)
        # The racing upload looked before the first one was committed.
        return None if len(lookups) == 1 else PlayCountJob.objects.get(sha256=sha256)

    monkeypatch.setattr(creating, "play_count_job_get", late_lookup)
    with pytest.raises(PlayCountJobDuplicate) as caught:
        play_count_job_create(
            upload=upload_of("initial_test.csv"), sha256=sha256, owner=submitter
        )
    assert caught.value.job_id == job.pk
    stored = list((media / "plays" / "uploads").rglob("*.csv"))
    assert stored == [media / job.upload.name]


def test_a_job_the_broker_refused_fails_with_the_reason(
    media, submitter, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(job_id):
        raise OperationalError("[Errno 111] Connection refused")

    monkeypatch.setattr(tasks.play_count_job_run, "delay", refuse)
    upload = upload_of("initial_test.csv")
    with django_capture_on_commit_callbacks(execute=True):
        job = play_count_job_create(
            upload=upload, sha256=sha256_of(upload), owner=submitter
        )
    job.refresh_from_db()
    assert job.status == PlayCountJob.Status.FAILED
    assert job.error == NOT_QUEUED.format(error="[Errno 111] Connection refused")


def test_each_upload_has_a_directory_of_its_own(media):
    # Two stores of one name at once raced for one path, and the loser of a
    # duplicate removed the winner's file with its own.
    paths = {upload_path(PlayCountJob(), "initial_test.csv") for _ in range(3)}
    assert len({path.rsplit("/", 2)[-2] for path in paths}) == 3
    assert all(path.endswith("/initial_test.csv") for path in paths)


def test_duplicates_are_per_owner(media, submitter):
    """One user learns nothing about another's files: the same bytes are new."""
    first = upload_of("initial_test.csv")
    mine = play_count_job_create(upload=first, sha256=sha256_of(first), owner=submitter)
    other = SubmitterFactory()
    again = upload_of("initial_test.csv")
    theirs = play_count_job_create(upload=again, sha256=sha256_of(again), owner=other)
    assert theirs.pk != mine.pk
    assert (theirs.owner, mine.owner) == (other, submitter)


def stored_files(media) -> list:
    return [path for path in media.rglob("*") if path.is_file()]


def test_past_the_active_job_limit_nothing_is_stored(media, submitter, settings):
    settings.PLAYS_USER_MAX_ACTIVE_JOBS = 2
    PlayCountJobFactory.create_batch(2, owner=submitter, status=Status.QUEUED)
    PlayCountJobFactory(owner=submitter, status=Status.DONE)
    before = stored_files(media)
    upload = upload_of("initial_test.csv")
    with pytest.raises(PlayCountJobLimit) as caught:
        play_count_job_create(upload=upload, sha256=sha256_of(upload), owner=submitter)
    assert caught.value.limit == "PLAYS_USER_MAX_ACTIVE_JOBS"
    assert caught.value.message == OVER_ACTIVE_JOBS.format(count=2, limit=2)
    assert PlayCountJob.objects.count() == 3
    assert stored_files(media) == before


def test_past_the_quota_nothing_is_stored(media, submitter, settings):
    kept = PlayCountJobFactory(owner=submitter, status=Status.DONE)
    # A failed file's upload is deleted: it no longer counts.
    PlayCountJobFactory(owner=submitter, status=Status.FAILED, upload="")
    upload = upload_of("initial_test.csv")
    settings.PLAYS_USER_QUOTA_BYTES = kept.size + upload.size - 1
    before = stored_files(media)
    with pytest.raises(PlayCountJobLimit) as caught:
        play_count_job_create(upload=upload, sha256=sha256_of(upload), owner=submitter)
    assert caught.value.limit == "PLAYS_USER_QUOTA_BYTES"
    assert caught.value.message == OVER_QUOTA.format(
        total=kept.size + upload.size, limit=settings.PLAYS_USER_QUOTA_BYTES
    )
    assert PlayCountJob.objects.count() == 2
    assert stored_files(media) == before


def test_the_quota_counts_only_the_owners_uploads(media, submitter, settings):
    other = PlayCountJobFactory(status=Status.DONE)
    upload = upload_of("initial_test.csv")
    settings.PLAYS_USER_QUOTA_BYTES = upload.size
    job = play_count_job_create(
        upload=upload, sha256=sha256_of(upload), owner=submitter
    )
    assert job.owner != other.owner


@pytest.mark.parametrize(
    "name",
    ["é" * 127 + ".csv", "é" * 200, "plays.csv.gz", "a." + "ü" * 120, "...csv", "x"],
)
def test_any_name_is_kept_whole_and_stored_under_a_safe_one(media, submitter, name):
    upload = SimpleUploadedFile(name, b"Song,Date,Number of Plays\n", "text/csv")
    job = play_count_job_create(
        upload=upload, sha256=sha256_of(upload), owner=submitter
    )
    job.refresh_from_db()
    assert job.file_name == name
    stored = media / job.upload.name
    assert stored.is_file()
    assert len(stored.name.encode()) <= DISK_NAME_MAX_BYTES
    assert stored.name.endswith(".csv")
