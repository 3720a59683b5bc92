"""Daily play totals from a CSV file of any size, in bounded memory (DuckDB).

Pure: no ORM, no Django. ``PlayTotalsRun`` takes a source path and writes the
result to a target path; the caller stores both and keeps the job's state.
A file may also be cut into byte ranges (``byte_ranges_cut``), each totalled
by a ``PlayPartRun`` anywhere, and the parts merged by ``PlayTotalsMerge``
into the same result.
"""

from plays.engine.errors import PlayFileError
from plays.engine.header import HEADER, OUTPUT_HEADER
from plays.engine.limits import EngineLimits
from plays.engine.parts import PlayPartRun, PlayTotalsMerge
from plays.engine.ranges import ByteRange, byte_ranges_cut
from plays.engine.totals import PlayTotals, PlayTotalsRun

__all__ = [
    "HEADER",
    "OUTPUT_HEADER",
    "ByteRange",
    "EngineLimits",
    "PlayFileError",
    "PlayPartRun",
    "PlayTotals",
    "PlayTotalsMerge",
    "PlayTotalsRun",
    "byte_ranges_cut",
]
