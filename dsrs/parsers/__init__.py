"""Pure parsing of DSR files: the file-name grammar and the row stream. No ORM."""

from dsrs.parsers.filename import (
    FILENAME_SUFFIXES,
    DSRFileName,
    DSRFileNameError,
    dsr_filename_parse,
)
from dsrs.parsers.numbers import REVENUE_DECIMAL_PLACES, REVENUE_MAX_DIGITS
from dsrs.parsers.rows import (
    DSP_ID_MAX_LENGTH,
    DSRFormatError,
    DSRReader,
    ParsedRow,
    RowError,
)

__all__ = [
    "DSP_ID_MAX_LENGTH",
    "FILENAME_SUFFIXES",
    "REVENUE_DECIMAL_PLACES",
    "REVENUE_MAX_DIGITS",
    "DSRFileName",
    "DSRFileNameError",
    "DSRFormatError",
    "DSRReader",
    "ParsedRow",
    "RowError",
    "dsr_filename_parse",
]
