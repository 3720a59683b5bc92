"""The production server under slow uploads and under 8 clients, on PostgreSQL.

    .venv/bin/python -m bench.server [--seconds 30] [--clients 8] [--force]

gunicorn as ``gunicorn.conf.py`` sets it up (gthread; ``--workers`` as the
harness gives it), on a fresh database with the sample DSRs:

1. three uploads of a submitter send their first 80 KiB, then 1 kB/s, while
   ``/health`` and ``/dsrs/`` are asked for 20 times each: the slowest and
   the median answer (the issue's figure: within a second);
2. ``--clients`` clients, each on one keep-alive connection, ask for
   ``/dsrs/`` for ``--seconds``: requests per second, median, 95th percentile
   and slowest answer, and errors.
"""

import argparse
import http.client
import statistics
import threading
import time
import urllib.request

from bench.harness import Bench, Figure, Server, fresh_database, manage

BOUNDARY = "benchslowupload"
FIRST_BYTES = 80 * 1024
ROWS = b"Song,Date,Number of Plays\n" + b"Umbrella,2020-01-01,1\n" * 10_000


def slow_upload(port: int, token: str, name: str, stop: threading.Event) -> int:
    """Send an upload slowly until ``stop``, then the rest; its status code."""
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="{name}"\r\nContent-Type: text/csv\r\n\r\n'
    ).encode()
    body = head + ROWS + f"{name},2020-01-02,1\n\r\n--{BOUNDARY}--\r\n".encode()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    connection.putrequest("POST", "/plays/jobs")
    connection.putheader("Authorization", f"Token {token}")
    connection.putheader("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")
    connection.putheader("Content-Length", str(len(body)))
    connection.endheaders()
    sent = FIRST_BYTES
    connection.send(body[:sent])
    while not stop.wait(0.1):
        connection.send(body[sent : sent + 100])
        sent += 100
    connection.send(body[sent:])
    return connection.getresponse().status


def seconds_of(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
    return time.perf_counter() - started


def while_uploads_trickle(bench: Bench, server: Server, token: str) -> None:
    stop = threading.Event()
    statuses = []
    uploads = [
        threading.Thread(
            target=lambda i=i: statuses.append(
                slow_upload(server.port, token, f"slow{i}.csv", stop)
            )
        )
        for i in range(3)
    ]
    for upload in uploads:
        upload.start()
    time.sleep(2)  # the first 80 KiB reach the threads
    for path in ("/health", "/dsrs/"):
        times = [seconds_of(server.url(path)) for _ in range(20)]
        bench.add(
            Figure(
                f"{path} slowest of 20, 3 uploads trickling", max(times), "s", "< 1 s"
            ),
            Figure(
                f"{path} median, 3 uploads trickling", statistics.median(times), "s"
            ),
        )
    stop.set()
    for upload in uploads:
        upload.join()
    print(f"  the slow uploads answered {sorted(statuses)}")


def clients_on_dsrs(bench: Bench, server: Server, *, clients: int, seconds: float):
    deadline = time.perf_counter() + seconds
    times: list[float] = []
    errors: list[str] = []

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", "/dsrs/")
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    errors.append(str(response.status))
            except OSError as error:
                errors.append(type(error).__name__)
                connection.close()
            times.append(time.perf_counter() - started)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times.sort()
    bench.add(
        Figure(
            f"/dsrs/, {clients} clients, {seconds:.0f} s", len(times) / seconds, "req/s"
        ),
        Figure("/dsrs/ median answer", statistics.median(times), "s"),
        Figure("/dsrs/ 95th percentile", times[int(len(times) * 0.95)], "s"),
        Figure("/dsrs/ slowest", times[-1], "s"),
        Figure("/dsrs/ errors", len(errors), "requests"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=8)
    with Bench("server", parser) as bench, fresh_database("server") as database:
        manage("import_dsrs", "data/", database=database)
        token = manage("api_token", "bench", "--create", database=database)
        with Server(database) as server:
            while_uploads_trickle(bench, server, token.output.strip())
            clients_on_dsrs(
                bench, server, clients=bench.args.clients, seconds=bench.args.seconds
            )


if __name__ == "__main__":
    main()
