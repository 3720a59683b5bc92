"""Writes: importing works files, resolving review items."""

from works.services.importing import work_import
from works.services.reviewing import (
    WorkMergeError,
    WorkMergeResult,
    review_dismiss,
    work_merge,
)

__all__ = [
    "WorkMergeError",
    "WorkMergeResult",
    "review_dismiss",
    "work_import",
    "work_merge",
]
