"""Finished jobs past their retention go with their files; others stay."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from plays.models import PlayCountJob
from plays.services import play_count_job_prune
from tests.plays.factories import PlayCountJobFactory

pytestmark = pytest.mark.django_db

Status = PlayCountJob.Status


def job(status: str, *, days_ago: int | None, result: bytes = b"") -> PlayCountJob:
    finished = None if days_ago is None else timezone.now() - timedelta(days=days_ago)
    made = PlayCountJobFactory(status=status, finished_at=finished)
    if result:
        made.result.save("totals.csv", ContentFile(result))
    return made


def test_old_finished_jobs_go_with_their_files(
    media, django_capture_on_commit_callbacks
):
    old_done = job(Status.DONE, days_ago=40, result=b"Song,Date,Total\n")
    old_failed = job(Status.FAILED, days_ago=31)
    recent = job(Status.DONE, days_ago=2, result=b"x\n")
    queued = job(Status.QUEUED, days_ago=None)
    running = job(Status.RUNNING, days_ago=None)
    gone_files = [
        media / old_done.upload.name,
        media / old_done.result.name,
        media / old_failed.upload.name,
    ]
    with django_capture_on_commit_callbacks(execute=True):
        result = play_count_job_prune(
            finished_before=timezone.now() - timedelta(days=30)
        )
    assert result.jobs == 2
    result_bytes = len(b"Song,Date,Total\n")
    assert result.bytes_freed == old_done.size + result_bytes + old_failed.size
    assert set(PlayCountJob.objects.values_list("pk", flat=True)) == {
        recent.pk,
        queued.pk,
        running.pk,
    }
    assert not any(path.exists() for path in gone_files)
    assert (media / recent.upload.name).exists()
    assert (media / recent.result.name).exists()


def test_files_stay_when_the_transaction_does_not_commit(media):
    old = job(Status.DONE, days_ago=40)
    # Without the on-commit callbacks run (the test's transaction never
    # commits), the file is still there.
    play_count_job_prune(finished_before=timezone.now())
    assert (media / old.upload.name).exists()
