"""SQLite keeps no per-resource sums: its percentile sums usages when asked."""

from collections.abc import Sequence


def sums_remove(*, dsr_ids: Sequence[int], orphans_table: str) -> None:
    """Nothing is kept, so nothing to take out."""


def sums_refresh(*, resource_ids: Sequence[int]) -> None:
    """Nothing is kept, so nothing to recompute."""
