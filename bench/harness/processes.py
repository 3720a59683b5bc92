"""The processes a benchmark measures: commands, gunicorn, a Celery worker.

All of them run with the production settings (``DJANGO_DEBUG=0``, a secret
generated for the run): with DEBUG on, Django keeps the SQL of every query.
Peak RSS is the process's own ``VmHWM``, polled from /proc while it runs: a
child's ``ru_maxrss`` starts from this process's RSS at the fork (Linux keeps
it over exec), and this process may hold large answers it has read.
"""

import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from amqp.exceptions import NotFound
from kombu import Connection

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "bench" / "work"
PYTHON = sys.executable
BROKER = os.environ.get("CELERY_BROKER_URL") or "amqp://guest:guest@127.0.0.1:5672//"
SECRET = secrets.token_urlsafe(50)
SECONDS_MARK = "bench-command-seconds"
# A command timed on its own: Django's start-up is not the command's work.
COMMAND = f"""import sys, time
import django
from django.core.management import call_command
django.setup()
started = time.perf_counter()
call_command(*sys.argv[1:])
print("\\n{SECONDS_MARK}", time.perf_counter() - started)
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    rss_mb: float
    output: str
    returncode: int = 0


def production_env(database: str, **extra: str) -> dict[str, str]:
    """This environment with the production settings against ``database``."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dsr_project.settings",
        "DATABASE_URL": database,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        **extra,
    }


def _cmdline(pid: int | str) -> bytes:
    return Path(f"/proc/{pid}/cmdline").read_bytes()


def memory_mb(pid: int, field: str = "VmHWM", *, after_exec=False) -> float:
    """``VmHWM`` (peak) or ``VmRSS`` (now) of a process; 0 once it has ended.

    ``after_exec``: 0 too while the child is still a copy of this process
    (between fork and exec), whose memory it would report.
    """
    try:
        if after_exec and _cmdline(pid) == _cmdline("self"):
            return 0.0
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(
    command: list, *, env: dict[str, str] | None = None, check=True, **popen
) -> Run:
    """Run ``command`` to its end: wall seconds, peak RSS and standard output.

    ``env`` None is this process's environment; ``check`` raises on failure.
    """
    command = [str(part) for part in command]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=err, **popen
        )
        peak, pause = 0.0, 0.001
        while process.poll() is None:
            peak = max(peak, memory_mb(process.pid, after_exec=True))
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        output, errors = out.read().decode(), err.read().decode()
    if check and process.returncode:
        shown = " ".join(command)[:200]
        raise RuntimeError(f"{shown} failed ({process.returncode}):\n{errors[-3000:]}")
    return Run(seconds, peak, output, process.returncode)


def manage(*args: str, database: str, env: dict[str, str] | None = None) -> Run:
    """Run a management command; its seconds are the command's, start-up aside."""
    done = run(
        [PYTHON, "-c", COMMAND, *args], env=production_env(database, **(env or {}))
    )
    output, _, seconds = done.output.rpartition(f"\n{SECONDS_MARK} ")
    return Run(float(seconds), done.rss_mb, output)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Service:
    """A long-running child with its log in ``bench/work/``, kept if it fails."""

    def _start(self, command: list[str], env: dict[str, str]) -> None:
        WORK.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(dir=WORK, suffix=".log")
        self.log = Path(name)
        with os.fdopen(descriptor, "ab") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )

    def _wait_until(self, ready, what: str) -> None:
        for _ in range(600):
            if self.process.poll() is not None:
                raise RuntimeError(f"{what} stopped; see {self.log}")
            if ready():
                return
            time.sleep(0.1)
        self._stop()
        raise RuntimeError(f"{what} did not start in 60 s; see {self.log}")

    def _stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=120)

    def __exit__(self, kind, error, traceback) -> None:
        self._stop()
        if kind is None:
            self.log.unlink()
        else:
            print(f"{type(self).__name__.lower()} log kept: {self.log}")


class Server(_Service):
    """gunicorn with the production settings on a free local port, in a ``with``."""

    def __init__(self, database: str, *, workers: int = 2, env=None):
        self.env = production_env(database, **(env or {}))
        self.workers = workers

    def __enter__(self) -> "Server":
        self.port = free_port()
        # No control socket: its default path is one per user, and other
        # servers of this user may hold it.
        command = [PYTHON, "-m", "gunicorn", "dsr_project.wsgi", "--no-control-socket"]
        command += ["--timeout", "1200"]
        command += ["--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers)]
        self._start(command, self.env)
        self._wait_until(self._answers, "gunicorn")
        return self

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.url("/health"), timeout=2):
                return True
        except OSError:
            return False

    def timed(self, request, *, runs: int) -> tuple[float, bytes]:
        """Median seconds of ``runs`` whole answers after one warm-up; the last.

        ``request``: a path, or a function giving a ``urllib.request.Request``
        for each attempt.
        """
        seconds = []
        for attempt in range(runs + 1):
            made = request() if callable(request) else self.url(request)
            started = time.perf_counter()
            with urllib.request.urlopen(made, timeout=1200) as response:
                body = response.read()
            if attempt:  # the first request warms the caches
                seconds.append(time.perf_counter() - started)
        return statistics.median(seconds), body

    def worker_memory_mb(self, field: str = "VmHWM") -> float:
        """The largest ``field`` among the workers (the master serves nothing)."""
        pid = self.process.pid
        workers = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return max(memory_mb(int(worker), field) for worker in workers)


class Worker(_Service):
    """A Celery worker (solo pool: the job runs in this process), in a ``with``."""

    def __init__(self, database: str, *, env=None):
        self.env = production_env(database, **(env or {}))

    def __enter__(self) -> "Worker":
        name = (
            f"bench-{uuid.uuid4().hex[:12]}@%h"  # another worker may hold the default
        )
        command = [PYTHON, "-m", "celery", "-A", "dsr_project", "worker"]
        self._start([*command, "--pool=solo", "-n", name, "-l", "INFO"], self.env)
        # Timed from a worker waiting for work: its start-up is not the job's.
        self._wait_until(lambda: b" ready." in self.log.read_bytes(), "the worker")
        return self

    def peak_rss_mb(self) -> float:
        return memory_mb(self.process.pid)


@contextmanager
def celery_queue() -> Iterator[dict[str, str]]:
    """Broker settings with a queue of this run's own, deleted at the end."""
    queue = f"bench-{uuid.uuid4().hex}"
    try:
        yield {"CELERY_BROKER_URL": BROKER, "CELERY_TASK_DEFAULT_QUEUE": queue}
    finally:
        # NotFound: no job was ever sent, so the queue was never declared.
        with Connection(BROKER) as broker, suppress(NotFound):
            broker.default_channel.queue_delete(queue)
