"""Running jobs: outcome on the row, result published once, safe to run twice."""

import threading

import pytest

from plays.engine.errors import NOT_WHOLE
from plays.models import PlayCountJob
from plays.services import play_count_job_rerun, play_count_job_run, running
from plays.services.outcomes import INTERNAL_ERROR
from tests.plays.factories import PlayCountJobFactory

pytestmark = pytest.mark.django_db

Status = PlayCountJob.Status
SAMPLE_TOTALS = (
    "Song,Date,Total Number of Plays for Date\n"
    "In The End,2020-01-01,1500\n"
    "In The End,2020-01-02,500\n"
    "Umbrella,2020-01-01,150\n"
    "Umbrella,2020-01-02,250\n"
)


def test_done_job_has_counts_duration_and_result(media):
    job = play_count_job_run(job_id=PlayCountJobFactory().pk)
    assert (job.status, job.rows_in, job.rows_out, job.rows_done) == (
        Status.DONE,
        7,
        4,
        7,
    )
    assert job.result.name == f"plays/results/{job.pk}.csv"
    assert (media / job.result.name).read_text() == SAMPLE_TOTALS
    assert job.attempts == 1
    assert job.error == ""
    assert job.seconds >= 0


def test_invalid_file_fails_the_job_without_a_result(media):
    job = PlayCountJobFactory(source="initial_test_with_invalid_value.csv")
    job = play_count_job_run(job_id=job.pk)
    assert job.status == Status.FAILED
    assert job.error == NOT_WHOLE.format(line=4, value="patata")
    assert job.result.name == ""
    assert not (media / "plays" / "results").exists() or not any(
        (media / "plays" / "results").iterdir()
    )


def test_a_done_job_is_not_run_again(media):
    job = play_count_job_run(job_id=PlayCountJobFactory().pk)
    again = play_count_job_run(job_id=job.pk)
    assert (again.attempts, again.finished_at) == (1, job.finished_at)


def test_a_job_left_running_by_a_dead_worker_reruns_to_the_same_file(media):
    job = play_count_job_run(job_id=PlayCountJobFactory().pk)
    first = (media / job.result.name).read_bytes()
    PlayCountJob.objects.filter(pk=job.pk).update(status=Status.RUNNING)
    rerun = play_count_job_run(job_id=job.pk)
    assert (rerun.status, rerun.attempts) == (Status.DONE, 2)
    assert (media / rerun.result.name).read_bytes() == first
    assert sorted(p.name for p in (media / "plays" / "results").iterdir()) == [
        f"{job.pk}.csv"
    ]


def test_unknown_job_is_ignored(media):
    assert play_count_job_run(job_id=987654) is None


def test_an_internal_error_fails_the_job_and_reaches_celery(media):
    job = PlayCountJobFactory()
    (media / job.upload.name).unlink()
    with pytest.raises(FileNotFoundError):
        play_count_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Status.FAILED
    # The kind of error only: its text names the upload's path on the server.
    assert job.error == INTERNAL_ERROR.format(error="FileNotFoundError")
    assert job.upload.name  # kept for a re-run


def test_a_file_error_deletes_the_upload_and_keeps_the_error(media):
    job = PlayCountJobFactory(source="initial_test_with_invalid_value.csv")
    stored = media / job.upload.name
    job = play_count_job_run(job_id=job.pk)
    assert (job.status, job.upload.name) == (Status.FAILED, "")
    assert job.error == NOT_WHOLE.format(line=4, value="patata")
    assert not stored.exists()
    assert not list((media.parent / "work").glob("*"))


def test_a_job_without_its_upload_is_not_run_again(media):
    job = PlayCountJobFactory(status=Status.FAILED, upload="", error="line 4")
    assert play_count_job_run(job_id=job.pk).status == Status.FAILED
    assert play_count_job_rerun(job_ids=[job.pk]) == 0


def test_progress_is_written_while_the_engine_runs(monkeypatch):
    job = PlayCountJobFactory(status=Status.RUNNING)
    monkeypatch.setattr(running, "PROGRESS_SECONDS", 0.01)
    release = threading.Event()
    seen = []

    class SlowRun:
        def rows_read(self):
            seen.append(1)
            if len(seen) == 3:
                release.set()
            return 42

        def execute(self):
            release.wait(timeout=10)
            return "totals"

    assert running.run_reporting_progress(run=SlowRun(), job_id=job.pk) == "totals"
    job.refresh_from_db()
    assert job.rows_done == 42


def test_rerun_queues_failed_jobs_only(media, django_capture_on_commit_callbacks):
    failed = PlayCountJobFactory(status=Status.FAILED, error="boom")
    queued = PlayCountJobFactory(status=Status.QUEUED)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert play_count_job_rerun(job_ids=[failed.pk, queued.pk]) == 1
    assert len(callbacks) == 1
    failed.refresh_from_db()
    assert (failed.status, failed.error, failed.rows_out) == (Status.DONE, "", 4)
    queued.refresh_from_db()
    assert queued.status == Status.QUEUED


def test_engine_limits_come_from_the_settings(media, settings, monkeypatch):
    settings.PLAYS_ROWS_PER_PASS = 2
    settings.PLAYS_MEMORY_LIMIT = "100MB"
    runs = []

    def spy(**kwargs):
        runs.append(kwargs["limits"])
        return engine_run(**kwargs)

    engine_run = running.PlayTotalsRun
    monkeypatch.setattr(running, "PlayTotalsRun", spy)
    job = play_count_job_run(job_id=PlayCountJobFactory().pk)
    assert [(r.rows_per_pass, r.memory_limit) for r in runs] == [(2, "100MB")]
    assert (job.status, job.rows_out) == (Status.DONE, 4)
    assert (media / job.result.name).read_text() == SAMPLE_TOTALS
