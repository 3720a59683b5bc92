"""The benchmark harness every ``bench/<app>.py`` runs on.

- ``Bench``: the load check (refuses above 1.5 unless ``--force``), the
  figures printed beside their floors, ``bench/results/<app>-<UTC>-<host>.json``;
- ``fresh_database``: a PostgreSQL database of the run's own, migrated, dropped
  at the end; ``fresh_sqlite`` likewise; ``raw_copy_seconds``, the COPY floor;
- ``manage``, ``run``: a command or program to its end, with its peak RSS;
- ``Server`` (gunicorn) and ``Worker`` (Celery) with the production settings.
"""

from bench.harness.database import fresh_database, fresh_sqlite, raw_copy_seconds
from bench.harness.processes import (
    PYTHON,
    ROOT,
    WORK,
    Run,
    Server,
    Worker,
    celery_queue,
    manage,
    production_env,
    run,
)
from bench.harness.report import Bench, Figure, size_label

__all__ = [
    "PYTHON",
    "ROOT",
    "WORK",
    "Bench",
    "Figure",
    "Run",
    "Server",
    "Worker",
    "celery_queue",
    "fresh_database",
    "fresh_sqlite",
    "manage",
    "production_env",
    "raw_copy_seconds",
    "run",
    "size_label",
]
