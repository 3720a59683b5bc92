"""Benchmark the DSR import, delete, the API during writes and the percentile API.

    make bench                                        # 1M and 10M rows
    make bench ARGS="--rows 5000 --large-rows 0 --runs 1"     # a quick look

Imports are printed beside their floor, a raw ``COPY`` of the same file into
a bare text table in the same database, and timed in the command (start-up
aside) with its peak RSS; figures are medians of ``--runs`` runs, each in a
fresh PostgreSQL database, except the ``--large-rows`` ones (one run: each
takes minutes; import and percentile only; 0 skips them). ``--parts`` runs
some of: import (PostgreSQL new resources and next month, SQLite), delete
(resources shared, then orphaned), wait (the API's longest answer while a DSR
is replaced, then deleted, beside the idle longest), percentile (answer
times through one gunicorn worker, its peak RSS, the plans in the result),
split (where a next-month import, its per-ISRC fold and the deletes spend
their time: every statement of 0.25 s or more, in the result's notes; not in
the default run). The PostgreSQL imports run with a broker (a RabbitMQ queue
of the run's own), as deployed with a worker: their per-ISRC fold is queued,
not part of the import; elsewhere, without one, it runs in the command.
"""

import argparse
import json
import threading
import time
import urllib.request
from datetime import date
from functools import partial
from pathlib import Path
from statistics import median

from bench.generate.dsr import dsr_file
from bench.harness import (
    Bench,
    Figure,
    Server,
    celery_queue,
    fresh_database,
    fresh_sqlite,
    manage,
    raw_copy_seconds,
    size_label,
)

PARTS = ("import", "delete", "wait", "percentile")
SPLIT = "split"
COPY_TSV = "FORMAT text, HEADER true"
JANUARY, FEBRUARY = (
    (date(2020, 1, 1), date(2020, 1, 31)),
    (date(2020, 2, 1), date(2020, 2, 29)),
)
# Four DSRs spread the percentile data over territories, currencies and periods.
SPREAD = [
    ("ES", "EUR", JANUARY),
    ("FR", "EUR", FEBRUARY),
    ("GB", "GBP", (date(2020, 3, 1), date(2020, 3, 31))),
    ("NO", "NOK", (date(2020, 4, 1), date(2020, 4, 30))),
]
# Targets of the percentile requests, by usages in the database.
PERCENTILE_TARGETS = {
    "small": {"10": "≤ 1 s", "50": "≤ 1 s", "100": "≤ 5 s", "10?territory=ES": "≤ 1 s"},
    "10M": {"10": "≤ 1 s", "50": "≤ 8 s", "100": "≤ 20 s", "10?territory=ES": "≤ 2 s"},
}
PLAN = "from dsrs.selectors import percentile_plan; print(percentile_plan({}))"
# The query the JSON answer of percentile/100 copies out, planned and run in
# a transaction set up as the answer's (answer_json.py), for EXPLAIN.
JSON_PLAN = """
from django.db import connection, transaction
from dsrs.selectors import resource_json_top_percentile
from dsrs.storage.postgresql import answer_json
copied = []
answer_json.copy_rows = lambda *, sql, params: copied.append((sql, params)) or iter(())
with transaction.atomic():
    list(resource_json_top_percentile(number=100) or ())
    with connection.cursor() as cursor:
        sql, params = copied[0]
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, SETTINGS) " + sql, params)
        print("\\n".join(row[0] for row in cursor.fetchall()))
"""
# The latest DSR deleted, in a shell: timed for the figures, bare for the split.
LATEST_DELETE = (
    "from dsrs.models import DSR; from dsrs.services import dsr_delete; "
    "dsr = DSR.objects.order_by('-period_end').first(); "
    "{timer}result = dsr_delete(dsr_ids=[dsr.pk])"
)
DELETE_LATEST = (
    "import time; "
    + LATEST_DELETE.format(timer="t = time.perf_counter(); ")
    + "; print(time.perf_counter() - t, result.orphan_resources)"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--large-rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--parts", default=",".join(PARTS), help=f"comma-separated; or {SPLIT}"
    )
    with Bench("dsrs", parser) as bench:
        args = bench.args
        parts = set(args.parts.split(","))
        if unknown := parts - {*PARTS, SPLIT}:
            parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
        months = two_months(args.rows, seed=1)
        if "import" in parts:
            bench.add(*postgres_import(*months, runs=args.runs))
            bench.add(*sqlite_import(months[0], runs=args.runs))
        if "delete" in parts:
            bench.add(*delete_figures(*months, runs=args.runs))
        if "wait" in parts:
            bench.add(*wait_figures(*months))
        if "percentile" in parts:
            percentile_figures(bench, args.rows, runs=args.runs)
        if SPLIT in parts:
            split_notes(bench, *months)
        if args.large_rows and "import" in parts:
            months = two_months(args.large_rows, seed=2)
            bench.add(*postgres_import(*months, runs=1))
        if args.large_rows and "percentile" in parts:
            percentile_figures(bench, args.large_rows, runs=1)


def two_months(rows: int, *, seed: int) -> tuple[Path, Path]:
    """A DSR of new resources and its next month: the same resources, later."""
    january = dsr_file(rows=rows, seed=seed, period=JANUARY)
    return january, dsr_file(rows=rows, seed=seed, period=FEBRUARY)


def rows_in(path: Path) -> int:
    return int(path.parent.name.split("-")[0])


def postgres_import(path: Path, next_month: Path, *, runs: int) -> list[Figure]:
    """A DSR of new resources, then its next month (all resources known)."""
    rows, label = rows_in(path), size_label(rows_in(path))
    copies, first, known, rss = [], [], [], []
    for _ in range(runs):
        # The per-ISRC fold is queued, as with a worker: not the import's.
        with fresh_database("dsrs") as url, celery_queue() as queued:
            copies.append(raw_copy_seconds(url, path, columns=6, options=COPY_TSV))
            done = manage("import_dsrs", str(path), database=url, env=queued)
            first.append(done.seconds)
            again = manage("import_dsrs", str(next_month), database=url, env=queued)
            known.append(again.seconds)
            rss += [done.rss_mb, again.rss_mb]
        print(
            f"    import: {first[-1]:.1f} s, {known[-1]:.1f} s; COPY {copies[-1]:.1f} s"
        )
    name = f"PostgreSQL import {label} rows"
    copy = Figure.floor(f"raw COPY, {label} rows", rows / median(copies), "rows/s")
    new, next_ = f"{name}, all resources new", f"{name}, the next month (known)"
    return [
        copy,
        Figure(new, rows / median(first), "rows/s", "≥ 0.15x COPY", floors=(copy,)),
        Figure(next_, rows / median(known), "rows/s", "≥ 0.25x COPY", floors=(copy,)),
        Figure(f"{name}: peak RSS", max(rss), "MB", "< 200 MB"),
    ]


def sqlite_import(path: Path, *, runs: int) -> list[Figure]:
    rows, label = rows_in(path), size_label(rows_in(path))
    seconds, rss = [], []
    for _ in range(runs):
        with fresh_sqlite() as url:
            done = manage("import_dsrs", str(path), database=url)
        seconds.append(done.seconds)
        rss.append(done.rss_mb)
    rate = rows / median(seconds)
    return [
        Figure(f"SQLite import {label} rows", rate, "rows/s", "≥ 100,000 rows/s"),
        Figure(f"SQLite import {label} rows: peak RSS", max(rss), "MB", "< 200 MB"),
    ]


def delete_latest(url: str) -> tuple[float, int]:
    """Delete the latest DSR: seconds in ``dsr_delete``, resources orphaned."""
    seconds, orphans = manage(
        "shell", "-v0", "-c", DELETE_LATEST, database=url
    ).output.split()
    return float(seconds), int(orphans)


def delete_figures(path: Path, next_month: Path, *, runs: int) -> list[Figure]:
    """Delete a DSR whose resources another DSR reports, then one of orphans."""
    shared, orphaned = [], []
    for _ in range(runs):
        with fresh_database("dsrs") as url:
            manage("import_dsrs", str(path), str(next_month), database=url)
            seconds, orphans = delete_latest(url)
            assert orphans == 0, orphans
            shared.append(seconds)
            seconds, orphans = delete_latest(url)
            assert orphans > 0
            orphaned.append(seconds)
        print(f"    dsr_delete: {shared[-1]:.2f} s, {orphaned[-1]:.2f} s orphans")
    name = f"dsr_delete of a {size_label(rows_in(path))}-usage DSR"
    return [
        Figure(f"{name}, resources another DSR reports", median(shared), "s", "≤ 2 s"),
        Figure(f"{name}, all its resources orphaned", median(orphaned), "s", "≤ 3 s"),
    ]


# Runs a write in a shell with Django's SQL log on and prints, as JSON, its
# seconds and each statement that took SPLIT_SECONDS or more (statements of
# the ORM's cursor; a COPY through the raw connection is in the rest).
SPLIT_SECONDS = 0.25
SPLIT_SCRIPT = """
import json, logging, re, time
from django.db import connection
slow = []
class Slow(logging.Handler):
    def emit(self, record):
        if getattr(record, "duration", 0) >= {floor}:
            sql = " ".join(re.sub("--[^\\n]*", "", record.sql).split())
            slow.append((round(record.duration, 2), sql))
log = logging.getLogger("django.db.backends")
log.addHandler(Slow()); log.setLevel(logging.DEBUG); log.propagate = False
connection.force_debug_cursor = True
start = time.perf_counter()
{write}
print(json.dumps({{"seconds": time.perf_counter() - start, "slow": slow}}))
"""
SPLIT_WRITES = {
    # Its per-ISRC fold queued, as with a worker; then run, as the worker would.
    "import, the next month": (
        "from django.core.management import call_command; "
        "call_command('import_dsrs', {path!r}, verbosity=0)"
    ),
    "the per-ISRC fold of that import": (
        "from dsrs.services.isrc_sums import isrc_sums_fold_run; isrc_sums_fold_run()"
    ),
    "dsr_delete, resources another DSR reports": LATEST_DELETE.format(timer=""),
    "dsr_delete, all its resources orphaned": LATEST_DELETE.format(timer=""),
}
SPLIT_LABEL = 160


def split_notes(bench: Bench, path: Path, next_month: Path) -> None:
    """Each write's statements of SPLIT_SECONDS or more, in the notes."""
    label = size_label(rows_in(path))
    with fresh_database("dsrs") as url, celery_queue() as queued:
        manage("import_dsrs", str(path), database=url)
        for name, write in SPLIT_WRITES.items():
            script = SPLIT_SCRIPT.format(
                floor=SPLIT_SECONDS, write=write.format(path=str(next_month))
            )
            shell = ("shell", "-v0", "-c", script)
            output = manage(*shell, database=url, env=queued).output
            done = json.loads(output.strip().splitlines()[-1])
            slow = done["slow"]
            lines = [f"{seconds:8.2f} s  {sql[:SPLIT_LABEL]}" for seconds, sql in slow]
            rest = done["seconds"] - sum(seconds for seconds, _ in slow)
            lines.append(
                f"{rest:8.2f} s  the rest (statements under {SPLIT_SECONDS} s, Python)"
            )
            text = f"{name}, {label} rows: {done['seconds']:.2f} s\n" + "\n".join(lines)
            print(text)
            bench.notes[f"split: {name}, {label} rows"] = text


def wait_figures(path: Path, next_month: Path) -> list[Figure]:
    """The API's longest answer while a DSR is replaced, then deleted."""
    label = size_label(rows_in(path))
    writes = (
        (
            f"replace of a {label}-row DSR (import --force)",
            *("import_dsrs", "--force", str(next_month)),
        ),
        (f"dsr_delete of a {label}-usage DSR", "shell", "-v0", "-c", DELETE_LATEST),
    )
    figures = []
    with fresh_database("dsrs") as url:
        manage("import_dsrs", str(path), str(next_month), database=url)
        with Server(url) as server:
            for name, *command in writes:
                figures += wait_during(
                    server, name, partial(manage, *command, database=url)
                )
    return figures


def wait_during(server: Server, name: str, write) -> list[Figure]:
    """The longest answers while ``write`` runs, beside those of 5 idle seconds."""
    idle = Reader(server)
    idle.during(partial(time.sleep, 5))
    reader = Reader(server)
    seconds = reader.during(write)
    figures = [
        Figure(
            f"longest `{path}` during a {name} ({reader.requests} requests "
            f"over {seconds:.0f} s)",
            longest,
            "s",
            "< 1 s",
            floors=(Figure.floor("idle longest", idle.longest[path], "s"),),
        )
        for path, longest in reader.longest.items()
    ]
    seen = f"resources without DSRs seen during a {name}"
    return [*figures, Figure(seen, reader.torn, "items", "0")]


class Reader(threading.Thread):
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

    def __init__(self, server: Server):
        super().__init__(daemon=True)
        self.server, self.stop = server, threading.Event()
        self.requests, self.torn = 0, 0
        self.longest = dict.fromkeys(self.paths, 0.0)

    def during(self, work) -> float:
        """Read while ``work`` runs; return how long it ran."""
        self.start()
        started = time.perf_counter()
        work()
        seconds = time.perf_counter() - started
        self.stop.set()
        self.join()
        return seconds

    def run(self) -> None:
        while not self.stop.is_set():
            path = self.paths[self.requests % len(self.paths)]
            started = time.perf_counter()
            with urllib.request.urlopen(self.server.url(path), timeout=600) as answer:
                body = json.load(answer)
            elapsed = time.perf_counter() - started
            self.longest[path] = max(self.longest[path], elapsed)
            self.requests += 1
            if path.startswith("/resources"):
                self.torn += sum(not item["dsrs"] for item in body)


def percentile_figures(bench: Bench, rows: int, *, runs: int) -> None:
    """Answer times of the percentile API over four DSRs of ``rows`` in all."""
    label = size_label(rows)
    targets = PERCENTILE_TARGETS["10M" if rows >= 10_000_000 else "small"]
    files = [
        dsr_file(rows=rows // 4, seed=100 + i, territory=t, currency=c, period=p)
        for i, (t, c, p) in enumerate(SPREAD)
    ]
    with fresh_database("dsrs") as url:
        manage("import_dsrs", *map(str, files), database=url)
        # One worker serves every request: its peak RSS covers the largest answer.
        with Server(url, workers=1) as server:
            idle = server.worker_memory_mb("VmRSS")
            for query, target in targets.items():
                path = f"/resources/percentile/{query}"
                seconds, body = server.timed(path, runs=runs)
                size, megabytes = len(json.loads(body)), len(body) / 1e6
                name = (
                    f"GET {path} at {label} usages "
                    f"({size:,} resources, {megabytes:,.1f} MB of JSON)"
                )
                bench.add(Figure(name, seconds, "s", target))
            peak = server.worker_memory_mb("VmHWM")
        name = f"gunicorn worker peak RSS over these requests (idle: {idle:.0f} MB)"
        bench.add(Figure(name, peak, "MB", "< 200 MB"))
        for territory in (None, "ES"):
            arguments = f"number=10, territory={territory!r}"
            plan = manage(
                "shell", "-v0", "-c", PLAN.format(arguments), database=url
            ).output
            key = f"EXPLAIN percentile/10 at {label} usages, territory {territory}"
            bench.notes[key] = f"resource_list_top_percentile({arguments})\n\n{plan}"
        plan = manage("shell", "-v0", "-c", JSON_PLAN, database=url).output
        bench.notes[f"EXPLAIN percentile/100 JSON at {label} usages"] = plan


if __name__ == "__main__":
    main()
