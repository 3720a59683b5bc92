"""Writes: recordings, their facts, their catalogue tracks and links to works."""

from recordings.services.links import (
    LinkError,
    recording_facts_fill,
    recording_get_or_create,
    recording_review_refresh,
    recording_work_link,
    recording_work_link_many,
    recording_work_unlink,
)
from recordings.services.tracks import TrackFact, track_upsert_many

__all__ = [
    "LinkError",
    "TrackFact",
    "recording_facts_fill",
    "recording_get_or_create",
    "recording_review_refresh",
    "recording_work_link",
    "recording_work_link_many",
    "recording_work_unlink",
    "track_upsert_many",
]
