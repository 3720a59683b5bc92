"""A job in parts: each byte range totalled on its own, then the parts merged.

``PlayPartRun`` copies its range of the file, behind the file's header line,
into its spill directory and runs the same validation and aggregation as a
whole file, writing the totals as Parquet. Its errors name the line in the
whole file. ``PlayTotalsMerge`` sums the parts' totals per (song, date) and
writes the result exactly as ``PlayTotalsRun`` writes it: same statement,
same types, so the same bytes.
"""

import uuid
from pathlib import Path

from plays.engine.database import (
    TOTAL,
    databases_remove,
    sql_string,
    totals_aggregate,
    totals_connect,
    totals_publish,
)
from plays.engine.errors import PlayFileError
from plays.engine.limits import EngineLimits
from plays.engine.ranges import ByteRange, lines_before
from plays.engine.totals import PlayTotals, PlayTotalsRun

COPY_BYTES = 1 << 20
BOM = b"\xef\xbb\xbf"
PART_ROWS = "SELECT sum(num_rows) FROM parquet_file_metadata({paths})"


class PlayPartRun:
    """One byte range of ``source`` validated and totalled into ``target``."""

    def __init__(
        self, *, source: Path, byte_range: ByteRange, target: Path, limits: EngineLimits
    ):
        self.source = source
        self.byte_range = byte_range
        self.piece = limits.temp_directory / f"{uuid.uuid4().hex}.csv"
        self._run = PlayTotalsRun(
            source=self.piece, target=target, limits=limits, part=True
        )

    def rows_read(self) -> int:
        return self._run.rows_read() if self.piece.exists() else 0

    def execute(self) -> PlayTotals:
        self.piece.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._piece_write()
            return self._run.execute()
        except PlayFileError as error:
            raise self._in_whole_file(error) from None
        finally:
            self.piece.unlink(missing_ok=True)

    def _piece_write(self) -> None:
        start, end = self.byte_range.start, self.byte_range.end
        with self.source.open("rb") as source, self.piece.open("wb") as piece:
            if start:
                piece.write(source.readline().removeprefix(BOM))
                source.seek(start)
            left = end - start
            while left and (chunk := source.read(min(COPY_BYTES, left))):
                piece.write(chunk)
                left -= len(chunk)

    def _in_whole_file(self, error: PlayFileError) -> PlayFileError:
        """Line n of the piece is line n - 1 after the range's start (the
        piece's line 1 is the header); the first range is the file's start."""
        if not self.byte_range.start:
            return error
        before = lines_before(source=self.source, offset=self.byte_range.start)
        return error.shifted(physical=before.physical - 1, records=before.records - 1)


class PlayTotalsMerge:
    """The parts' totals summed per (song, date), written as the result."""

    def __init__(self, *, sources: list[Path], target: Path, limits: EngineLimits):
        self.sources = sources
        self.target = target
        self.limits = limits

    def execute(self) -> int:
        """Publish the result; returns its rows."""
        paths = "[" + ", ".join(sql_string(str(path)) for path in self.sources) + "]"
        connection = totals_connect(limits=self.limits)
        try:
            ((rows,),) = connection.execute(PART_ROWS.format(paths=paths)).fetchall()
            totals_aggregate(
                connection,
                source=f"read_parquet({paths})",
                value=f'"{TOTAL}"',
                rows=rows or 0,
                limits=self.limits,
            )
            return totals_publish(connection, target=self.target)
        finally:
            connection.close()
            databases_remove(self.limits)
