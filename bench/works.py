"""Benchmark the works import and the enrich API; print and save a table.

    .venv/bin/python bench/works.py                      # 1M and 3M rows
    .venv/bin/python bench/works.py --rows 1000000 10000000
    .venv/bin/python bench/works.py --generate 100000    # only write a file

The generator writes ``bench/work/works-<rows>.csv``: works with 2 rows each
on average from ``--sources`` providers, with the defects real files have:
missing ISWCs (30 % of rows), ISWCs with a typo (2 %, the check digit then
fails), title variants (10 %: case and punctuation, or a suffix that makes a
conflicting title), partial contributor lists (40 %). It streams, so any size
takes no memory. Each size is imported with ``import_works`` into a fresh
PostgreSQL database (wall time and peak RSS of the process), then
``POST /works/enrich`` is timed with 1,000 ISWCs of that database through
gunicorn with the production settings (median of 20 requests after one
warm-up). Results go to ``bench/results/<date>-works.md``.

PostgreSQL: ``BENCH_POSTGRES_URL`` (default postgres://postgres@127.0.0.1:5432),
on which the script creates and drops a database named ``works_bench``.
"""

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import psycopg2
from webserver import GunicornServer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common.identifiers import iswc_check_digit  # noqa: E402

WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = "works_bench"
PORT = 8122
ROWS_PER_WORK = 2
STRIDE = 1_000_003  # a prime: row r describes work (r * STRIDE) mod works

WORDS = [
    "love",
    "night",
    "heart",
    "fire",
    "rain",
    "dream",
    "light",
    "baby",
    "home",
    "road",
    "summer",
    "blue",
    "dance",
    "time",
    "river",
    "gold",
    "wild",
    "young",
    "world",
    "star",
    "shadow",
    "sky",
    "ocean",
    "city",
    "tonight",
    "forever",
    "alone",
    "together",
    "moon",
    "sun",
    "stone",
    "wind",
    "song",
    "girl",
    "boy",
]
FIRST = [
    "John",
    "Paul",
    "Mary",
    "Anna",
    "Pedro",
    "Lucia",
    "Ahmed",
    "Mei",
    "Olga",
    "Sven",
    "Ines",
    "Tom",
    "Kofi",
    "Aiko",
    "Marta",
    "Ivan",
    "Sara",
    "Luca",
    "Nina",
    "Omar",
]
LAST = [
    "Smith",
    "Garcia",
    "Muller",
    "Rossi",
    "Dubois",
    "Silva",
    "Kowalski",
    "Nielsen",
    "Tanaka",
    "Okafor",
    "Brien",
    "Novak",
    "Jensen",
    "Costa",
    "Moreau",
    "Weber",
    "Lopez",
    "Ricci",
    "Haddad",
    "Berg",
]


def iswc_of(index: int) -> str:
    digits = f"{index:09d}"
    return f"T{digits}{iswc_check_digit(digits=digits)}"


def work_of(index: int, seed: int) -> tuple[str, list[str], str]:
    """The true title, contributors and ISWC of work ``index``."""
    rng = random.Random(seed * 1_000_000_007 + index)
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))
    names = [
        f"{rng.choice(LAST)} {rng.choice(FIRST)} {rng.randint(1, 50_000)}"
        for _ in range(rng.randint(1, 4))
    ]
    return title.capitalize(), names, iswc_of(index + 1)


def row_of(row: int, works: int, sources: int, seed: int) -> list[str]:
    index = row * STRIDE % works
    title, names, iswc = work_of(index, seed)
    rng = random.Random(seed * 7_000_000_001 + row)
    source = f"provider{rng.randrange(sources)}"
    draw = rng.random()
    if draw < 0.30:
        iswc = ""
    elif draw < 0.32:
        iswc = iswc[:-1] + str((int(iswc[-1]) + 1) % 10)
    variant = rng.random()
    if variant < 0.05:
        title = title.upper() + "!"
    elif variant < 0.10:
        title = f"{title} (Live)"
    if len(names) > 1 and rng.random() < 0.40:
        names = rng.sample(names, rng.randint(1, len(names) - 1))
    provider_id = f"{source}-{index}" if rng.random() < 0.7 else ""
    return [title, "|".join(names), iswc, source, provider_id]


def generate(rows: int, *, sources: int, seed: int) -> Path:
    path = WORK / f"works-{rows}-{seed}.csv"
    if path.exists():
        return path
    WORK.mkdir(parents=True, exist_ok=True)
    works = max(rows // ROWS_PER_WORK, 1)
    print(f"generating {rows:,} rows about {works:,} works", flush=True)
    partial = path.with_suffix(".partial")
    with open(partial, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["title", "contributors", "iswc", "source", "id"])
        for row in range(rows):
            writer.writerow(row_of(row, works, sources, seed))
    partial.rename(path)
    return path


def fresh_database() -> str:
    connection = psycopg2.connect(f"{SERVER}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {DATABASE}")
    connection.close()
    url = f"{SERVER}/{DATABASE}"
    manage("migrate", "--no-input", "-v0", database=url)
    return url


def manage(*args: str, database: str) -> tuple[float, int, str]:
    """Run manage.py; return its wall seconds, peak RSS in MB and output."""
    env = {**os.environ, "DATABASE_URL": database, "DJANGO_DEBUG": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed ({status})")
    return seconds, usage.ru_maxrss // 1024, output


def enrich_latency(url: str, *, works: int, runs: int = 20) -> tuple[float, int]:
    """Median seconds of POST /works/enrich with 1,000 ISWCs, and works found."""
    rng = random.Random(1)
    seconds, found = [], 0
    with GunicornServer(url, port=PORT):
        for attempt in range(runs + 1):
            iswcs = [iswc_of(rng.randint(1, works)) for _ in range(1000)]
            request = urllib.request.Request(
                f"http://127.0.0.1:{PORT}/works/enrich",
                data=json.dumps({"iswcs": iswcs}).encode(),
                headers={"Content-Type": "application/json"},
            )
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=60) as response:
                found = len(json.load(response)["works"])
            if attempt:  # the first request warms the caches
                seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), found


def counts(url: str) -> dict[str, int]:
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        result = {}
        for table in ("work", "sourcerow", "contributor", "worktitle", "reviewitem"):
            cursor.execute(f"SELECT COUNT(*) FROM works_{table}")
            result[table] = cursor.fetchone()[0]
        cursor.execute("SELECT pg_database_size(current_database())")
        result["database MB"] = cursor.fetchone()[0] // 2**20
    return result


def parse_rate(path: Path, rows: int) -> float:
    """Rows/s of the parser alone (normal forms, ISWCs): the Python floor."""
    from works.parsers import WorksReader

    started = time.process_time()
    for _ in WorksReader(path=path, source="bench"):
        pass
    return rows / (time.process_time() - started)


def measure(rows: int, *, sources: int, seed: int) -> list[tuple[str, str, str]]:
    path = generate(rows, sources=sources, seed=seed)
    parsed = parse_rate(path, rows)
    url = fresh_database()
    seconds, rss, output = manage("import_works", str(path), database=url)
    print(output, flush=True)
    stored = counts(url)
    latency, found = enrich_latency(url, works=rows // ROWS_PER_WORK)
    label = f"{rows / 1e6:g}M rows"
    return [
        (f"parse only {label} (CPU time)", f"{parsed:,.0f} rows/s", "reference"),
        (f"import {label}", f"{rows / seconds:,.0f} rows/s", "≥ 20,000 rows/s"),
        (f"import {label}: wall time", f"{seconds:,.1f} s", ""),
        (f"import {label}: peak RSS", f"{rss:,} MB", "< 300 MB"),
        (
            f"stored after {label}",
            ", ".join(f"{name} {n:,}" for name, n in stored.items()),
            "",
        ),
        (
            f"POST /works/enrich, 1,000 ISWCs, {stored['work']:,} works",
            f"{latency * 1000:,.0f} ms ({found} found)",
            "≤ 100 ms",
        ),
    ]


def report(figures: list[tuple[str, str, str]], args) -> None:
    today = date.today().isoformat()
    lines = [
        f"# Works benchmark {today}",
        "",
        f"Machine: {os.cpu_count()} cores shared with other work, PostgreSQL 15 at "
        f"default settings; {args.sources} sources, seed {args.seed}. One run per "
        "size: figures are noisy.",
        "",
        "| figure | value | target |",
        "|---|---|---|",
        *(f"| {name} | {value} | {target} |" for name, value, target in figures),
    ]
    table = "\n".join(lines)
    print("\n" + table)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{today}-works.md").write_text(table + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 3_000_000])
    parser.add_argument("--sources", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--generate", type=int, metavar="ROWS")
    args = parser.parse_args()
    if args.generate:
        print(generate(args.generate, sources=args.sources, seed=args.seed))
        return
    figures = []
    for rows in args.rows:
        measured = measure(rows, sources=args.sources, seed=args.seed)
        for name, value, target in measured:
            print(f"| {name} | {value} | {target} |", flush=True)
        figures += measured
    report(figures, args)


if __name__ == "__main__":
    main()
