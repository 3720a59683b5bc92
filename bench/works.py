"""Benchmark the works import and the enrich API, each beside its floor.

    make bench APP=works                                  # 1M and 3M rows
    make bench APP=works ARGS="--rows 10000"              # a quick look

For each size, a works CSV (``bench.generate.works``: N rows about N/2 works
from ``--sources`` providers, with missing and mistyped ISWCs, title variants
and partial contributor lists) is imported with ``import_works`` into a fresh
PostgreSQL database: rows/s and the command's peak RSS, beside two floors
from the same run, the parser alone over the same file (CPU time, in a
process of its own) and a raw ``COPY`` of the file into a bare text table.
Then ``POST /works/enrich`` with 1,000 ISWCs of that database is timed
through gunicorn with the production settings (median of ``--requests``
requests after one warm-up).

``--enrich-works N`` times the same request on N works written straight
into a fresh database (``bench.generate.works_archive``: the proportions of
titles, contributors and source rows an import leaves), for sizes the
importer would take too long to make (issue 30: 10M works).
"""

import argparse
import json
import random
import urllib.request

import psycopg2

from bench.generate.works import ROWS_PER_WORK, iswc_of, works_file
from bench.generate.works_archive import works_archive_generate
from bench.harness import (
    PYTHON,
    Bench,
    Figure,
    Server,
    fresh_database,
    manage,
    production_env,
    raw_copy_seconds,
    run,
    size_label,
)

# The parser alone, timed in CPU seconds: the Python floor of the import.
PARSE_ONLY = """import sys, time
from pathlib import Path
from works.parsers import WorksReader
started = time.process_time()
rows = sum(1 for _ in WorksReader(path=Path(sys.argv[1]), source="bench"))
print(rows, time.process_time() - started)
"""
TABLES = ("work", "sourcerow", "contributor", "worktitle", "reviewitem")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="*", default=[1_000_000, 3_000_000])
    parser.add_argument("--sources", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--enrich-works", type=int, default=0, help="0: none")
    with Bench("works", parser) as bench:
        for rows in bench.args.rows:
            size_measure(bench, rows=rows)
        if bench.args.enrich_works:
            archive_measure(bench, works=bench.args.enrich_works)


def size_measure(bench: Bench, *, rows: int) -> None:
    args = bench.args
    path = works_file(rows=rows, sources=args.sources, seed=args.seed)
    label = f"{size_label(rows)} rows"
    done = run([PYTHON, "-c", PARSE_ONLY, str(path)], env=production_env(""))
    _, cpu_seconds = done.output.split()
    parse = Figure.floor(
        f"parse only, {label} (CPU time)", rows / float(cpu_seconds), "rows/s"
    )
    with fresh_database("works") as url:
        seconds = raw_copy_seconds(url, path, columns=5, options="FORMAT csv, HEADER")
        copy = Figure.floor(f"raw COPY, {label}", rows / seconds, "rows/s")
        imported = manage("import_works", str(path), database=url)
        bench.add(
            parse,
            copy,
            Figure(
                f"import_works {label} ({imported.seconds:,.1f} s)",
                rows / imported.seconds,
                "rows/s",
                "≥ 20,000 rows/s",
                floors=(parse, copy),
            ),
            Figure(
                f"import_works {label}: peak RSS", imported.rss_mb, "MB", "< 300 MB"
            ),
        )
        stored = counts(url)
        bench.notes[f"stored after {label}"] = json.dumps(stored)
        bench.notes[f"import_works {label} output"] = imported.output.strip()
        enrich_measure(bench, url=url, works=rows // ROWS_PER_WORK, stored=stored)


def archive_measure(bench: Bench, *, works: int) -> None:
    """The enrich request on ``works`` works written straight into the database."""
    with fresh_database("works") as url:
        print(f"writing {works:,} works")
        seconds = works_archive_generate(url, works=works)
        stored = counts(url)
        label = size_label(works)
        bench.notes[f"stored in the {label}-works archive"] = json.dumps(stored)
        bench.notes[f"{label}-works archive written in"] = f"{seconds:.0f} s"
        enrich_measure(bench, url=url, works=works, stored=stored)


def enrich_measure(bench: Bench, *, url: str, works: int, stored: dict) -> None:
    """POST /works/enrich with 1,000 ISWCs of the first ``works`` works."""
    with Server(url) as server:
        rng = random.Random(1)
        seconds, body = server.timed(
            lambda: enrich_request(server, rng, works), runs=bench.args.requests
        )
    found = len(json.loads(body)["works"])
    bench.add(
        Figure(
            f"POST /works/enrich, 1,000 ISWCs ({found} found), "
            f"{stored['work']:,} works",
            seconds * 1000,
            "ms",
            "≤ 100 ms",
        )
    )


def enrich_request(server: Server, rng: random.Random, works: int):
    """POST /works/enrich with 1,000 ISWCs of the database, drawn by ``rng``."""
    iswcs = [iswc_of(rng.randint(1, works)) for _ in range(1000)]
    return urllib.request.Request(
        server.url("/works/enrich"),
        data=json.dumps({"iswcs": iswcs}).encode(),
        headers={"Content-Type": "application/json"},
    )


def counts(url: str) -> dict[str, int]:
    """Rows per works table and the database size after the import."""
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        result = {}
        for table in TABLES:
            cursor.execute(f"SELECT COUNT(*) FROM works_{table}")
            result[table] = cursor.fetchone()[0]
        cursor.execute("SELECT pg_database_size(current_database())")
        result["database MB"] = cursor.fetchone()[0] // 2**20
    connection.close()
    return result


if __name__ == "__main__":
    main()
