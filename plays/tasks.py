"""Celery tasks: each takes ids (or nothing) and is safe to run twice."""

from celery import shared_task

from plays import services


@shared_task
def play_count_job_run(job_id: int) -> None:
    """Aggregate the job's file; its row records the outcome, not Celery."""
    services.play_count_job_run(job_id=job_id)


@shared_task
def play_count_job_prune() -> None:
    """What ``manage.py prune_play_jobs`` does, from the beat schedule (daily)."""
    services.play_count_storage_prune()
