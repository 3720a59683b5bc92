"""Celery tasks: each takes ids (or nothing) and is safe to run twice."""

from celery import shared_task

from plays import services


@shared_task
def play_count_job_run(job_id: int) -> None:
    """Aggregate the job's file, or cut it into parts; its row records the
    outcome, not Celery."""
    services.play_count_job_run(job_id=job_id)


@shared_task
def play_count_part_run(job_id: int, number: int) -> None:
    """Total one part of a job's file; the last part to end queues the merge."""
    services.play_count_part_run(job_id=job_id, number=number)


@shared_task
def play_count_job_merge(job_id: int) -> None:
    """Merge a job's parts into its result (or its first error)."""
    services.play_count_job_merge(job_id=job_id)


@shared_task
def play_count_job_prune() -> None:
    """What ``manage.py prune_play_jobs`` does, from the beat schedule (daily)."""
    services.play_count_storage_prune()
