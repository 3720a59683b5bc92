"""Reads: play-count jobs."""

from plays.selectors.jobs import (
    play_count_job_active_count,
    play_count_job_count,
    play_count_job_get,
    play_count_job_list,
    play_count_job_stored_bytes,
    play_count_job_visible_get,
)

__all__ = [
    "play_count_job_active_count",
    "play_count_job_count",
    "play_count_job_get",
    "play_count_job_list",
    "play_count_job_stored_bytes",
    "play_count_job_visible_get",
]
