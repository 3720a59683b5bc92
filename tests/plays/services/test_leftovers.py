"""What killed requests and workers leave: old temporary uploads, work files."""

import os
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from plays.models import PlayCountJob
from plays.services import leftovers_prune
from tests.plays.factories import PlayCountJobFactory

pytestmark = pytest.mark.django_db

Status = PlayCountJob.Status
TWO_DAYS = 2 * 24 * 60 * 60


@pytest.fixture
def temp_dir(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploading")
    (tmp_path / "uploading").mkdir()
    return tmp_path / "uploading"


def aged(path, *, seconds: int):
    stamp = time.time() - seconds
    os.utime(path, (stamp, stamp))
    return path


def test_an_abandoned_temporary_upload_goes_a_live_one_stays(temp_dir):
    abandoned = temp_dir / "tmpa1b2c3.upload.csv"
    abandoned.write_bytes(b"x" * 100)
    aged(abandoned, seconds=TWO_DAYS)
    arriving = temp_dir / "tmpd4e5f6.upload"
    arriving.write_bytes(b"y")
    other = temp_dir / "notes.txt"
    other.write_text("not an upload")
    aged(other, seconds=TWO_DAYS)
    result = leftovers_prune(uploads_before=timezone.now() - timedelta(days=1))
    assert (result.temp_uploads, result.bytes_freed) == (1, 100)
    assert not abandoned.exists()
    assert arriving.exists()
    assert other.exists()


def test_a_killed_runs_work_file_goes_a_running_jobs_stays(settings, temp_dir):
    work = settings.PLAYS_WORK_DIR
    killed = PlayCountJobFactory(status=Status.QUEUED)
    failed = PlayCountJobFactory(status=Status.FAILED)
    running = PlayCountJobFactory(status=Status.RUNNING)
    for job in (killed, failed, running):
        (work / str(job.pk)).mkdir(parents=True)
        (work / str(job.pk) / "0123abcd.duckdb").write_bytes(b"d" * 10)
    (work / "999999").mkdir()  # a job since pruned
    result = leftovers_prune(uploads_before=timezone.now())
    assert result.work_entries == 3
    assert sorted(p.name for p in work.iterdir()) == [str(running.pk)]
    assert (work / str(running.pk) / "0123abcd.duckdb").exists()


def test_the_parts_totals_of_a_job_not_running_go(settings, media, temp_dir):
    stopped = PlayCountJobFactory(status=Status.FAILED)
    running = PlayCountJobFactory(status=Status.RUNNING)
    for job in (stopped, running):
        (media / "plays" / "parts" / str(job.pk)).mkdir(parents=True)
        (media / "plays" / "parts" / str(job.pk) / "0.parquet").write_bytes(b"p" * 7)
    result = leftovers_prune(uploads_before=timezone.now())
    assert (result.work_entries, result.bytes_freed) == (1, 7)
    assert [p.name for p in (media / "plays" / "parts").iterdir()] == [str(running.pk)]


def test_prune_play_jobs_removes_both(settings, temp_dir):
    abandoned = temp_dir / "tmpzz.upload.csv"
    abandoned.write_bytes(b"x")
    aged(abandoned, seconds=TWO_DAYS)
    job = PlayCountJobFactory(status=Status.DONE, finished_at=timezone.now())
    (settings.PLAYS_WORK_DIR / str(job.pk)).mkdir(parents=True)
    out = StringIO()
    call_command("prune_play_jobs", stdout=out)
    assert (
        out.getvalue()
        .splitlines()[1]
        .startswith(
            "1 abandoned temporary upload(s) and 1 work file(s) of jobs not running"
        )
    )
    assert not abandoned.exists()
    assert not settings.PLAYS_WORK_DIR.joinpath(str(job.pk)).exists()
    assert PlayCountJob.objects.filter(pk=job.pk).exists()


def test_no_work_directory_yet(settings, temp_dir):
    result = leftovers_prune(uploads_before=timezone.now())
    assert (result.temp_uploads, result.work_entries) == (0, 0)
