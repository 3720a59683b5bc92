"""Reads: works by ISWC, enrich lists, search, counts."""

from works.selectors.works import (
    EnrichResult,
    WorkView,
    review_item_count_open,
    work_count,
    work_get_by_iswc,
    work_list,
    work_list_enrich,
    work_search,
    work_views,
)

__all__ = [
    "EnrichResult",
    "WorkView",
    "review_item_count_open",
    "work_count",
    "work_get_by_iswc",
    "work_list",
    "work_list_enrich",
    "work_search",
    "work_views",
]
