"""Jobs in parts: the one-task result byte for byte, the first error, retries."""

import pytest

from plays.engine.errors import NOT_WHOLE, WRONG_HEADER
from plays.models import PlayCountJob, PlayCountPart
from plays.services import play_count_job_merge, play_count_job_run, play_count_part_run
from tests.plays.factories import PlayCountJobFactory

pytestmark = pytest.mark.django_db

Status = PlayCountJob.Status


@pytest.fixture
def run_all(django_capture_on_commit_callbacks):
    """Run a job as the workers would: every task queued on commit runs."""

    def run(job: PlayCountJob) -> PlayCountJob:
        with django_capture_on_commit_callbacks(execute=True):
            play_count_job_run(job_id=job.pk)
        job.refresh_from_db()
        return job

    return run


def result_bytes(media, job: PlayCountJob) -> bytes:
    return (media / job.result.name).read_bytes()


@pytest.mark.parametrize(
    "name", ["initial_test.csv", "quoted_commas.csv", "bom_crlf.csv", "huge_plays.csv"]
)
def test_a_job_in_parts_gives_the_one_task_result_byte_for_byte(
    media, settings, run_all, name
):
    whole = run_all(PlayCountJobFactory(source=name))
    settings.PLAYS_PART_BYTES = 40
    split = run_all(PlayCountJobFactory(source=name))
    assert split.parts.count() > 1
    assert all(part.status == Status.DONE for part in split.parts.all())
    assert (split.status, split.rows_in, split.rows_out, split.rows_done) == (
        Status.DONE,
        whole.rows_in,
        whole.rows_out,
        whole.rows_in,
    )
    assert result_bytes(media, split) == result_bytes(media, whole)
    # The parts' totals go once merged.
    assert not (media / "plays" / "parts").exists() or not any(
        (media / "plays" / "parts").iterdir()
    )


def test_a_bad_value_in_one_part_fails_the_job_naming_the_line(
    media, settings, run_all
):
    settings.PLAYS_PART_BYTES = 30
    job = PlayCountJobFactory(source="initial_test_with_invalid_value.csv")
    stored = media / job.upload.name
    job = run_all(job)
    assert job.parts.count() > 2
    assert (job.status, job.upload.name) == (Status.FAILED, "")
    assert job.error == NOT_WHOLE.format(line=4, value="patata")
    assert not stored.exists()


def test_a_wrong_header_fails_the_job_before_any_part(media, settings, run_all):
    settings.PLAYS_PART_BYTES = 10
    job = run_all(PlayCountJobFactory(source="wrong_header.csv"))
    assert job.status == Status.FAILED
    assert job.error.startswith(WRONG_HEADER.split("{")[0])
    assert not job.parts.exists()


def test_a_retried_part_gives_the_same_result(
    media, settings, run_all, django_capture_on_commit_callbacks
):
    """A part redelivered after its worker died runs again, alone."""
    whole = run_all(PlayCountJobFactory(source="quoted_commas.csv"))
    settings.PLAYS_PART_BYTES = 40
    job = PlayCountJobFactory(source="quoted_commas.csv")
    with django_capture_on_commit_callbacks(execute=False):
        play_count_job_run(job_id=job.pk)  # parts queued, none run
    numbers = list(job.parts.values_list("number", flat=True))
    assert len(numbers) > 1
    with django_capture_on_commit_callbacks(execute=False):
        play_count_part_run(job_id=job.pk, number=0)
    first = (media / f"plays/parts/{job.pk}/0.parquet").read_bytes()
    # Its worker died before the part was acknowledged: the part was left
    # running, and the broker hands it to another worker.
    PlayCountPart.objects.filter(job=job, number=0).update(status=Status.RUNNING)
    with django_capture_on_commit_callbacks(execute=False) as merges:
        for number in numbers:
            play_count_part_run(job_id=job.pk, number=number)
    assert (media / f"plays/parts/{job.pk}/0.parquet").read_bytes() == first
    assert len(merges) == 1  # the last part queued the merge
    job.refresh_from_db()
    assert job.status == Status.RUNNING
    play_count_job_merge(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Status.DONE
    assert job.parts.get(number=0).attempts == 2
    assert {p.attempts for p in job.parts.exclude(number=0)} == {1}
    assert result_bytes(media, job) == result_bytes(media, whole)


def test_a_part_finished_already_only_queues_the_merge_again(
    media, settings, run_all, django_capture_on_commit_callbacks
):
    settings.PLAYS_PART_BYTES = 40
    job = PlayCountJobFactory(source="initial_test.csv")
    with django_capture_on_commit_callbacks(execute=False):
        play_count_job_run(job_id=job.pk)
    with django_capture_on_commit_callbacks(execute=False):
        for part in job.parts.all():
            play_count_part_run(job_id=job.pk, number=part.number)
    with django_capture_on_commit_callbacks(execute=True):
        play_count_part_run(job_id=job.pk, number=0)  # the merge runs
    job.refresh_from_db()
    assert job.status == Status.DONE
    assert {p.attempts for p in job.parts.all()} == {1}
    # Once the job is done, a late part or merge does nothing.
    play_count_part_run(job_id=job.pk, number=0)
    play_count_job_merge(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Status.DONE, 1)


def test_a_rerun_cuts_the_file_again(media, settings, run_all):
    settings.PLAYS_PART_BYTES = 40
    job = PlayCountJobFactory(source="initial_test.csv")
    job = run_all(job)
    PlayCountJob.objects.filter(pk=job.pk).update(status=Status.FAILED)
    again = run_all(job)
    assert (again.status, again.attempts) == (Status.DONE, 2)
    assert again.parts.count() == job.parts.count()
    assert {p.attempts for p in again.parts.all()} == {1}
