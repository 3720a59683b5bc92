"""Reads: recordings, links and the revenue that follows them."""

from recordings.selectors.detail import recording_detail
from recordings.selectors.links import (
    link_review_count_open,
    recording_count,
    recording_decisions,
    recording_get,
    recording_isrcs_linked_to,
    recording_links,
)
from recordings.selectors.revenue import (
    Filters,
    Unmatched,
    eur_text,
    recording_revenue,
    revenue_unmatched,
    work_revenue,
)

__all__ = [
    "Filters",
    "Unmatched",
    "eur_text",
    "link_review_count_open",
    "recording_count",
    "recording_decisions",
    "recording_detail",
    "recording_get",
    "recording_isrcs_linked_to",
    "recording_links",
    "recording_revenue",
    "revenue_unmatched",
    "work_revenue",
]
