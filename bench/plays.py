"""Benchmark play-count jobs end to end through the API, beside their floor.

    make bench APP=plays                                   # 10M and 100M rows
    make bench APP=plays ARGS="--rows 100000 --songs 1000"     # a quick look
    make bench APP=plays ARGS="--rows 10000000 --parts 4 --workers 2"

For each size, a play log (``bench.generate.plays``: N rows over K songs and
D days) is uploaded with curl to gunicorn by a submitter (a token made for
the run), a Celery worker (solo pool, as ``make worker`` runs it, on
``CELERY_BROKER_URL``, default the local RabbitMQ, in a queue of the run's
own) runs the job, and the result is downloaded: seconds per phase, rows/s
end to end and as the worker recorded the run, the worker's peak RSS.
``--parts N --workers W``: the job is cut into N parts (``PLAYS_PART_BYTES``
set to a Nth of the file) run by W workers, then merged. The floor is
DuckDB's group-by of the same file into a CSV, in a process of its own; the
alternative, Python's csv module and a dict under
``--alternative-memory-mb`` of address space (0 skips it). Both results are
compared byte for byte with the job's. Files are deleted afterwards.
"""

import argparse
import contextlib
import hashlib
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg2

from bench.generate.plays import plays_file
from bench.harness import (
    PYTHON,
    ROOT,
    WORK,
    Bench,
    Figure,
    Server,
    Worker,
    celery_queue,
    fresh_database,
    manage,
    run,
    size_label,
)

# Input, stored upload, result and spill: about four times the file, whose
# rows take 40 bytes at most.
BYTES_PER_ROW = 4 * 40
# The floor: one DuckDB group-by, written as the job writes its result.
FLOOR = """import sys, time, duckdb
source, target, spill = sys.argv[1:]
connection = duckdb.connect(config={"temp_directory": spill})
connection.execute("SET enable_progress_bar = false")
started = time.perf_counter()
connection.execute(f'''COPY (SELECT "Song", "Date",
    sum("Number of Plays") AS "Total Number of Plays for Date"
    FROM read_csv('{source}') GROUP BY ALL ORDER BY ALL) TO '{target}' (HEADER)''')
print(time.perf_counter() - started)
"""
# The alternative: every (song, date) group held in a dict.
ALTERNATIVE = """import csv, sys, time
from collections import defaultdict
started = time.perf_counter()
totals = defaultdict(int)
with open(sys.argv[1], encoding="utf-8-sig", newline="") as file:
    reader = csv.reader(file)
    next(reader)
    for song, day, plays in reader:
        totals[song, day] += int(plays)
with open(sys.argv[2], "w", encoding="utf-8", newline="") as out:
    writer = csv.writer(out, lineterminator="\\n")
    writer.writerow(["Song", "Date", "Total Number of Plays for Date"])
    for (song, day), total in sorted(totals.items()):
        writer.writerow([song, day, total])
print(time.perf_counter() - started)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rows", type=int, nargs="+", default=[10_000_000, 100_000_000]
    )
    parser.add_argument("--songs", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--alternative-memory-mb", type=int, default=3072)
    parser.add_argument(
        "--parts", type=int, default=1, help="cut each job into N parts (default 1)"
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="Celery workers running the parts"
    )
    with Bench("plays", parser) as bench:
        needed = max(bench.args.rows) * BYTES_PER_ROW
        if (free := shutil.disk_usage(ROOT).free) < needed:
            sys.exit(f"{free / 1e9:.0f} GB free, {needed / 1e9:.0f} GB needed")
        scratch = Path(tempfile.mkdtemp(dir=WORK, prefix="plays-"))
        try:
            with fresh_database("plays") as url, celery_queue() as broker:
                env = broker | {
                    "DJANGO_MEDIA_ROOT": str(scratch / "media"),
                    "PLAYS_WORK_DIR": str(scratch / "spill"),
                    "TMPDIR": str(scratch),
                }
                token = manage("api_token", "bench", "--create", database=url)
                server_env = env | {"BENCH_TOKEN": token.output.strip()}
                with Server(url, workers=1, env=server_env) as server:
                    for rows in bench.args.rows:
                        size_measure(bench, rows, server, url, env, scratch)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


def size_measure(bench, rows, server, url, env, scratch) -> None:
    args, label = bench.args, size_label(rows)
    path = plays_file(
        rows=rows, songs=args.songs, days=args.days, out=scratch / "in.csv"
    )
    done = run([PYTHON, "-c", FLOOR, path, scratch / "floor.csv", scratch])
    floor = Figure.floor(
        f"DuckDB group-by, {label} rows", rows / float(done.output), "rows/s"
    )
    if args.parts > 1:
        env = env | {"PLAYS_PART_BYTES": str(-(-path.stat().st_size // args.parts))}
    with contextlib.ExitStack() as stack:
        workers = [
            stack.enter_context(Worker(url, env=env)) for _ in range(args.workers)
        ]
        phases = job_phases(server, path=path, url=url, result=scratch / "job.csv")
        rss = max(worker.peak_rss_mb() for worker in workers)
    same = same_file(scratch / "floor.csv", scratch / "job.csv")
    how = f", {args.parts} parts on {args.workers} workers" if args.parts > 1 else ""
    name = (
        f"play-count job {label} rows{how} "
        f"({phases['rows_out']:,} totals, {same} as floor)"
    )
    bench.add(
        floor,
        Figure(f"{label} rows: DuckDB group-by peak RSS", done.rss_mb, "MB"),
        Figure(
            f"{name}, end to end",
            rows / phases["total"],
            "rows/s",
            "≥ 0.5x floor",
            floors=(floor,),
        ),
        Figure(
            f"{name}, the run as the worker recorded it",
            rows / phases["run"],
            "rows/s",
            floors=(floor,),
        ),
        *(
            Figure(f"{label} rows: {phase}", phases[phase], "s")
            for phase in ("upload", "queued + run", "download")
        ),
        Figure(f"{label} rows: worker peak RSS{how}", rss, "MB", "< 1,024 MB"),
    )
    if args.alternative_memory_mb:
        bench.add(*alternative(path, scratch, args.alternative_memory_mb, floor, rows))
    for leftover in scratch.glob("*.csv"):
        leftover.unlink()
    shutil.rmtree(scratch / "media", ignore_errors=True)


def curl(server: Server, *args: str) -> str:
    authorization = f"Authorization: Token {server.env['BENCH_TOKEN']}"
    command = ["curl", "-sS", "--fail-with-body", "-H", authorization, *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def job_phases(server: Server, *, path: Path, url: str, result: Path) -> dict:
    """Upload, wait for the job, download: seconds per phase and the job's."""
    started = time.monotonic()
    job = json.loads(curl(server, "-F", f"file=@{path}", server.url("/plays/jobs")))
    uploaded = time.monotonic()
    while (answer := job_state(server, job["url"]))[0] == 425:
        time.sleep(0.1)
    finished = time.monotonic()
    status, body = answer
    if status != 200:
        raise RuntimeError(f"job failed: {body}")
    curl(server, "-o", str(result), body["result"])
    downloaded = time.monotonic()
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT extract(epoch FROM finished_at - started_at) "
            "FROM plays_playcountjob WHERE id = %s",
            [job["id"]],
        )
        (run_seconds,) = cursor.fetchone()
    connection.close()
    return {
        "upload": uploaded - started,
        "queued + run": finished - uploaded,
        "download": downloaded - finished,
        "total": downloaded - started,
        "run": float(run_seconds),
        "rows_out": body["rows_out"],
    }


def job_state(server: Server, url: str) -> tuple[int, dict]:
    authorization = {"Authorization": f"Token {server.env['BENCH_TOKEN']}"}
    request = urllib.request.Request(url, headers=authorization)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def alternative(path, scratch, memory_mb, floor, rows) -> list[Figure]:
    """csv + dict in a child capped at ``memory_mb`` of address space."""
    cap = memory_mb * 2**20
    target = scratch / "alternative.csv"
    done = run(
        [PYTHON, "-c", ALTERNATIVE, path, target],
        check=False,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (cap, cap)),
    )
    name = f"alternative (csv + dict, {memory_mb:,} MB cap), {size_label(rows)} rows"
    if done.returncode:  # MemoryError at the cap, most likely
        failed = f"{name}: failed (exit code {done.returncode}) after"
        return [Figure(failed, done.seconds, "s")]
    same = same_file(target, scratch / "job.csv")
    return [
        Figure(
            f"{name} ({same} as the job)",
            rows / float(done.output),
            "rows/s",
            floors=(floor,),
        ),
        Figure(f"{name}: peak RSS", done.rss_mb, "MB"),
    ]


def same_file(one: Path, other: Path) -> str:
    """ "same" when both files hold the same bytes, else "DIFFERENT"."""
    digests = []
    for path in (one, other):
        digest = hashlib.sha256()
        with path.open("rb") as file:
            while chunk := file.read(1 << 20):
                digest.update(chunk)
        digests.append(digest.digest())
    return "same" if digests[0] == digests[1] else "DIFFERENT"


if __name__ == "__main__":
    main()
