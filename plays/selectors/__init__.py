"""Reads: play-count jobs."""

from plays.selectors.jobs import (
    play_count_job_count,
    play_count_job_get,
    play_count_job_list,
)

__all__ = ["play_count_job_count", "play_count_job_get", "play_count_job_list"]
