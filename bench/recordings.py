"""Benchmark revenue per work and unmatched revenue at the issue's scale.

    make bench APP=recordings       # 100M usages, 10M recordings (see below)
    make bench APP=recordings ARGS="--usages 1000000 --lines 250000 \\
        --recordings 100000 --import-rows 100000 --unmatched-requests 2"

A fresh PostgreSQL database is filled straight in SQL (``bench.generate.
archive``: ``--usages`` lines in DSRs of ``--lines``, ``--recordings``
recordings, twice as many works, one link per recording on average). Then,
through gunicorn with the production settings, the median and 95th
percentile of ``--requests`` answers (after a warm-up of each worker) of
``GET /works/{iswc}/revenue`` for random linked works (target ≤ 100 ms) and
of ``--unmatched-requests`` first pages of ``GET /revenue/unmatched``,
unfiltered and for one territory (target ≤ 1 s), read from the per-ISRC
sums built over the archive by the importer's function; the plan of the
usage read behind a work's answer (``EXPLAIN ANALYZE``) goes into the result
file. Last, an ``--import-rows`` DSR is imported with ``import_dsrs`` into
that archive, its per-ISRC fold queued in a RabbitMQ queue of the run's own
(as on a deployment with a worker); the ISRC index the recordings app reads
by is built again on its partition alone (the import without it is the
import less that build: target no more than 10 % slower with it). The
unmatched first pages are timed again while the new DSR is not folded (its
parts computed from its usages), then the fold is run and timed as the
worker runs it.
"""

import argparse
import random
import statistics
import time
import urllib.request
from datetime import date

import psycopg2

from bench.generate.archive import ISRC_KEY, archive_generate
from bench.generate.dsr import dsr_file
from bench.generate.works import iswc_of
from bench.harness import (
    Bench,
    Figure,
    Server,
    celery_queue,
    fresh_database,
    manage,
    size_label,
)

# The per-ISRC sums of unmatched revenue, built by the importer's own function
# (dsrs.storage.postgresql.isrc_sums) over the generated archive; and the
# fold of one imported DSR, as the worker runs it after the import commits.
SUMS_REBUILD = (
    "from dsrs.storage.postgresql.isrc_sums import isrc_sums_rebuild; "
    "isrc_sums_rebuild()"
)
SUMS_MARK = "bench-isrc-fold-seconds"
SUMS_FOLD = (
    "import time\n"
    "from dsrs.services.isrc_sums import isrc_sums_fold_run\n"
    "started = time.perf_counter()\n"
    "folded = isrc_sums_fold_run()\n"
    f"print('{SUMS_MARK}', time.perf_counter() - started, len(folded))\n"
)
IMPORT_PERIOD = (date(2040, 1, 1), date(2040, 1, 31))
# Answers not timed: each of the server's two workers loads Django's lazy
# parts on its first request.
WARM_UPS = 4


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--usages", type=int, default=100_000_000)
    parser.add_argument("--lines", type=int, default=1_000_000, help="per DSR")
    parser.add_argument("--recordings", type=int, default=10_000_000)
    parser.add_argument("--import-rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--unmatched-requests", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2, help="connections filling")
    parser.add_argument("--seed", type=int, default=1)
    with Bench("recordings", parser) as bench, fresh_database("recordings") as url:
        archive_measure(bench, url=url)
        answers_measure(bench, url=url)
        import_measure(bench, url=url)


def archive_measure(bench: Bench, *, url: str) -> None:
    args = bench.args
    print(f"generating {args.usages:,} usages, {args.recordings:,} recordings")
    seconds = archive_generate(
        url,
        usages=args.usages,
        lines=args.lines,
        recordings=args.recordings,
        jobs=args.jobs,
    )
    label = f"{size_label(args.usages)} usages"
    bench.add(Figure(f"generate the archive, {label}", seconds, "s"))
    sums = manage("shell", "-c", SUMS_REBUILD, database=url)
    bench.add(Figure(f"build its per-ISRC sums, {label}", sums.seconds, "s"))
    bench.add(Figure(f"database size, {label}", _database_mb(url), "MB"))


def answers_measure(bench: Bench, *, url: str) -> None:
    args = bench.args
    label = f"{size_label(args.usages)} usages"
    rng = random.Random(args.seed)
    with Server(url) as server:
        paths = [
            f"/works/{_linked_iswc(rng, args.recordings)}/revenue"
            for _ in range(WARM_UPS + args.requests)
        ]
        median, p95 = _timed(server, paths, warm_ups=WARM_UPS)
        bench.add(
            Figure(f"GET /works/{{iswc}}/revenue median, {label}", median, "ms"),
            Figure(f"GET /works/{{iswc}}/revenue p95, {label}", p95, "ms", "≤ 100 ms"),
        )
        if args.unmatched_requests:
            unmatched_measure(bench, server=server, label=label)
    bench.notes["explain-work-revenue"] = _work_plan(url, rng, args.recordings)
    print(bench.notes["explain-work-revenue"])


def unmatched_measure(bench: Bench, *, server: Server, label: str) -> None:
    for query, what in (("", "first page"), ("&territory=ES", "ES first page")):
        pages = [f"/revenue/unmatched?limit=100{query}"] * (
            WARM_UPS + bench.args.unmatched_requests
        )
        median, p95 = _timed(server, pages, warm_ups=WARM_UPS)
        bench.add(
            Figure(f"GET /revenue/unmatched {what} median, {label}", median, "ms"),
            Figure(
                f"GET /revenue/unmatched {what} p95, {label}", p95, "ms", "≤ 1,000 ms"
            ),
        )


def import_measure(bench: Bench, *, url: str) -> None:
    """The import with its fold queued (a worker would run it), then the
    unmatched pages while its DSR is pending, then the fold itself."""
    args = bench.args
    label = f"{size_label(args.import_rows)} rows into {size_label(args.usages)}"
    path = dsr_file(rows=args.import_rows, seed=args.seed, period=IMPORT_PERIOD)
    with celery_queue() as queued:
        done = manage("import_dsrs", str(path), database=url, env=queued)
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM dsrs_dsr")
        table = f"dsrs_usage_dsr_{cursor.fetchone()[0]}"
        started = time.perf_counter()
        cursor.execute(f"CREATE INDEX bench_isrc_key_again ON {table} ({ISRC_KEY})")
        build = time.perf_counter() - started
        cursor.execute("DROP INDEX bench_isrc_key_again")
    connection.close()
    without = done.seconds - build
    bench.add(
        Figure(f"import_dsrs {label}", done.seconds, "s", "≤ 1.1x without"),
        Figure(f"of which the ISRC index build, {label}", build, "s"),
        Figure(f"import_dsrs without it, {label}", without, "s"),
        Figure(
            f"import slower with the ISRC index, {label}",
            (done.seconds / without - 1) * 100,
            "%",
            "≤ 10 %",
        ),
    )
    if args.unmatched_requests:
        with Server(url) as server:
            unmatched_measure(bench, server=server, label=f"{label}, DSR not folded")
    fold = manage("shell", "-c", SUMS_FOLD, database=url)
    seconds, folded = fold.output.rpartition(f"{SUMS_MARK} ")[2].split()[:2]
    bench.add(
        Figure(
            f"per-ISRC fold after commit ({folded} DSR), {label}", float(seconds), "s"
        )
    )


def _linked_iswc(rng: random.Random, recordings: int) -> str:
    """A work with one recording, or two for a medley (``bench.generate.
    archive``'s links)."""
    while True:
        r = rng.randint(1, recordings)
        if r % 5 and r % 100:
            return iswc_of(r)


def _timed(server: Server, paths: list[str], *, warm_ups: int) -> tuple[float, float]:
    """Median and 95th percentile in ms of the answers after the warm-ups."""
    seconds = []
    for path in paths:
        started = time.perf_counter()
        with urllib.request.urlopen(server.url(path), timeout=3600) as response:
            response.read()
        seconds.append(time.perf_counter() - started)
    ms = [s * 1000 for s in seconds[warm_ups:]]
    p95 = statistics.quantiles(ms, n=20)[18] if len(ms) > 1 else ms[0]
    return statistics.median(ms), p95


def _work_plan(url: str, rng: random.Random, recordings: int) -> str:
    """``EXPLAIN ANALYZE`` of the usage read behind one work's answer."""
    r = rng.randint(0, recordings // 5 - 1) * 5 + 1  # a medley's recording
    key = ISRC_KEY.replace("isrc", "u.isrc")
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT id FROM dsrs_dsr WHERE status = 'ingested'")
        ids = ", ".join(str(dsr_id) for (dsr_id,) in cursor.fetchall())
        cursor.execute(
            f"""
            EXPLAIN (ANALYZE, BUFFERS)
            SELECT u.dsr_id, r.dsp, r.dsp_id, u.isrc, u.usages, u.revenue
            FROM dsrs_usage AS u JOIN dsrs_resource AS r ON r.id = u.resource_id
            WHERE u.dsr_id IN ({ids})
              AND ({key} IN (bench_isrc(%s)) OR {key} IS NULL)
            """,
            [r],
        )
        plan = "\n".join(line for (line,) in cursor.fetchall())
    connection.close()
    return plan


def _database_mb(url: str) -> float:
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        size = cursor.fetchone()[0]
    connection.close()
    return size / 2**20


if __name__ == "__main__":
    main()
