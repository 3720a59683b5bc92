"""Creating jobs: one per distinct content, stored under MEDIA_ROOT, then queued."""

import hashlib

import pytest
from kombu.exceptions import OperationalError

from plays import tasks
from plays.models import PlayCountJob, upload_path
from plays.services import PlayCountJobDuplicate, creating, play_count_job_create
from plays.services.creating import DUPLICATE, NOT_QUEUED
from tests.plays.factories import upload_of

pytestmark = pytest.mark.django_db


def sha256_of(upload) -> str:
    return hashlib.sha256(upload.read()).hexdigest()


def test_the_upload_is_stored_and_queued(media, django_capture_on_commit_callbacks):
    upload = upload_of("initial_test.csv")
    sha256 = sha256_of(upload)
    with django_capture_on_commit_callbacks() as callbacks:
        job = play_count_job_create(upload=upload, sha256=sha256)
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


def test_the_same_content_again_names_the_earlier_job(media):
    first = upload_of("initial_test.csv")
    job = play_count_job_create(upload=first, sha256=sha256_of(first))
    again = upload_of("initial_test.csv")
    with pytest.raises(PlayCountJobDuplicate) as caught:
        play_count_job_create(upload=again, sha256=sha256_of(again))
    assert caught.value.job_id == job.pk
    assert caught.value.message == DUPLICATE.format(job_id=job.pk)
    assert PlayCountJob.objects.count() == 1


def test_a_duplicate_racing_past_the_check_removes_its_copy(media, monkeypatch):
    """The unique SHA-256 decides when both uploads pass the first lookup."""
    first = upload_of("initial_test.csv")
    sha256 = sha256_of(first)
    job = play_count_job_create(upload=first, sha256=sha256)
    lookups = []

    def late_lookup(*, sha256: str) -> PlayCountJob | None:
        lookups.append(sha256)
        # The racing upload looked before the first one was committed.
        return None if len(lookups) == 1 else PlayCountJob.objects.get(sha256=sha256)

    monkeypatch.setattr(creating, "play_count_job_get", late_lookup)
    with pytest.raises(PlayCountJobDuplicate) as caught:
        play_count_job_create(upload=upload_of("initial_test.csv"), sha256=sha256)
    assert caught.value.job_id == job.pk
    stored = list((media / "plays" / "uploads").rglob("*.csv"))
    assert stored == [media / job.upload.name]


def test_a_job_the_broker_refused_fails_with_the_reason(
    media, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(job_id):
        raise OperationalError("[Errno 111] Connection refused")

    monkeypatch.setattr(tasks.play_count_job_run, "delay", refuse)
    upload = upload_of("initial_test.csv")
    with django_capture_on_commit_callbacks(execute=True):
        job = play_count_job_create(upload=upload, sha256=sha256_of(upload))
    job.refresh_from_db()
    assert job.status == PlayCountJob.Status.FAILED
    assert job.error == NOT_QUEUED.format(error="[Errno 111] Connection refused")


def test_each_upload_has_a_directory_of_its_own(media):
    # Two stores of one name at once raced for one path, and the loser of a
    # duplicate removed the winner's file with its own.
    paths = {upload_path(PlayCountJob(), "initial_test.csv") for _ in range(3)}
    assert len({path.rsplit("/", 2)[-2] for path in paths}) == 3
    assert all(path.endswith("/initial_test.csv") for path in paths)
