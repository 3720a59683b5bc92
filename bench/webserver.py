"""gunicorn from the venv with the production settings, for the benchmarks."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


class GunicornServer:
    """Serve the project on 127.0.0.1:``port`` against ``url`` while in the block."""

    def __init__(self, url: str, *, port: int, workers: int = 2):
        self.url, self.port, self.workers = url, port, workers

    def __enter__(self):
        env = {
            **os.environ,
            "DATABASE_URL": self.url,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
            "DJANGO_SECURE_SSL_REDIRECT": "0",
        }
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
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
                urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/health", timeout=2
                )
                return self
            except OSError:
                time.sleep(0.2)
        self.process.terminate()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait()

    def worker_memory_mb(self, field: str) -> float:
        """``VmRSS`` (now) or ``VmHWM`` (peak) of the one worker, from /proc."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        [worker] = children
        for line in Path(f"/proc/{worker}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"no {field} for process {worker}")
