"""Synthetic play logs: N rows over K songs and D days, written by DuckDB.

    .venv/bin/python -m bench.generate.plays --rows 1000000 --songs 1000 --days 30

A tenth of the songs are quoted, with a comma and quotes in their name.
DuckDB writes the file in bounded memory, so any size takes no memory.
"""

import argparse
from pathlib import Path

import duckdb

from bench.harness import WORK

GENERATE = """COPY (
    SELECT CASE WHEN song % 10 = 0 THEN 'Song ' || song || ', "live"'
                ELSE 'Song ' || song END AS "Song",
        DATE '2020-01-01' + CAST(hash(i, 1) % {days} AS INTEGER) AS "Date",
        hash(i, 2) % 1000 AS "Number of Plays"
    FROM (SELECT i, hash(i) % {songs} AS song FROM range({rows}) t(i))
) TO '{path}' (HEADER, DELIMITER ',')"""


def plays_file(*, rows: int, songs: int, days: int, out: Path | None = None) -> Path:
    """A play log of these rows (``bench/work/plays/`` unless ``out``)."""
    path = out or WORK / "plays" / f"plays-{rows}-{songs}-{days}.csv"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"generating {rows:,} play rows", flush=True)
    partial = path.with_suffix(".partial")
    connection = duckdb.connect(config={"memory_limit": "512MB"})
    connection.execute(GENERATE.format(rows=rows, songs=songs, days=days, path=partial))
    connection.close()
    partial.rename(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--songs", type=int, default=1_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--out", type=Path, help="file (default: under bench/work)")
    args = parser.parse_args()
    print(plays_file(rows=args.rows, songs=args.songs, days=args.days, out=args.out))


if __name__ == "__main__":
    main()
