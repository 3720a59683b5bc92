"""Validate the whole file, aggregate, then sort, in one read of the file.

Validation reads every record with declared types; DuckDB's rejects table
collects the records it cannot read (field count, encoding, dates) with their
line, and a count of the values it would read too leniently (it rounds
``1.5`` to 2) tells whether to look for the first of those in Python. Only a
valid file's totals are written, so a bad file never leaves a result behind.

A file of one pass's worth of rows (estimated from its first MiB) is read
once: the aggregate counts rows and lenient values per group as it sums, so
validation costs no read of its own (it was a fifth of the run). A larger
one is read once into Parquet buckets by a hash of the song, with a flag per
lenient value; its rows and flags are counted from the buckets, and only a
valid file's buckets are aggregated, in passes.
"""

import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

from plays.engine.database import (
    TOTAL,
    buckets_files,
    buckets_write,
    buckets_written,
    databases_remove,
    sql_string,
    totals_connect,
    totals_from_buckets,
    totals_publish,
)
from plays.engine.errors import PlayFileError, reject_message
from plays.engine.header import header_check
from plays.engine.limits import EngineLimits
from plays.engine.lines import lines_check
from plays.engine.strict import first_record_problem

# The reader, strict: no sniffing, RFC 4180 quoting, empty fields read as ''
# so that they fail the checks instead of becoming NULL.
READ_CSV = """read_csv({path}, auto_detect = false, header = true,
    delim = ',', quote = '"', escape = '"', dateformat = '%Y-%m-%d',
    max_line_size = {max_line},
    force_not_null = ['Song', 'Date', 'Number of Plays'], {rejects}
    columns = {{'Song': 'VARCHAR', 'Date': 'DATE', 'Number of Plays': 'VARCHAR'}})"""
LENIENT_ROW = """("Song" = ''
    OR NOT regexp_full_match("Number of Plays", '[0-9]+')
    OR TRY_CAST("Number of Plays" AS UBIGINT) IS NULL)"""
LENIENT = f"count_if{LENIENT_ROW}"
# Rows and lenient values of a file written to buckets: the row counts come
# from the Parquet footers, the flags are one column of booleans.
BUCKETS_CHECKED = """SELECT (SELECT coalesce(sum(num_rows), 0)
        FROM parquet_file_metadata({files})),
    (SELECT count_if(lenient) FROM read_parquet({files}))"""
REJECTS = "store_rejects = true,"
FIRST_REJECT = """SELECT line, column_name, error_type, csv_line, error_message
    FROM reject_errors
    ORDER BY line, error_type NOT IN ('LINE SIZE OVER MAXIMUM', 'TOO MANY COLUMNS',
        'MISSING COLUMNS'), column_idx
    LIMIT 1"""
PLAYS_VALUE = 'TRY_CAST("Number of Plays" AS UBIGINT)'
# One read: TRY_CAST, because a lenient value fails the file afterwards.
AGGREGATE_CHECKED = (
    """CREATE TABLE totals AS
    SELECT "Song", "Date",
        CAST(sum(TRY_CAST("Number of Plays" AS UBIGINT)) AS HUGEINT) AS "{total}",
        count(*) AS rows_in, """
    + LENIENT
    + """ AS lenient
    FROM {source}
    GROUP BY "Song", "Date"
"""
)
CHECKED = "SELECT coalesce(sum(rows_in), 0), coalesce(sum(lenient), 0) FROM totals"
# The estimate from the first MiB may be a little off: a tenth to spare.
ONE_READ_SHARE = 1.1


@dataclass(frozen=True)
class PlayTotals:
    rows_in: int
    rows_out: int


class PlayTotalsRun:
    """One aggregation; ``rows_read`` may be polled from another thread.

    ``part``: the totals go to ``target`` as a part's Parquet file, unsorted,
    for ``PlayTotalsMerge``; otherwise as the result's sorted CSV.
    """

    def __init__(
        self, *, source: Path, target: Path, limits: EngineLimits, part: bool = False
    ):
        self.source = source
        self.target = target
        self.limits = limits
        self.part = part
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._bytes_per_row = 1.0
        self._rows_in: int | None = None
        self._lock = threading.Lock()

    def rows_read(self) -> int:
        """Rows validated so far: estimated from DuckDB's progress through bytes."""
        with self._lock:
            if self._rows_in is not None:
                return self._rows_in
            if self._connection is None:
                return 0
            percent = self._connection.query_progress()
        size = self.source.stat().st_size
        return max(0, int(percent / 100 * size / self._bytes_per_row))

    def execute(self) -> PlayTotals:
        """Validate, aggregate into a temporary file, then publish it atomically."""
        self._bytes_per_row = header_check(source=self.source)
        lines_check(source=self.source, max_line_bytes=self.limits.max_line_bytes)
        connection = totals_connect(limits=self.limits)
        try:
            with self._lock:
                self._connection = connection
            rows_in = self._totals(connection)
            with self._lock:
                self._rows_in = rows_in
            rows_out = totals_publish(connection, target=self.target, part=self.part)
        finally:
            with self._lock:
                self._connection = None
            connection.close()
            databases_remove(self.limits)
        return PlayTotals(rows_in=rows_in, rows_out=rows_out)

    def _totals(self, connection: duckdb.DuckDBPyConnection) -> int:
        """The table ``totals`` of a valid file; returns its rows."""
        estimate = self.source.stat().st_size / self._bytes_per_row
        if estimate <= self.limits.rows_per_pass * ONE_READ_SHARE:
            connection.execute(
                AGGREGATE_CHECKED.format(
                    total=TOTAL, source=self._read_csv(rejects=REJECTS)
                )
            )
            ((rows, lenient),) = connection.execute(CHECKED).fetchall()
            self._check(connection, lenient=lenient)
            return rows
        directory = buckets_write(
            connection,
            source=self._read_csv(rejects=REJECTS),
            value=PLAYS_VALUE,
            rows=int(estimate * ONE_READ_SHARE),
            limits=self.limits,
            extra=f"{LENIENT_ROW} AS lenient,",
        )
        rows, lenient = 0, 0
        if buckets_written(directory=directory):
            files = buckets_files(directory=directory)
            ((rows, lenient),) = connection.execute(
                BUCKETS_CHECKED.format(files=files)
            ).fetchall()
        self._check(connection, lenient=lenient)
        totals_from_buckets(connection, directory=directory, limits=self.limits)
        return rows

    def _read_csv(self, *, rejects: str) -> str:
        return READ_CSV.format(
            path=sql_string(str(self.source)),
            max_line=self.limits.max_line_bytes,
            rejects=rejects,
        )

    def _check(self, connection: duckdb.DuckDBPyConnection, *, lenient: int) -> None:
        """Fail with the first problem by line: DuckDB's rejects, or (when
        ``lenient`` values were read) the first value the rules refuse."""
        reject = connection.execute(FIRST_REJECT).fetchone()
        reject_line = reject[0] if reject else None
        problem = (
            first_record_problem(
                source=self.source,
                before=reject_line,
                max_line_bytes=self.limits.max_line_bytes,
            )
            if lenient
            else None
        )
        if problem is not None:
            raise PlayFileError(problem)
        if reject is not None:
            line, column, error_type, csv_line, reason = reject
            raise PlayFileError(
                reject_message(
                    line=line,
                    column=column,
                    error_type=error_type,
                    csv_line=csv_line,
                    reason=reason,
                    max_line_bytes=self.limits.max_line_bytes,
                )
            )
