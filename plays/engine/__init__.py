"""Daily play totals from a CSV file of any size, in bounded memory (DuckDB).

Pure: no ORM, no Django. ``PlayTotalsRun`` takes a source path and writes the
result to a target path; the caller stores both and keeps the job's state.
"""

from plays.engine.errors import PlayFileError
from plays.engine.header import HEADER, OUTPUT_HEADER
from plays.engine.totals import EngineLimits, PlayTotals, PlayTotalsRun

__all__ = [
    "HEADER",
    "OUTPUT_HEADER",
    "EngineLimits",
    "PlayFileError",
    "PlayTotals",
    "PlayTotalsRun",
]
