"""DDEX DSR flat files (DSRF), Basic Audio profile 1.x: pure parsing. No ORM."""

from dsrs.parsers.dsrf.allocation import RevenueAllocation
from dsrs.parsers.dsrf.blocks import WorkLink
from dsrs.parsers.dsrf.filename import (
    DSRFFileName,
    DSRFFileNameError,
    dsrf_filename_parse,
)
from dsrs.parsers.dsrf.head import DSRFProfileRefused, Head
from dsrs.parsers.dsrf.recognise import dsrf_recognise
from dsrs.parsers.dsrf.report import DSRFReport
from dsrs.parsers.dsrf.summaries import Group, Summary
from dsrs.parsers.dsrf.survey import Survey

__all__ = [
    "DSRFFileName",
    "DSRFFileNameError",
    "DSRFProfileRefused",
    "DSRFReport",
    "Group",
    "Head",
    "RevenueAllocation",
    "Summary",
    "Survey",
    "WorkLink",
    "dsrf_filename_parse",
    "dsrf_recognise",
]
