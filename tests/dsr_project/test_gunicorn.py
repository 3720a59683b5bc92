"""The production server from gunicorn.conf.py: slow uploads do not stall it.

Three uploads send slowly, each holding one of a single process's threads,
while /health and /dsrs/ are asked for; then the uploads finish. The server
runs with DJANGO_DEBUG=0 on a database of its own (a SQLite file), so the
test is the same on either suite.
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from common.ingest.upload_hashing import UPLOAD_STALLED

ROOT = Path(__file__).resolve().parents[2]
SLOW_UPLOADS = 3
# The issue asks for answers "within a second"; the pass condition is a
# generous timeout: a stalled server would not answer at all.
CLIENT_TIMEOUT = 15
ROWS = b"Song,Date,Number of Plays\n" + b"Umbrella,2020-01-01,1\n" * 10_000
# Django reads a body in chunks of 64 KiB: the first one arrives at once.
FIRST_BYTES = 80 * 1024
BOUNDARY = "slowupload"
# The trickling uploads send every tenth of a second: they never stall.
STALL_SECONDS = 3


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def environment(tmp_path) -> dict[str, str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "CELERY_", "PLAYS_", "DATABASE_", "GUNICORN"))
    }
    (tmp_path / "uploading").mkdir()
    return {
        **clean,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "gunicorn-test-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_FILE_UPLOAD_TEMP_DIR": str(tmp_path / "uploading"),
        # One process: its threads, not other processes, keep it answering.
        "GUNICORN_WORKERS": "1",
        "GUNICORN_STALL_TIMEOUT": str(STALL_SECONDS),
    }


def manage(environment: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def server(environment, tmp_path):
    manage(environment, "migrate", "--no-input", "-v0")
    token = manage(environment, "api_token", "slow", "--create")
    port = free_port()
    log = tmp_path / "gunicorn.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=environment,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(lambda: get(port, "/health")[0] == 200, process, log)
        yield port, token, process, log
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def wait_for(ready, process, log: Path) -> None:
    while not ready():
        if process.poll() is not None:
            pytest.fail(f"gunicorn stopped:\n{log.read_text()}")
        time.sleep(0.1)


def get(port: int, path: str) -> tuple[int, float]:
    """Status and seconds taken; connection errors count as status 0."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}{path}", timeout=CLIENT_TIMEOUT
        ) as response:
            return response.status, time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, time.monotonic() - started
    except OSError:
        return 0, time.monotonic() - started


class SlowUpload(threading.Thread):
    """A multipart upload that sends its first bytes, then trickles."""

    def __init__(
        self, *, port: int, token: str, name: str, done: threading.Event | None
    ):
        super().__init__(daemon=True)
        head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{name}"\r\nContent-Type: text/csv\r\n\r\n'
        ).encode()
        # Contents differ by name, or the second and third would be a 409.
        rows = ROWS + f"{name},2020-01-02,1\n".encode()
        self.body = head + rows + f"\r\n--{BOUNDARY}--\r\n".encode()
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.token, self.done = token, done
        self.status = None

    def run(self) -> None:
        self.connection.putrequest("POST", "/plays/jobs")
        for header, value in {
            "Authorization": f"Token {self.token}",
            "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
            "Content-Length": str(len(self.body)),
        }.items():
            self.connection.putheader(header, value)
        self.connection.endheaders()
        sent = FIRST_BYTES
        self.connection.send(self.body[:sent])
        if self.done is None:  # a client that stops sending
            response = self.connection.getresponse()
            self.status, self.answer = response.status, json.loads(response.read())
            return
        while not self.done.wait(0.1):  # 100 bytes every tenth of a second
            self.connection.send(self.body[sent : sent + 100])
            sent += 100
        self.connection.send(self.body[sent:])
        response = self.connection.getresponse()
        self.status, self.answer = response.status, json.loads(response.read())


def test_slow_uploads_do_not_stall_health_or_dsrs(server, tmp_path):
    port, token, process, log = server
    done = threading.Event()
    uploads = [
        SlowUpload(port=port, token=token, name=f"slow{i}.csv", done=done)
        for i in range(SLOW_UPLOADS)
    ]
    for upload in uploads:
        upload.start()
    try:
        # Each upload has reached its thread once its temporary file exists.
        uploading = tmp_path / "uploading"
        wait_for(
            lambda: len(list(uploading.glob("tmp*.upload*"))) == SLOW_UPLOADS,
            process,
            log,
        )
        answers = {path: get(port, path) for path in ("/health", "/dsrs/")}
        print(f"\nwhile {SLOW_UPLOADS} uploads trickle: {answers}")
        assert {path: status for path, (status, _) in answers.items()} == {
            "/health": 200,
            "/dsrs/": 200,
        }
    finally:
        done.set()
        for upload in uploads:
            upload.join(timeout=60)
    assert [upload.status for upload in uploads] == [202] * SLOW_UPLOADS
    assert all(upload.answer["status"] == "done" for upload in uploads)


def test_a_stalled_upload_is_dropped_with_its_temporary_file(server, tmp_path):
    port, token, process, log = server
    stalled = SlowUpload(port=port, token=token, name="stalled.csv", done=None)
    stalled.start()
    stalled.join(timeout=CLIENT_TIMEOUT + STALL_SECONDS)
    assert (stalled.status, stalled.answer) == (408, {"detail": UPLOAD_STALLED})
    wait_for(lambda: not any((tmp_path / "uploading").iterdir()), process, log)
    assert get(port, "/health")[0] == 200
