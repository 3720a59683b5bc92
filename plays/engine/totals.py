"""The two DuckDB passes: validate the whole file, then aggregate and sort.

Validation reads every record with declared types; DuckDB's rejects table
collects the records it cannot read (field count, encoding, dates) with their
line, and a count of the values it would read too leniently (it rounds
``1.5`` to 2) tells whether to look for the first of those in Python. Only a
valid file is aggregated, so a bad file never leaves a result behind.
"""

import csv
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from plays.engine.errors import (
    LINE_TOO_LONG,
    PlayFileError,
    record_problem,
    reject_message,
)
from plays.engine.header import HEADER, OUTPUT_HEADER, header_check
from plays.engine.lines import lines_check

SONG, DATE, PLAYS = HEADER
# The reader, strict: no sniffing, RFC 4180 quoting, empty fields read as ''
# so that they fail the checks instead of becoming NULL.
READ_CSV = """read_csv({path}, auto_detect = false, header = true,
    delim = ',', quote = '"', escape = '"', dateformat = '%Y-%m-%d',
    max_line_size = {max_line},
    force_not_null = ['Song', 'Date', 'Number of Plays'], {rejects}
    columns = {{'Song': 'VARCHAR', 'Date': 'DATE', 'Number of Plays': 'VARCHAR'}})"""
LENIENT = """count_if("Song" = ''
    OR NOT regexp_full_match("Number of Plays", '[0-9]+')
    OR TRY_CAST("Number of Plays" AS UBIGINT) IS NULL)"""
# count("Date") makes DuckDB cast every date: it skips columns nothing reads.
VALIDATE = 'SELECT count("Date"), ' + LENIENT + " FROM {source}"
FIRST_REJECT = """SELECT line, column_name, error_type, csv_line, error_message
    FROM reject_errors
    ORDER BY line, error_type NOT IN ('LINE SIZE OVER MAXIMUM', 'TOO MANY COLUMNS',
        'MISSING COLUMNS'), column_idx
    LIMIT 1"""
# Two statements, so that the aggregate and the sort never hold memory at the
# same time: the totals go to a table DuckDB may evict to its database file.
AGGREGATE = """CREATE TABLE totals AS
    SELECT "Song", "Date", sum(CAST("Number of Plays" AS UBIGINT)) AS "{total}"
    FROM {source}
    GROUP BY "Song", "Date"
"""
# Past one pass's worth of rows, DuckDB's hash aggregate over (song, date)
# ran out of memory (100M rows over 1M songs and 30 days: 29M groups, at
# 512MB and at 1GB). The rows are then loaded into a table once, and the
# groups aggregated in passes over a hash of the song, each small enough.
LOAD = """CREATE TABLE plays AS
    SELECT "Song", "Date", CAST("Number of Plays" AS UBIGINT) AS plays,
        hash("Song") % {passes} AS pass
    FROM {source}"""
TOTALS = 'CREATE TABLE totals ("Song" VARCHAR, "Date" DATE, "{total}" HUGEINT)'
AGGREGATE_PASS = """INSERT INTO totals
    SELECT "Song", "Date", sum(plays) FROM plays WHERE pass = {number}
    GROUP BY "Song", "Date"
"""
WRITE = """COPY (SELECT * FROM totals ORDER BY "Song", "Date")
    TO {target} (HEADER, DELIMITER ',')"""


@dataclass(frozen=True)
class EngineLimits:
    """What one job may use: DuckDB's memory ceiling, threads, spill directory."""

    memory_limit: str
    temp_directory: Path
    threads: int | None = None
    # Rows aggregated in one pass: 10M (8.5M groups) fit in 512MB here.
    rows_per_pass: int = 10_000_000
    # The longest line (record) a file may have, checked before DuckDB reads.
    max_line_bytes: int = 1 << 20


@dataclass(frozen=True)
class PlayTotals:
    rows_in: int
    rows_out: int


def sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class PlayTotalsRun:
    """One aggregation; ``rows_read`` may be polled from another thread."""

    def __init__(self, *, source: Path, target: Path, limits: EngineLimits):
        self.source = source
        self.target = target
        self.limits = limits
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
        self.limits.temp_directory.mkdir(parents=True, exist_ok=True)
        partial = self.target.with_name(f".{self.target.name}.{uuid.uuid4().hex}")
        # A database file of its own in the spill directory, deleted after.
        database = self.limits.temp_directory / f"{uuid.uuid4().hex}.duckdb"
        connection = self._connect(database)
        try:
            with self._lock:
                self._connection = connection
            rows_in = self._validate(connection)
            with self._lock:
                self._rows_in = rows_in
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self._aggregate(connection, rows_in=rows_in)
            ((rows_out,),) = connection.execute(
                WRITE.format(target=sql_string(str(partial)))
            ).fetchall()
            os.replace(partial, self.target)
        finally:
            with self._lock:
                self._connection = None
            connection.close()
            partial.unlink(missing_ok=True)
            for leftover in database.parent.glob(f"{database.name}*"):
                leftover.unlink()
        return PlayTotals(rows_in=rows_in, rows_out=rows_out)

    def _aggregate(self, connection: duckdb.DuckDBPyConnection, *, rows_in: int):
        source = self._read_csv(rejects="")
        total = OUTPUT_HEADER[2]
        passes = max(1, -(-rows_in // self.limits.rows_per_pass))
        if passes == 1:
            connection.execute(AGGREGATE.format(total=total, source=source))
            return
        connection.execute(LOAD.format(passes=passes, source=source))
        connection.execute(TOTALS.format(total=total))
        for number in range(passes):
            connection.execute(AGGREGATE_PASS.format(number=number))

    def _read_csv(self, *, rejects: str) -> str:
        return READ_CSV.format(
            path=sql_string(str(self.source)),
            max_line=self.limits.max_line_bytes,
            rejects=rejects,
        )

    def _connect(self, database: Path) -> duckdb.DuckDBPyConnection:
        config = {
            "memory_limit": self.limits.memory_limit,
            "temp_directory": str(self.limits.temp_directory),
            # Nothing depends on the reading order: the output is sorted.
            "preserve_insertion_order": False,
        }
        if self.limits.threads:
            config["threads"] = self.limits.threads
        connection = duckdb.connect(str(database), config=config)
        # Progress is tracked for rows_read, never printed.
        connection.execute(
            "SET enable_progress_bar = true; SET enable_progress_bar_print = false"
        )
        return connection

    def _validate(self, connection: duckdb.DuckDBPyConnection) -> int:
        source = self._read_csv(rejects="store_rejects = true,")
        ((rows, lenient),) = connection.execute(
            VALIDATE.format(source=source)
        ).fetchall()
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
        return rows


def first_record_problem(
    *, source: Path, before: int | None, max_line_bytes: int
) -> str | None:
    """The first record DuckDB read but the rules refuse, before line ``before``."""
    # The csv module's one field limit (128 KiB unless set) is the line
    # limit while this reads: a song may be as long as its line.
    previous_limit = csv.field_size_limit(max_line_bytes)
    try:
        return _first_record_problem(source, before, max_line_bytes)
    finally:
        csv.field_size_limit(previous_limit)


def _first_record_problem(
    source: Path, before: int | None, max_line_bytes: int
) -> str | None:
    with source.open(encoding="utf-8-sig", errors="replace", newline="") as file:
        records = csv.reader(file)
        line = 1
        while True:
            try:
                record = next(records, None)
            except csv.Error:  # a quoted field over many lines, past the limit
                return LINE_TOO_LONG.format(line=line, limit=max_line_bytes)
            if record is None or (before is not None and line >= before):
                return None
            if line > 1 and len(record) == len(HEADER):
                problem = record_problem(line=line, record=record)
                if problem is not None:
                    return problem
            line += 1
