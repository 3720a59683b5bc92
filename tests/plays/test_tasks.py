"""End to end through a real Celery worker on the real RabbitMQ broker.

The API and the worker are separate processes, as in production, on the
pytest database: the test commits its data (``transaction=True``) and both
processes reach it, so this runs on PostgreSQL only. Jobs go to a queue of
this test's own, deleted afterwards.
"""

import functools
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from kombu import Connection

from accounts.services import api_token_issue
from plays.engine import EngineLimits, PlayTotalsRun
from plays.engine.errors import NOT_WHOLE
from plays.models import PlayCountJob
from tests.plays.services.test_running import SAMPLE_TOTALS

pytestmark = [
    # The worker process needs the test database on a server.
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "tests" / "data" / "plays"
BROKER_URL = (
    os.environ.get("CELERY_BROKER_URL") or "amqp://guest:guest@127.0.0.1:5672//"
)
PORTS = range(8131, 8140)
# Generous: CI machines are shared, and a loaded one starts Python slowly.
WAIT_SECONDS = 300
# Enough rows for the job to be seen running before the worker is killed.
KILLED_ROWS = 2_000_000
# A job in parts: rows, and parts of about a tenth of the file.
PARTED_ROWS = 100_000


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port in {PORTS}")


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.fixture
def environment(tmp_path) -> dict[str, str]:
    """What both processes share: the test database, the broker, one queue."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "CELERY_", "PLAYS_", "DATABASE_"))
    }
    return {
        **clean,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": database_url(),
        "DJANGO_CONN_MAX_AGE": "0",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "PLAYS_WORK_DIR": str(tmp_path / "work"),
        "CELERY_BROKER_URL": BROKER_URL,
        "CELERY_TASK_DEFAULT_QUEUE": f"plays-e2e-{uuid.uuid4().hex}",
    }


def start(command: list[str], environment: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=environment,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def authorization(transactional_db) -> dict[str, str]:
    """The header of a submitter's token: uploads and jobs need one."""
    key = api_token_issue(name="submitter", create=True)
    return {"Authorization": f"Token {key}"}


@pytest.fixture
def server(environment, tmp_path) -> Iterator[str]:
    port = free_port()
    process = start(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        environment,
        tmp_path / "server.log",
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: answers(f"{url}/health"), process, tmp_path / "server.log")
        yield url
    finally:
        stop(process)
        with Connection(environment["CELERY_BROKER_URL"]) as broker:
            broker.default_channel.queue_delete(
                environment["CELERY_TASK_DEFAULT_QUEUE"]
            )


def worker(environment: dict, log: Path) -> subprocess.Popen:
    return start(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "dsr_project",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            # A node name of its own: another worker on this host (a developer's,
            # the container check's) holds the default name's control queue.
            f"--hostname=plays-test-{uuid.uuid4().hex[:12]}@%h",
            "--loglevel=INFO",
        ],
        environment,
        log,
    )


def answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=2)
    except OSError:
        return False
    return True


def wait_until(ready, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"gave up waiting; {log.name}:\n{log.read_text()}")
        time.sleep(0.2)


def request(url: str, data: bytes | None = None, headers=None) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, data=data, headers=headers or {}), timeout=10
        ) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def multipart(name: str, content: bytes | None = None) -> tuple[bytes, dict]:
    """A form with one file: ``content``, or the test file called ``name``."""
    boundary = uuid.uuid4().hex
    content = (DATA_DIR / name).read_bytes() if content is None else content
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="{name}"\r\nContent-Type: text/csv\r\n\r\n'
    )
    body = head.encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def upload(
    server: str, authorization: dict, name: str, content: bytes | None = None
) -> dict:
    body, headers = multipart(name, content)
    status, answer = request(f"{server}/plays/jobs", body, headers | authorization)
    assert status == 202, answer
    return json.loads(answer)


def test_upload_queued_then_done_by_the_worker(
    server, authorization, environment, tmp_path
):
    job = upload(server, authorization, "initial_test.csv")
    invalid = upload(server, authorization, "initial_test_with_invalid_value.csv")
    assert job["status"] == "queued"
    # No worker yet: the jobs wait on the broker.
    status, body = request(job["url"], headers=authorization)
    assert (status, json.loads(body)) == (425, {"status": "queued", "rows_done": 0})

    log = tmp_path / "worker.log"
    process = worker(environment, log)
    try:
        wait_until(
            lambda: request(invalid["url"], headers=authorization)[0] != 425,
            process,
            log,
        )
    finally:
        stop(process)
    status, body = request(job["url"], headers=authorization)
    assert status == 200, body
    done = json.loads(body)
    assert (done["status"], done["rows_in"], done["rows_out"]) == ("done", 7, 4)
    status, body = request(
        done["result"], headers={"Accept": "text/csv"} | authorization
    )
    assert (status, body.decode()) == (200, SAMPLE_TOTALS)
    status, body = request(invalid["url"], headers=authorization)
    assert (status, json.loads(body)) == (
        406,
        {"status": "failed", "error": NOT_WHOLE.format(line=4, value="patata")},
    )


def test_a_worker_killed_mid_job_leaves_it_to_the_next_one(
    server, authorization, environment, tmp_path
):
    """acks_late: the broker redelivers the job of a worker that died."""
    rows = [b"Song,Date,Number of Plays"] + [
        f"Song {i % 50_000},2020-01-{i % 28 + 1:02d},{i % 1000}".encode()
        for i in range(KILLED_ROWS)
    ]
    job = upload(server, authorization, "big.csv", b"\n".join(rows) + b"\n")
    state = functools.partial(job_status, authorization=authorization)
    first_log = tmp_path / "first-worker.log"
    first = worker(environment, first_log)
    try:
        wait_until(lambda: state(job["url"]) == "running", first, first_log)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    finally:
        stop(first)
    assert state(job["url"]) == "running"

    log = tmp_path / "second-worker.log"
    second = worker(environment, log)
    try:
        wait_until(lambda: state(job["url"]) != "running", second, log)
    finally:
        stop(second)
    job = PlayCountJob.objects.get(pk=job["id"])
    assert (job.status, job.attempts, job.rows_in) == ("done", 2, KILLED_ROWS)


def job_status(url: str, *, authorization: dict) -> str:
    return json.loads(request(url, headers=authorization)[1])["status"]


def parted_content() -> bytes:
    """Songs quoted and not, CRLF line ends, no line end at the very end."""
    songs = ["Plain {}", '"Comma, {}"', '"Say ""{}"""', '"Two\nLines {}"']
    rows = ["Song,Date,Number of Plays"] + [
        f"{songs[i % 4].format(i % 997)},2020-01-{i % 28 + 1:02d},{i % 1000}"
        for i in range(PARTED_ROWS)
    ]
    return "\r\n".join(rows).encode()


def ready(log: Path) -> bool:
    return log.exists() and b" ready." in log.read_bytes()


def test_a_job_in_parts_on_two_workers_gives_the_one_task_bytes(
    server, authorization, environment, tmp_path
):
    """Parts spread over two workers; the merge publishes the one-task file."""
    content = parted_content()
    source = tmp_path / "parted.csv"
    source.write_bytes(content)
    one_task = tmp_path / "one-task.csv"
    limits = EngineLimits(memory_limit="256MB", temp_directory=tmp_path / "spill")
    PlayTotalsRun(source=source, target=one_task, limits=limits).execute()

    environment["PLAYS_PART_BYTES"] = str(-(-len(content) // 10))
    logs = [tmp_path / "worker-a.log", tmp_path / "worker-b.log"]
    workers = [worker(environment, log) for log in logs]
    try:
        for process, log in zip(workers, logs, strict=True):
            wait_until(lambda log=log: ready(log), process, log)
        job = upload(server, authorization, "parted.csv", content)
        wait_until(
            lambda: request(job["url"], headers=authorization)[0] != 425,
            workers[0],
            logs[0],
        )
    finally:
        for process in workers:
            stop(process)
    status, body = request(job["url"], headers=authorization)
    assert status == 200, body
    done = json.loads(body)
    assert done["rows_in"] == PARTED_ROWS
    status, body = request(done["result"], headers=authorization)
    assert (status, body) == (200, one_task.read_bytes())
    stored = PlayCountJob.objects.get(pk=job["id"])
    assert stored.parts.count() == 10
    # Each worker totalled parts of the job.
    for log in logs:
        assert b"plays.tasks.play_count_part_run" in log.read_bytes()
