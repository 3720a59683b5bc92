"""Benchmark the import, the percentile API and deletion; print and save a table.

    make bench                       # 1M and 10M rows, against local PostgreSQL
    .venv/bin/python bench/run.py --large-rows 0      # skip the 10M figures

Each figure is printed with its reference measured in the same run: a raw
``COPY`` of the same file into a bare text table for imports, the target for
the rest. Figures are medians of ``--runs`` runs, except the 10M ones (one run:
each takes minutes). Results go to ``bench/results/<date>.md`` with the
``EXPLAIN ANALYZE`` of the percentile queries beside them.

PostgreSQL: ``BENCH_POSTGRES_URL`` (default postgres://postgres@127.0.0.1:5432),
on which the script creates and drops databases named ``$BENCH_DB_PREFIX_*``
(default ``dsr_bench``); gunicorn listens on ``BENCH_PORT`` (default 8799).
``--parts`` runs some of the figures only (e.g. ``--parts percentile``).
"""

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
PORT = int(os.environ.get("BENCH_PORT", "8799"))
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "dsr_bench")
PARTS = ("import", "sqlite", "delete", "percentile")
# Four DSRs spread the percentile data over territories, currencies and periods.
SPREAD = [
    ("ES", "EUR", date(2020, 1, 1), date(2020, 1, 31)),
    ("FR", "EUR", date(2020, 2, 1), date(2020, 2, 29)),
    ("GB", "GBP", date(2020, 3, 1), date(2020, 3, 31)),
    ("NO", "NOK", date(2020, 4, 1), date(2020, 4, 30)),
]


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    reference: str = ""
    ratio: str = ""


def main() -> None:
    args = parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    figures: list[Figure] = []
    explains: dict[str, str] = {}
    parts = set(args.parts.split(","))
    if parts & {"import", "sqlite", "delete"}:
        small = generate(args.rows, seed=1)
    if "import" in parts:
        figures += postgres_import(small, runs=args.runs, again=True)
    if "sqlite" in parts:
        figures += sqlite_import(small, runs=args.runs)
    if "delete" in parts:
        figures += delete_figures(small, runs=args.runs)
    if "percentile" in parts:
        figures += percentile_figures(args.rows, runs=args.runs, explains=explains)
    if args.large_rows:
        if "import" in parts:
            large = generate(args.large_rows, seed=2)
            figures += postgres_import(large, runs=1, again=False)
        if "percentile" in parts:
            figures += percentile_figures(args.large_rows, runs=1, explains=explains)
    report(figures, explains)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--large-rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--parts", default=",".join(PARTS), help=",".join(PARTS))
    return parser.parse_args()


# Files -------------------------------------------------------------------------


def generate(
    rows: int, *, seed: int, territory="ES", currency="EUR", start=None, end=None
):
    start, end = start or date(2020, 1, 1), end or date(2020, 1, 31)
    out = WORK / f"{rows}-{seed}"
    name = f"Bench_Premium_{territory}_{currency}_{start:%Y%m%d}-{end:%Y%m%d}.tsv.gz"
    if not (out / name).exists():
        print(f"generating {rows:,} rows (seed {seed})", flush=True)
        subprocess.run(
            [
                PYTHON,
                str(ROOT / "bench" / "generate_dsr.py"),
                f"--rows={rows}",
                f"--seed={seed}",
                f"--out={out}",
                f"--territory={territory}",
                f"--currency={currency}",
                f"--start={start}",
                f"--end={end}",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return out / name


def spread_files(rows: int) -> list[Path]:
    part = rows // len(SPREAD)
    return [
        generate(part, seed=100 + i, territory=t, currency=c, start=s, end=e)
        for i, (t, c, s, e) in enumerate(SPREAD)
    ]


# Databases and processes -------------------------------------------------------------


def fresh_postgres(name: str) -> str:
    name = name.replace("dsr_bench", DB_PREFIX, 1)
    connection = psycopg2.connect(f"{SERVER}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {name}")
    connection.close()
    url = f"{SERVER}/{name}"
    manage("migrate", "--no-input", "-v0", database=url)
    return url


def manage(*args: str, database: str) -> tuple[float, int]:
    """Run manage.py; return its wall seconds and peak RSS in MB."""
    env = {**os.environ, "DATABASE_URL": database, "DJANGO_DEBUG": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed ({status})")
    return seconds, usage.ru_maxrss // 1024


def manage_shell(code: str, *, database: str) -> str:
    """Run Python in ``manage.py shell``; return what it printed."""
    return subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database, "DJANGO_DEBUG": "1"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def raw_copy_seconds(url: str, path: Path) -> float:
    """The floor: COPY the same decompressed file into an unindexed text table."""
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_bare")
        cursor.execute(
            "CREATE TABLE bench_bare (a text, b text, c text, d text, e text, f text)"
        )
        connection.commit()
        started = time.perf_counter()
        with gzip.open(path, "rb") as stream:
            cursor.copy_expert(
                "COPY bench_bare FROM STDIN WITH (FORMAT text, HEADER true)", stream
            )
        connection.commit()
        seconds = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_bare")
    return seconds


def rows_in(path: Path) -> int:
    return int(path.parent.name.split("-")[0])


# Figures ------------------------------------------------------------------------


def postgres_import(path: Path, *, runs: int, again: bool) -> list[Figure]:
    rows = rows_in(path)
    first, repeated, copies, rss = [], [], [], []
    for run in range(runs):
        url = fresh_postgres("dsr_bench_import")
        copies.append(raw_copy_seconds(url, path))
        seconds, peak = manage("import_dsrs", str(path), database=url)
        first.append(seconds)
        rss.append(peak)
        if again:
            seconds, _ = manage("import_dsrs", "--force", str(path), database=url)
            repeated.append(seconds)
        print(
            f"  PostgreSQL import {rows:,} run {run + 1}: {first[-1]:.1f} s", flush=True
        )
    copy_rate = rows / statistics.median(copies)
    label = f"{rows / 1e6:g}M"
    figures = [
        Figure(f"PostgreSQL raw COPY {label} rows (floor)", copy_rate, "rows/s"),
        _import_figure(
            f"PostgreSQL import {label} new resources", rows, first, copy_rate
        ),
    ]
    if repeated:
        name = f"PostgreSQL re-import {label} (--force: replaced, resources known)"
        figures.append(_import_figure(name, rows, repeated, copy_rate))
    peak = statistics.median(rss)
    figures.append(
        Figure(f"PostgreSQL import {label} peak RSS", peak, "MB", "< 200 MB")
    )
    return figures


def _import_figure(
    name: str, rows: int, seconds: list[float], copy_rate: float
) -> Figure:
    rate = rows / statistics.median(seconds)
    return Figure(name, rate, "rows/s", "≥ 25 % of raw COPY", f"{rate / copy_rate:.1%}")


def sqlite_import(path: Path, *, runs: int) -> list[Figure]:
    rows = rows_in(path)
    seconds, rss = [], []
    for _ in range(runs):
        database = WORK / "bench.sqlite3"
        database.unlink(missing_ok=True)
        url = f"sqlite:///{database}"
        manage("migrate", "--no-input", "-v0", database=url)
        elapsed, peak = manage("import_dsrs", str(path), database=url)
        seconds.append(elapsed)
        rss.append(peak)
    rate = rows / statistics.median(seconds)
    label = f"{rows / 1e6:g}M"
    return [
        Figure(
            f"SQLite import {label}",
            rate,
            "rows/s",
            "≥ 100,000 rows/s",
            f"{rate / 1e5:.0%}",
        ),
        Figure(
            f"SQLite import {label} peak RSS", statistics.median(rss), "MB", "< 200 MB"
        ),
    ]


def delete_figures(path: Path, *, runs: int) -> list[Figure]:
    seconds = []
    for _ in range(runs):
        url = fresh_postgres("dsr_bench_delete")
        manage("import_dsrs", str(path), database=url)
        output = manage_shell(
            "import time; from dsrs.services import dsr_delete; "
            "t = time.perf_counter(); dsr_delete(dsr_ids=[1]); "
            "print(time.perf_counter() - t)",
            database=url,
        )
        seconds.append(float(output.strip().splitlines()[-1]))
    label = f"{rows_in(path) / 1e6:g}M"
    return [
        Figure(
            f"dsr_delete of a {label}-usage DSR",
            statistics.median(seconds),
            "s",
            "≤ 1 s",
        )
    ]


# Targets of the percentile requests, by usages in the database.
PERCENTILE_TARGETS = {
    "1M": {"10": "≤ 1 s", "50": "≤ 1 s", "100": "≤ 5 s", "10?territory=ES": "≤ 1 s"},
    "10M": {"10": "≤ 10 s", "50": "≤ 8 s", "100": "", "10?territory=ES": "≤ 2 s"},
}


def percentile_figures(
    rows: int, *, runs: int, explains: dict[str, str]
) -> list[Figure]:
    url = fresh_postgres("dsr_bench_percentile")
    files = spread_files(rows)
    manage("import_dsrs", *map(str, files), database=url)
    label = f"{rows / 1e6:g}M"
    targets = PERCENTILE_TARGETS.get(label, PERCENTILE_TARGETS["10M"])
    figures = []
    # One worker serves every request: its peak RSS covers the largest answer.
    with _server(url) as server:
        idle = server.worker_memory_mb("VmRSS")
        for query, target in targets.items():
            path = f"/resources/percentile/{query}"
            seconds, size, megabytes = _latency(path, runs)
            name = (
                f"GET {path} at {label} usages "
                f"({size:,} resources, {megabytes:,.0f} MB of JSON)"
            )
            figures.append(Figure(name, seconds, "s", target))
        peak = server.worker_memory_mb("VmHWM")
    figures.append(
        Figure(
            f"gunicorn worker peak RSS over these requests at {label} "
            f"(idle: {idle:.0f} MB)",
            peak,
            "MB",
            "< 200 MB",
        )
    )
    for number, territory in ((10, None), (10, "ES")):
        key = f"p{number}-{label}" + (f"-{territory}" if territory else "")
        explains[key] = _explain(url, number, territory)
    return figures


class _server:
    """gunicorn from the venv with the production settings, on 127.0.0.1."""

    def __init__(self, url: str):
        self.url = url

    def __enter__(self):
        env = {
            **os.environ,
            "DATABASE_URL": self.url,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
            "DJANGO_SECURE_SSL_REDIRECT": "0",
        }
        gunicorn = str(Path(PYTHON).parent / "gunicorn")
        self.process = subprocess.Popen(
            [
                gunicorn,
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                "1",
                "--timeout",
                "600",
                "dsr_project.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health", timeout=2)
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait()

    def worker_memory_mb(self, field: str) -> float:
        """``VmRSS`` (now) or ``VmHWM`` (peak) of the worker, from /proc."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        [worker] = children
        for line in Path(f"/proc/{worker}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"no {field} for process {worker}")


def _latency(path: str, runs: int) -> tuple[float, int, float]:
    """Median seconds of the whole answer, its items and its megabytes."""
    seconds, size, length = [], 0, 0
    for attempt in range(runs + 1):
        started = time.perf_counter()
        with urllib.request.urlopen(
            f"http://127.0.0.1:{PORT}{path}", timeout=600
        ) as response:
            body = response.read()
        if attempt:  # the first request warms the caches
            seconds.append(time.perf_counter() - started)
        length = len(body)
        size = len(json.loads(body))
    return statistics.median(seconds), size, length / 1e6


def _explain(url: str, number: int, territory: str | None) -> str:
    args = f"number={number}, territory={territory!r}"
    output = manage_shell(
        f"from dsrs.selectors import percentile_plan; print(percentile_plan({args}))",
        database=url,
    )
    return f"resource_list_top_percentile({args})\n\n{output}"


# Report ---------------------------------------------------------------------------


def report(figures: list[Figure], explains: dict[str, str]) -> None:
    today = date.today().isoformat()
    lines = [
        f"# Benchmark {today}",
        "",
        f"Machine: {os.cpu_count()} cores; PostgreSQL at {SERVER}; "
        "medians of 3 runs except the 10M figures (1 run).",
        "",
        "| figure | value | unit | target / reference | ratio |",
        "|---|---:|---|---|---:|",
    ]
    for f in figures:
        value = f"{f.value:,.0f}" if f.unit in ("rows/s", "MB") else f"{f.value:.3f}"
        lines.append(f"| {f.name} | {value} | {f.unit} | {f.reference} | {f.ratio} |")
    table = "\n".join(lines)
    print("\n" + table)
    (RESULTS / f"{today}.md").write_text(table + "\n")
    for key, text in explains.items():
        (RESULTS / f"{today}-explain-{key}.txt").write_text(text)
    print(f"\nwritten to {RESULTS / f'{today}.md'}")


if __name__ == "__main__":
    main()
