"""Reads: works by ISWC, enrich lists, search."""

from works.selectors.works import (
    EnrichResult,
    WorkView,
    work_get_by_iswc,
    work_list_enrich,
    work_search,
    work_views,
)

__all__ = [
    "EnrichResult",
    "WorkView",
    "work_get_by_iswc",
    "work_list_enrich",
    "work_search",
    "work_views",
]
