"""gunicorn's settings, read by ``gunicorn dsr_project.wsgi`` from this directory.

Threads (``gthread``): a request waiting on a slow client holds one thread,
not a process, so three slow uploads leave the other threads answering.
``timeout`` is the worker's heartbeat, which its main thread keeps beating
while requests run, so an upload may take hours; instead a request whose
client sends or reads nothing for ``GUNICORN_STALL_TIMEOUT`` seconds is
dropped. Uploads stream to a temporary file as they arrive
(``common.ingest.upload_hashing``), never into memory. Flags on the command
line and ``GUNICORN_CMD_ARGS`` still win over these.
"""

import multiprocessing

from dsr_project.env import env_int

wsgi_app = "dsr_project.wsgi"
worker_class = "gthread"
# Processes: one per core. Threads: requests at once per process; each may
# hold a database connection (DJANGO_CONN_MAX_AGE).
workers = env_int("GUNICORN_WORKERS", multiprocessing.cpu_count())
threads = env_int("GUNICORN_THREADS", 8)
timeout = env_int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5
accesslog = "-"

STALL_TIMEOUT = env_int("GUNICORN_STALL_TIMEOUT", 60)


def pre_request(worker, req):
    """Bound each read and write of this request's socket by the stall timeout.

    gthread reads the body in blocking mode with no limit: a client that
    stops sending would hold its thread for ever.
    """
    socket = getattr(getattr(req, "unreader", None), "sock", None)
    if socket is not None and STALL_TIMEOUT > 0:
        socket.settimeout(STALL_TIMEOUT)
