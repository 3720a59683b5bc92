"""Celery tasks: each takes ids (or nothing) and is safe to run twice."""

from celery import shared_task

from dsrs.services.isrc_sums import isrc_sums_fold_run


@shared_task
def isrc_sums_fold_pending() -> int:
    """Fold the DSRs ingested since the last fold into the per-ISRC sums;
    queued by each import, and from the beat schedule in case a worker died
    mid-fold. Returns how many were folded."""
    return len(isrc_sums_fold_run())
