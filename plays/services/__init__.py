"""Writes: creating play-count jobs from uploads and running them."""

from plays.services.creating import (
    PlayCountJobDuplicate,
    PlayCountJobLimit,
    play_count_job_create,
    play_count_job_enqueue,
    play_count_job_limits_check,
)
from plays.services.leftovers import LeftoversResult, leftovers_prune
from plays.services.parts import play_count_job_merge, play_count_part_run
from plays.services.pruning import (
    PruneResult,
    play_count_job_prune,
    play_count_storage_prune,
)
from plays.services.running import play_count_job_rerun, play_count_job_run

__all__ = [
    "LeftoversResult",
    "PlayCountJobDuplicate",
    "PlayCountJobLimit",
    "PruneResult",
    "leftovers_prune",
    "play_count_job_create",
    "play_count_job_enqueue",
    "play_count_job_limits_check",
    "play_count_job_merge",
    "play_count_job_prune",
    "play_count_job_rerun",
    "play_count_job_run",
    "play_count_part_run",
    "play_count_storage_prune",
]
