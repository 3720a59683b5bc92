"""Sizes of stored amounts."""

from dsrs.parsers import REVENUE_MAX_DIGITS

# A sum of revenues: room for 10**12 lines of the largest revenue.
REVENUE_TOTAL_MAX_DIGITS = REVENUE_MAX_DIGITS + 12
