"""Reads: DSR listings, content counts and the top-percentile rule."""

from dsrs.selectors.dsrs import (
    DSRContents,
    dsr_contents_count,
    dsr_list,
    dsr_list_selected,
    resource_orphan_count,
)
from dsrs.selectors.percentile import (
    ResourceRevenue,
    percentile_plan,
    resource_iter_top_percentile,
    resource_json_top_percentile,
    resource_list_top_percentile,
)

__all__ = [
    "DSRContents",
    "ResourceRevenue",
    "dsr_contents_count",
    "dsr_list",
    "dsr_list_selected",
    "percentile_plan",
    "resource_iter_top_percentile",
    "resource_json_top_percentile",
    "resource_list_top_percentile",
    "resource_orphan_count",
]
