"""What every DuckDB run of a job shares: its connection, the sums, the output.

A run's totals go to a table, aggregated in one statement or, past
``rows_per_pass`` rows, in passes over a hash of the song; the output is then
written from that table to a temporary name and renamed into place, so nobody
ever reads half of one. One pass keeps its table in memory (DuckDB spills to
``temp_directory`` past its limit): written to a database file, the table
cost a write and a read of every group, a fifth of the run. Passes read the
rows from Parquet buckets written in one read of the source, and sum into a
database file of the run's own (``database_path``).
"""

import os
import shutil
import uuid
from pathlib import Path

import duckdb

from plays.engine.header import OUTPUT_HEADER
from plays.engine.limits import EngineLimits

TOTAL = OUTPUT_HEADER[2]
# Two statements, so that the aggregate and the sort never hold memory at the
# same time: the totals go to a table DuckDB may evict to its database file.
AGGREGATE = """CREATE TABLE totals AS
    SELECT "Song", "Date", CAST(sum({value}) AS HUGEINT) AS "{total}"
    FROM {source}
    GROUP BY "Song", "Date"
"""
# Past one pass's worth of rows, DuckDB's hash aggregate over (song, date)
# ran out of memory (100M rows over 1M songs and 30 days: 29M groups, at
# 512MB and at 1GB; again on 2.0.1, not on every run). The rows are then
# written once, in one read, to Parquet files split by a hash of the song
# (buckets), and the groups aggregated in passes, each over the files of a
# few buckets: every pass reads only its own rows.
BUCKETS_WRITE = """COPY (
    SELECT "Song", "Date", {value} AS plays, {extra}
        hash("Song") % {buckets} AS bucket
    FROM {source}
) TO {directory} (FORMAT parquet, PARTITION_BY (bucket))"""
BUCKET_ROWS = """SELECT CAST(regexp_extract(file_name, 'bucket=([0-9]+)', 1) AS BIGINT),
    sum(num_rows)
    FROM parquet_file_metadata({files}) GROUP BY 1 ORDER BY 1"""
TOTALS = 'CREATE TABLE totals ("Song" VARCHAR, "Date" DATE, "{total}" HUGEINT)'
AGGREGATE_PASS = """INSERT INTO totals
    SELECT "Song", "Date", sum(plays) FROM read_parquet({files})
    GROUP BY "Song", "Date"
"""
# Buckets per pass foreseen: a pass takes whole buckets, so an estimate of
# the rows a little short still leaves each pass near its size.
BUCKETS_PER_PASS = 4
# The result: sorted CSV. A part's totals: Parquet, unsorted; DECIMAL(38, 0)
# because Parquet would store a HUGEINT as a DOUBLE (past 2^53, not exact).
WRITE = """COPY (SELECT "Song", "Date", "{total}" FROM totals ORDER BY "Song", "Date")
    TO {target} (HEADER, DELIMITER ',')"""
WRITE_PART = """COPY (SELECT "Song", "Date",
        CAST("{total}" AS DECIMAL(38, 0)) AS "{total}" FROM totals)
    TO {target} (FORMAT parquet)"""


def sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def totals_connect(*, limits: EngineLimits) -> duckdb.DuckDBPyConnection:
    """An in-memory database, spilling to the limits' ``temp_directory``."""
    config = {
        "memory_limit": limits.memory_limit,
        "temp_directory": str(limits.temp_directory),
        # Nothing depends on the reading order: the output is sorted.
        "preserve_insertion_order": False,
    }
    if limits.threads:
        config["threads"] = limits.threads
    limits.temp_directory.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect(":memory:", config=config)
    # Progress is tracked for rows_read, never printed.
    connection.execute(
        "SET enable_progress_bar = true; SET enable_progress_bar_print = false"
    )
    return connection


def totals_aggregate(
    connection: duckdb.DuckDBPyConnection,
    *,
    source: str,
    value: str,
    rows: int,
    limits: EngineLimits,
) -> None:
    """The table ``totals``: per (song, date) the sum of ``value`` over ``source``."""
    if rows <= limits.rows_per_pass:
        connection.execute(AGGREGATE.format(total=TOTAL, value=value, source=source))
        return
    directory = buckets_write(
        connection, source=source, value=value, rows=rows, limits=limits
    )
    totals_from_buckets(connection, directory=directory, limits=limits)


def buckets_write(
    connection: duckdb.DuckDBPyConnection,
    *,
    source: str,
    value: str,
    rows: int,
    limits: EngineLimits,
    extra: str = "",
) -> Path:
    """``source``'s songs, dates, ``value`` (and ``extra`` columns, each
    followed by a comma) in Parquet buckets by a hash of the song; returns
    their directory."""
    passes = max(1, -(-rows // limits.rows_per_pass))
    directory = limits.temp_directory / f"{uuid.uuid4().hex}{BUCKETS_SUFFIX}"
    connection.execute(
        BUCKETS_WRITE.format(
            value=value,
            extra=extra,
            buckets=passes * BUCKETS_PER_PASS,
            source=source,
            directory=sql_string(str(directory)),
        )
    )
    return directory


def buckets_written(*, directory: Path) -> bool:
    """Whether any bucket holds a row: none when every line was rejected."""
    return any(directory.glob("*/*.parquet"))


def buckets_files(*, directory: Path, buckets: list[int] | None = None) -> str:
    """The SQL list of the bucket files (of ``buckets``, or all)."""
    pattern = "{directory}/bucket={bucket}/*.parquet"
    globs = [
        pattern.format(directory=directory, bucket=bucket)
        for bucket in (buckets if buckets is not None else ["*"])
    ]
    return "[" + ", ".join(sql_string(glob) for glob in globs) + "]"


def totals_from_buckets(
    connection: duckdb.DuckDBPyConnection, *, directory: Path, limits: EngineLimits
) -> None:
    """The table ``totals`` from the buckets, in passes of whole buckets of
    at most ``rows_per_pass`` rows (a larger bucket alone), into the run's
    own database file."""
    counts = []
    if buckets_written(directory=directory):
        counts = connection.execute(
            BUCKET_ROWS.format(files=buckets_files(directory=directory))
        ).fetchall()
    database = database_path(limits)
    connection.execute(f"ATTACH {sql_string(str(database))} AS work; USE work")
    connection.execute(TOTALS.format(total=TOTAL))
    for buckets in _passes(counts=counts, rows_per_pass=limits.rows_per_pass):
        files = buckets_files(directory=directory, buckets=buckets)
        connection.execute(AGGREGATE_PASS.format(files=files))


def _passes(*, counts: list[tuple[int, int]], rows_per_pass: int) -> list[list[int]]:
    passes: list[list[int]] = []
    rows = 0
    for bucket, bucket_rows in counts:
        if not passes or rows + bucket_rows > rows_per_pass:
            passes.append([])
            rows = 0
        passes[-1].append(bucket)
        rows += bucket_rows
    return passes


def totals_publish(
    connection: duckdb.DuckDBPyConnection, *, target: Path, part: bool = False
) -> int:
    """Write ``totals`` to ``target`` (a part's Parquet, or the result's CSV),
    renamed into place; returns its rows."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}")
    statement = WRITE_PART if part else WRITE
    try:
        ((rows,),) = connection.execute(
            statement.format(total=TOTAL, target=sql_string(str(partial)))
        ).fetchall()
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return rows


DATABASE_SUFFIX = ".duckdb"
BUCKETS_SUFFIX = ".buckets"


def database_path(limits: EngineLimits) -> Path:
    """A database file of its own in the spill directory, deleted after."""
    return limits.temp_directory / f"{uuid.uuid4().hex}{DATABASE_SUFFIX}"


def databases_remove(limits: EngineLimits) -> None:
    """The database files and buckets ``totals_aggregate`` made (and their
    WAL) once the connection is closed."""
    for leftover in limits.temp_directory.glob(f"*{DATABASE_SUFFIX}*"):
        leftover.unlink()
    for leftover in limits.temp_directory.glob(f"*{BUCKETS_SUFFIX}"):
        shutil.rmtree(leftover)
