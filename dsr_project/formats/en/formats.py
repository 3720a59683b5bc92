"""English dates as the site writes them: ``7 Dec 2026``, ``7 Dec 2026 05:41``,
``Jan 2020``; typed dates are ISO 8601 (``2020-01-31``).

Django's English formats mix ``Jan. 1, 2020`` with ``Dec. 7, 2026, 5:41 a.m.``
and read dates as ``mm/dd/yyyy``; one format on every page, and the one the
API and the files use for input, avoids misreading 02/01 as either month.
"""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "M Y"
MONTH_DAY_FORMAT = "j M"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = ["%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
