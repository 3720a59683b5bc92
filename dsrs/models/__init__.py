"""Digital sales reports, the resources they report and their usages."""

from dsrs.models.amounts import REVENUE_TOTAL_MAX_DIGITS
from dsrs.models.dsr import DSR, DeletedDSR, DSRRowError
from dsrs.models.reference import Currency, Territory
from dsrs.models.resource import Resource, Usage
from dsrs.models.sums import ResourceDSRTotal, ResourceTotal

__all__ = [
    "DSR",
    "REVENUE_TOTAL_MAX_DIGITS",
    "Currency",
    "DSRRowError",
    "DeletedDSR",
    "Resource",
    "ResourceDSRTotal",
    "ResourceTotal",
    "Territory",
    "Usage",
]
