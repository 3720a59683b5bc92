"""Benchmark the import, the percentile API and deletion; print and save a table.

    make bench                       # 1M and 10M rows, against local PostgreSQL
    .venv/bin/python bench/run.py --large-rows 0      # skip the 10M figures

Each figure is printed with its reference measured in the same run: a raw
``COPY`` of the same file into a bare text table for imports, the target for
the rest. Figures are medians of ``--runs`` runs, except the 10M ones (one run:
each takes minutes). The table goes to ``--out`` (default
``bench/results/<date>-run-<HHMMSS>.md``), with the ``EXPLAIN ANALYZE`` of the
percentile queries beside it (``<stem>-explain-<query>.txt``); a run never
overwrites a file, so the dated, hand-written results stay as they are.

PostgreSQL: ``BENCH_POSTGRES_URL`` (default postgres://postgres@127.0.0.1:5432),
on which the script creates and drops databases named ``<BENCH_DB_PREFIX>_*``
(default ``dsr_bench``); gunicorn listens on ``BENCH_PORT`` (default 8799).
``--parts`` runs some of: import, delete, wait, percentile.
"""

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import psycopg2
from webserver import GunicornServer

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
PORT = int(os.environ.get("BENCH_PORT", "8799"))
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "dsr_bench")
PARTS = ("import", "delete", "wait", "percentile")
# Four DSRs spread the percentile data over territories, currencies and periods.
SPREAD = [
    ("ES", "EUR", date(2020, 1, 1), date(2020, 1, 31)),
    ("FR", "EUR", date(2020, 2, 1), date(2020, 2, 29)),
    ("GB", "GBP", date(2020, 3, 1), date(2020, 3, 31)),
    ("NO", "NOK", date(2020, 4, 1), date(2020, 4, 30)),
]
NEXT = (date(2020, 2, 1), date(2020, 2, 29))


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
    args.out.parent.mkdir(parents=True, exist_ok=True)
    figures: list[Figure] = []
    explains: dict[str, str] = {}
    parts = set(args.parts.split(","))
    small = generate(args.rows, seed=1)
    # The next month of the same DSP: the same resources, a later period.
    small_next = generate(args.rows, seed=1, start=NEXT[0], end=NEXT[1])
    if "import" in parts:
        figures += postgres_import(small, small_next, runs=args.runs)
        figures += sqlite_import(small, runs=args.runs)
    if "delete" in parts:
        figures += delete_figures(small, small_next, runs=args.runs)
    if "wait" in parts:
        figures += wait_figures(small, small_next)
    if "percentile" in parts:
        figures += percentile_figures(args.rows, runs=args.runs, explains=explains)
    if args.large_rows:
        large = generate(args.large_rows, seed=2)
        large_next = generate(args.large_rows, seed=2, start=NEXT[0], end=NEXT[1])
        if "import" in parts:
            figures += postgres_import(large, large_next, runs=1)
        if "percentile" in parts:
            figures += percentile_figures(args.large_rows, runs=1, explains=explains)
    report(figures, explains, out=args.out)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--large-rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--parts", default=",".join(PARTS), help="comma-separated")
    parser.add_argument(
        "--out",
        type=Path,
        help="the table's file, which must not exist "
        "(default: bench/results/<date>-run-<HHMMSS>.md)",
    )
    args = parser.parse_args()
    args.out = args.out or RESULTS / f"{datetime.now():%Y-%m-%d-run-%H%M%S}.md"
    # Checked now rather than after a run of minutes; report() still refuses to
    # overwrite a file that appeared meanwhile.
    explains = args.out.parent.glob(f"{args.out.stem}-explain-*.txt")
    taken = [path for path in (args.out, *explains) if path.exists()]
    if taken:
        parser.error(f"{taken[0]} exists; choose another --out")
    return args


# Files -------------------------------------------------------------------------


def generate(
    rows: int, *, seed: int, territory="ES", currency="EUR", start=None, end=None
):
    start, end = start or date(2020, 1, 1), end or date(2020, 1, 31)
    out = WORK / f"{rows}-{seed}-{start:%Y%m}"
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
    """Run manage.py; return its wall seconds and peak RSS in MB.

    The peak is the child's own ``VmHWM``, polled: its ``ru_maxrss`` would
    count this process's memory at the fork (Linux carries it over exec),
    and this process holds the large answers it has read.
    """
    env = {**os.environ, "DATABASE_URL": database, "DJANGO_DEBUG": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, _peak_rss_kb(process.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed ({process.returncode})")
    return seconds, peak // 1024


def _peak_rss_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # it has just ended
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


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


def label_of(path: Path) -> str:
    return f"{rows_in(path) / 1e6:g}M"


# Figures ------------------------------------------------------------------------


def postgres_import(path: Path, next_month: Path, *, runs: int) -> list[Figure]:
    """A DSR of new resources, then its next month (all resources known)."""
    rows = rows_in(path)
    first, known, copies, rss = [], [], [], []
    for run in range(runs):
        url = fresh_postgres(f"{DB_PREFIX}_import")
        copies.append(raw_copy_seconds(url, path))
        seconds, peak = manage("import_dsrs", str(path), database=url)
        first.append(seconds)
        rss.append(peak)
        seconds, peak = manage("import_dsrs", str(next_month), database=url)
        known.append(seconds)
        rss.append(peak)
        print(
            f"  PostgreSQL import {rows:,} run {run + 1}: {first[-1]:.1f} s new, "
            f"{known[-1]:.1f} s next month; COPY {copies[-1]:.1f} s",
            flush=True,
        )
    copy_rate = rows / statistics.median(copies)
    label = label_of(path)
    return [
        Figure(f"PostgreSQL raw COPY {label} rows (floor)", copy_rate, "rows/s"),
        _import_figure(
            f"PostgreSQL import {label} rows, all resources new",
            rows,
            first,
            copy_rate,
            "≥ 15 % of raw COPY",
        ),
        _import_figure(
            f"PostgreSQL import {label} rows, the next month (resources known)",
            rows,
            known,
            copy_rate,
            "≥ 25 % of raw COPY",
        ),
        Figure(
            f"PostgreSQL import {label} peak RSS",
            statistics.median(rss),
            "MB",
            "< 200 MB",
        ),
    ]


def _import_figure(
    name: str, rows: int, seconds: list[float], copy_rate: float, target: str
) -> Figure:
    rate = rows / statistics.median(seconds)
    return Figure(name, rate, "rows/s", target, f"{rate / copy_rate:.1%}")


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


_DELETE_LATEST = (
    "import time; from dsrs.models import DSR; from dsrs.services import dsr_delete; "
    "dsr = DSR.objects.order_by('-period_end').first(); "
    "t = time.perf_counter(); result = dsr_delete(dsr_ids=[dsr.pk]); "
    "print(time.perf_counter() - t, result.orphan_resources)"
)


def delete_figures(path: Path, next_month: Path, *, runs: int) -> list[Figure]:
    """Delete a DSR whose resources another DSR reports, then one of orphans."""
    shared, orphaned = [], []
    for _ in range(runs):
        url = fresh_postgres(f"{DB_PREFIX}_delete")
        manage("import_dsrs", str(path), str(next_month), database=url)
        seconds, orphans = manage_shell(_DELETE_LATEST, database=url).split()[-2:]
        assert orphans == "0", orphans
        shared.append(float(seconds))
        seconds, orphans = manage_shell(_DELETE_LATEST, database=url).split()[-2:]
        assert int(orphans) > 0
        orphaned.append(float(seconds))
        print(f"  dsr_delete: {shared[-1]:.2f} s shared, {orphaned[-1]:.2f} s orphans")
    label = label_of(path)
    return [
        Figure(
            f"dsr_delete of a {label}-usage DSR whose resources another DSR reports",
            statistics.median(shared),
            "s",
            "≤ 2 s",
        ),
        Figure(
            f"dsr_delete of a {label}-usage DSR, all its resources orphaned",
            statistics.median(orphaned),
            "s",
            "≤ 3 s",
        ),
    ]


def wait_figures(path: Path, next_month: Path) -> list[Figure]:
    """The API's longest wait while a DSR is replaced, then deleted."""
    url = fresh_postgres(f"{DB_PREFIX}_wait")
    manage("import_dsrs", str(path), str(next_month), database=url)
    label = label_of(path)
    figures = []
    with _server(url):
        for name, run in (
            (
                f"replace of a {label}-row DSR (import --force)",
                lambda: manage("import_dsrs", "--force", str(next_month), database=url),
            ),
            (
                f"dsr_delete of a {label}-usage DSR",
                lambda: manage_shell(_DELETE_LATEST, database=url),
            ),
        ):
            idle = _Reader()
            idle.start()
            time.sleep(5)
            idle.stop.set()
            idle.join()
            reader = _Reader()
            reader.start()
            started = time.perf_counter()
            run()
            seconds = time.perf_counter() - started
            reader.stop.set()
            reader.join()
            print(
                f"  {name}: {seconds:.1f} s; {reader.requests} requests, "
                f"longest {reader.longest}, {reader.torn} torn; "
                f"idle longest {idle.longest}",
                flush=True,
            )
            for path, longest in reader.longest.items():
                figures.append(
                    Figure(
                        f"longest `{path}` during a {name} ({reader.requests} "
                        f"requests over {seconds:.0f} s; "
                        f"idle: {idle.longest[path]:.3f} s)",
                        longest,
                        "s",
                        "< 1 s",
                    )
                )
            figures += [
                Figure(
                    f"resources without DSRs seen during a {name}",
                    reader.torn,
                    "items",
                    "0",
                ),
            ]
    return figures


class _Reader(threading.Thread):
    """Ask in turn until stopped; keep the longest answer time per path.

    The percentile for a territory without DSRs does no aggregation, so its
    time is the lock wait; the top 1 % shows the full answer time and whether
    a resource ever came without its DSRs.
    """

    paths = (
        "/resources/percentile/1?territory=AD",
        "/resources/percentile/1",
        "/dsrs/",
    )

    def __init__(self):
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.requests, self.torn = 0, 0
        self.longest = dict.fromkeys(self.paths, 0.0)

    def run(self) -> None:
        while not self.stop.is_set():
            path = self.paths[self.requests % len(self.paths)]
            started = time.perf_counter()
            with urllib.request.urlopen(
                f"http://127.0.0.1:{PORT}{path}", timeout=600
            ) as response:
                body = json.load(response)
            elapsed = time.perf_counter() - started
            self.longest[path] = max(self.longest[path], elapsed)
            self.requests += 1
            if path.startswith("/resources"):
                self.torn += sum(not item["dsrs"] for item in body)


# Targets of the percentile requests, by usages in the database.
PERCENTILE_TARGETS = {
    "1M": {"10": "≤ 1 s", "50": "≤ 1 s", "100": "≤ 5 s", "10?territory=ES": "≤ 1 s"},
    "10M": {"10": "≤ 10 s", "50": "≤ 8 s", "100": "", "10?territory=ES": "≤ 2 s"},
}


def percentile_figures(
    rows: int, *, runs: int, explains: dict[str, str]
) -> list[Figure]:
    url = fresh_postgres(f"{DB_PREFIX}_percentile")
    files = spread_files(rows)
    manage("import_dsrs", *map(str, files), database=url)
    label = f"{rows / 1e6:g}M"
    targets = PERCENTILE_TARGETS.get(label, PERCENTILE_TARGETS["10M"])
    figures = []
    # One worker serves every request: its peak RSS covers the largest answer.
    with _server(url, workers=1) as server:
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


def _server(url: str, workers: int = 2) -> GunicornServer:
    return GunicornServer(url, port=PORT, workers=workers)


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


def report(figures: list[Figure], explains: dict[str, str], *, out: Path) -> None:
    """Print the table; write it to ``out`` and the plans beside it, new files."""
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
        whole = f.unit in ("rows/s", "MB", "items")
        value = f"{f.value:,.0f}" if whole else f"{f.value:.3f}"
        lines.append(f"| {f.name} | {value} | {f.unit} | {f.reference} | {f.ratio} |")
    table = "\n".join(lines)
    print("\n" + table)
    with out.open("x") as stream:
        stream.write(table + "\n")
    for key, text in explains.items():
        with out.with_name(f"{out.stem}-explain-{key}.txt").open("x") as stream:
            stream.write(text)
    print(f"\nwritten to {out}")


if __name__ == "__main__":
    main()
