"""Writes: recordings, their facts, and their links to works."""

from recordings.services.links import (
    LinkError,
    recording_facts_fill,
    recording_get_or_create,
    recording_review_refresh,
    recording_work_link,
    recording_work_link_many,
    recording_work_unlink,
)

__all__ = [
    "LinkError",
    "recording_facts_fill",
    "recording_get_or_create",
    "recording_review_refresh",
    "recording_work_link",
    "recording_work_link_many",
    "recording_work_unlink",
]
