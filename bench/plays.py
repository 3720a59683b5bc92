"""Benchmark play-count jobs end to end, against an alternative; print and save.

    .venv/bin/python bench/plays.py               # 10M and 100M rows, 1M songs
    .venv/bin/python bench/plays.py --rows 1000000 --songs 10000   # a quick look
    .venv/bin/python bench/plays.py --generate 1000000 1000 30 plays.csv

For each size: generate a file (N rows, K songs, D days, a tenth of the songs
quoted with a comma and quotes), upload it with curl to gunicorn, let a fresh
Celery worker (solo pool, RabbitMQ) run the job, download the result; then
aggregate the same file with the alternative, Python's csv module and a dict,
capped at --alternative-memory-mb of address space. The worker's peak RSS is
its VmHWM. Files live under bench/work/ and are deleted afterwards.
"""

import argparse
import csv
import datetime
import hashlib
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections import defaultdict
from pathlib import Path

import duckdb
from kombu import Connection

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work" / "plays"
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
PORT = 8133
BROKER = os.environ.get("CELERY_BROKER_URL") or "amqp://guest:guest@127.0.0.1:5672//"
# Bytes per generated row, rounded up, to check the disk before generating.
BYTES_PER_ROW = 40
OUTPUT_HEADER = ["Song", "Date", "Total Number of Plays for Date"]
GENERATE = """COPY (
    SELECT CASE WHEN song % 10 = 0 THEN 'Song ' || song || ', "live"'
                ELSE 'Song ' || song END AS "Song",
        DATE '2020-01-01' + CAST(hash(i, 1) % {days} AS INTEGER) AS "Date",
        hash(i, 2) % 1000 AS "Number of Plays"
    FROM (SELECT i, hash(i) % {songs} AS song FROM range({rows}) t(i))
) TO '{path}' (HEADER, DELIMITER ',')"""


def play_file_generate(*, path: Path, rows: int, songs: int, days: int) -> None:
    """N rows over K songs and D days from 2020-01-01, in bounded memory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect(config={"memory_limit": "512MB"})
    connection.execute(GENERATE.format(rows=rows, songs=songs, days=days, path=path))
    connection.close()


def alternative_aggregate(*, source: Path, target: Path) -> int:
    """The same totals with csv and a dict: every group held in memory."""
    totals: defaultdict[tuple[str, str], int] = defaultdict(int)
    rows = 0
    with source.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.reader(file)
        next(reader)
        try:
            for song, day, plays in reader:
                totals[song, day] += int(plays)
                rows += 1
        except MemoryError:
            totals.clear()
            print(json.dumps({"memory_error_after_rows": rows}))
            sys.exit(3)
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(OUTPUT_HEADER)
        for (song, day), total in sorted(totals.items()):
            writer.writerow([song, day, total])
    return rows


def environment(queue: str) -> dict[str, str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "CELERY_", "PLAYS_", "DATABASE_"))
    }
    return {
        **clean,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{WORK / 'plays.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(WORK / "media"),
        "PLAYS_WORK_DIR": str(WORK / "spill"),
        "CELERY_BROKER_URL": BROKER,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "TMPDIR": str(WORK / "tmp"),
    }


def start(command: list[str], env: dict, log: str) -> subprocess.Popen:
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=(WORK / log).open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=60)


def get_json(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for {pid}")


def job_run_seconds(*, job_id: int) -> float:
    """From the job row: started to finished, as the worker recorded them."""
    with sqlite3.connect(WORK / "plays.sqlite3") as db:
        started, finished = db.execute(
            "SELECT started_at, finished_at FROM plays_playcountjob WHERE id = ?",
            [job_id],
        ).fetchone()
    return (
        datetime.datetime.fromisoformat(finished)
        - datetime.datetime.fromisoformat(started)
    ).total_seconds()


def curl(*args: str) -> str:
    return subprocess.run(
        ["curl", "-sS", "--fail-with-body", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def job_measure(*, path: Path, env: dict) -> dict:
    """Upload, wait for the job, download; seconds per phase, worker peak RSS."""
    log = f"worker-{path.stem}.log"
    worker = start(
        [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "dsr_project",
            "worker",
            "--pool=solo",
            "-l",
            "INFO",
        ],
        env,
        log,
    )
    # Timed from a worker waiting for work: its start-up is not the job's.
    while b" ready." not in (WORK / log).read_bytes():
        if worker.poll() is not None:
            raise RuntimeError(f"the worker stopped; see {WORK / log}")
        time.sleep(0.2)
    try:
        phases = job_phases(path=path)
        phases["worker_rss_mb"] = peak_rss_mb(worker.pid)
    finally:
        stop(worker)
    return phases


def job_phases(*, path: Path) -> dict:
    base = f"http://127.0.0.1:{PORT}"
    started = time.monotonic()
    job = json.loads(curl("-F", f"file=@{path}", f"{base}/plays/jobs"))
    uploaded = time.monotonic()
    while (answer := get_json(job["url"]))[0] == 425:
        time.sleep(0.1)
    finished = time.monotonic()
    status, body = answer
    if status != 200:
        raise RuntimeError(f"job failed: {body}")
    result = WORK / f"{path.stem}-duckdb.csv"
    curl("-o", str(result), body["result"])
    downloaded = time.monotonic()
    return {
        "upload_s": uploaded - started,
        "job_s": finished - uploaded,
        "download_s": downloaded - finished,
        "total_s": downloaded - started,
        "run_s": job_run_seconds(job_id=job["id"]),
        "rows_in": body["rows_in"],
        "rows_out": body["rows_out"],
        "result": result,
    }


def alternative_measure(*, path: Path, memory_mb: int) -> dict:
    """The alternative in a child process under an address-space cap."""
    target = WORK / f"{path.stem}-python.csv"
    cap = memory_mb * 1024 * 1024

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    started = time.monotonic()
    child = subprocess.Popen(
        [PYTHON, __file__, "--alternative", str(path), str(target)],
        preexec_fn=limit,
        stdout=subprocess.PIPE,
        text=True,
    )
    output = child.stdout.read()
    # wait4 gives this child's own peak RSS, not the peak of all children.
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    rss = usage.ru_maxrss / 1024
    if child.returncode != 0:
        failed = json.loads(output or "{}").get("memory_error_after_rows")
        return {"seconds": seconds, "rss_mb": rss, "memory_error_after": failed}
    return {"seconds": seconds, "rss_mb": rss, "result": target}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def size_measure(*, rows: int, args, env: dict) -> dict:
    path = WORK / f"plays-{rows}.csv"
    started = time.monotonic()
    play_file_generate(path=path, rows=rows, songs=args.songs, days=args.days)
    print(f"generated {rows:,} rows in {time.monotonic() - started:.1f} s", flush=True)
    figures = {"rows": rows, "file_mb": path.stat().st_size / 1e6}
    figures |= job_measure(path=path, env=env)
    print(f"job: {figures}", flush=True)
    figures["alternative"] = alternative_measure(
        path=path, memory_mb=args.alternative_memory_mb
    )
    print(f"alternative: {figures['alternative']}", flush=True)
    other = figures["alternative"].get("result")
    figures["same_result"] = (
        sha256_of(other) == sha256_of(figures["result"]) if other else None
    )
    for leftover in WORK.glob(f"plays-{rows}*"):
        leftover.unlink()
    shutil.rmtree(WORK / "media", ignore_errors=True)
    return figures


def row(figures: dict) -> str:
    rows, total = figures["rows"], figures["total_s"]
    other = figures["alternative"]
    if "result" in other:
        alternative = (
            f"{rows / other['seconds']:,.0f} rows/s, {other['rss_mb']:,.0f} MB"
            f" ({'same' if figures['same_result'] else 'DIFFERENT'} result)"
        )
    else:
        alternative = (
            f"MemoryError at the cap after {other['memory_error_after'] or 0:,}"
            f" rows, {other['seconds']:.0f} s"
        )
    return (
        f"| {rows:,} | {figures['file_mb']:,.0f} | {figures['rows_out']:,} "
        f"| {figures['upload_s']:.1f} | {figures['job_s']:.1f} "
        f"| {figures['download_s']:.1f} | {rows / total:,.0f} "
        f"| {figures['run_s']:.1f} | {rows / figures['run_s']:,.0f} "
        f"| {figures['worker_rss_mb']:,.0f} "
        f"| {alternative} |"
    )


def report(measured: list[dict], args) -> str:
    return "\n".join(
        [
            f"# Play-count jobs, {datetime.date.today():%Y-%m-%d}",
            "",
            f"Machine: {os.cpu_count()} cores shared with other work (figures are "
            f"noisy); {args.songs:,} songs over {args.days} days; DuckDB "
            "memory_limit 512MB; gunicorn (1 sync worker), Celery solo worker, "
            "RabbitMQ, SQLite job table. Alternative: Python csv + dict, "
            f"capped at {args.alternative_memory_mb:,} MB of address space.",
            "",
            "| rows | file MB | result rows | upload s | queued + run s "
            "| download s | end to end rows/s | run s | run rows/s "
            "| worker peak RSS MB | alternative (csv + dict) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
            *(row(figures) for figures in measured),
            "",
        ]
    )


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--rows", type=int, nargs="+", default=[10_000_000, 100_000_000]
    )
    parser.add_argument("--songs", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--alternative-memory-mb", type=int, default=3072)
    parser.add_argument("--generate", nargs=4, metavar=("N", "K", "D", "PATH"))
    parser.add_argument("--alternative", nargs=2, metavar=("SOURCE", "TARGET"))
    return parser.parse_args()


def disk_check(rows: list[int]) -> None:
    """Input, stored upload, result and spill: about four times the file."""
    needed = 4 * max(rows) * BYTES_PER_ROW
    free = shutil.disk_usage(ROOT).free
    if free < needed:
        sys.exit(f"{free / 1e9:.0f} GB free, {needed / 1e9:.0f} GB needed")


def benchmark(args) -> None:
    disk_check(args.rows)
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "tmp").mkdir(parents=True)
    queue = f"plays-bench-{uuid.uuid4().hex}"
    env = environment(queue)
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = start(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "1",
            "--timeout",
            "1200",
            "dsr_project.wsgi",
        ],
        env,
        "gunicorn.log",
    )
    try:
        time.sleep(3)
        measured = [size_measure(rows=rows, args=args, env=env) for rows in args.rows]
    finally:
        stop(server)
        with Connection(BROKER) as broker:
            broker.default_channel.queue_delete(queue)
        shutil.rmtree(WORK, ignore_errors=True)
    text = report(measured, args)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{datetime.date.today():%Y-%m-%d}-plays.md").write_text(text)


def main() -> None:
    args = parse_args()
    if args.generate:
        rows, songs, days, path = args.generate
        play_file_generate(
            path=Path(path), rows=int(rows), songs=int(songs), days=int(days)
        )
    elif args.alternative:
        source, target = map(Path, args.alternative)
        alternative_aggregate(source=source, target=target)
    else:
        benchmark(args)


if __name__ == "__main__":
    main()
