"""A query's rows read as ``COPY ... TO STDOUT`` text, in bounded pieces.

A server-side cursor would hold memory flat too, but PostgreSQL never plans
a cursor's query in parallel; ``COPY (query) TO STDOUT`` runs it like any
query, with parallel workers for its join and sort. psycopg2 pushes the
copied rows into a file object, so the copy runs in a thread that hands
pieces of whole rows to the reader through a bounded queue: at most
``QUEUE_PIECES`` pieces of about ``PIECE_BYTES`` are held at a time.

While the copy runs, the connection is the copy's. A streamed response is
read after the view returns, so other code (middleware, or the test client's
next request) may query the same connection first: an execute wrapper then
lets the copy finish into a temporary file (in memory up to
``SPOOL_MEMORY_BYTES``), and the reader goes on from there.
"""

import queue
import tempfile
import threading
from collections import deque
from collections.abc import Iterator

from django.db import connection

PIECE_BYTES = 256 * 1024
QUEUE_PIECES = 4
SPOOL_MEMORY_BYTES = 8 * 1024 * 1024

_DONE = object()


class _Copy:
    """One ``COPY ... TO STDOUT`` in a thread, and what it has copied."""

    def __init__(self, raw, statement: bytes):
        self.raw, self.statement = raw, statement
        self.queue: queue.Queue = queue.Queue(maxsize=QUEUE_PIECES)
        self.stop = threading.Event()
        self.lock = threading.Lock()
        # Set aside when the connection is needed: pieces taken from the
        # queue, then the rest in the spool, then the copy's outcome.
        self.aside: deque = deque()
        self.spool = None
        self.outcome = None
        self.rows: list[bytes] = []
        self.size = 0
        self.thread = threading.Thread(target=self.run, name="dsrs-copy-out")
        self.thread.daemon = True

    # The copying thread.

    def run(self) -> None:
        try:
            with self.raw.cursor() as cursor:
                cursor.copy_expert(self.statement, self)
            self.flush()
            self.deliver(_DONE)
        except Exception as error:  # handed to the reader, raised there
            self.deliver(error)

    def write(self, row: bytes) -> None:
        """psycopg2 writes each copied row here."""
        if self.stop.is_set():
            return
        self.rows.append(row)
        self.size += len(row)
        if self.size >= PIECE_BYTES:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.deliver(b"".join(self.rows))
        self.rows, self.size = [], 0

    def deliver(self, item) -> None:
        if self.stop.is_set():
            return
        with self.lock:
            if self.spool is not None:
                if isinstance(item, bytes):
                    self.spool.write(len(item).to_bytes(8, "big") + item)
                else:
                    self.outcome = item
                return
        self.queue.put(item)

    # The reading thread.

    def read(self) -> Iterator[bytes]:
        while True:
            if self.aside:
                item = self.aside.popleft()
            elif self.spool is not None:
                yield from self.spooled()
                item = self.outcome
            else:
                item = self.queue.get()
            if item is _DONE:
                return
            if isinstance(item, Exception):
                raise item
            yield item

    def spooled(self) -> Iterator[bytes]:
        self.spool.seek(0)
        while header := self.spool.read(8):
            yield self.spool.read(int.from_bytes(header, "big"))
        self.spool.close()

    def set_aside(self) -> None:
        """Let the copy finish without a reader, so the connection is free."""
        if self.spool is not None or not self.thread.is_alive():
            return
        with self.lock:
            # Closed by the reader, or by close().
            self.spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115
                max_size=SPOOL_MEMORY_BYTES
            )
        while self.thread.is_alive():
            self.take_queued()
            self.thread.join(timeout=0.01)
        self.take_queued()

    def take_queued(self) -> None:
        while True:
            try:
                self.aside.append(self.queue.get_nowait())
            except queue.Empty:
                return

    def close(self) -> None:
        """Stop a copy still running (the query is cancelled) and wait for it."""
        if self.thread.is_alive():
            self.stop.set()
            self.raw.cancel()
        while self.thread.is_alive():
            self.take_queued()
            self.thread.join(timeout=0.05)
        if self.spool is not None:
            self.spool.close()


def copy_rows(*, sql: str, params: dict[str, object]) -> Iterator[bytes]:
    """Yield the text-format rows of ``sql``, whole rows per piece.

    Runs on the default connection, in its current transaction (and
    snapshot). Closing the iterator early cancels the query.
    """
    connection.ensure_connection()
    raw = connection.connection
    with raw.cursor() as cursor:
        statement = b"COPY (" + cursor.mogrify(sql, params) + b") TO STDOUT"
    copy = _Copy(raw, statement)

    def connection_needed(execute, sql, params, many, context):
        copy.set_aside()
        return execute(sql, params, many, context)

    connection.execute_wrappers.append(connection_needed)
    copy.thread.start()
    try:
        yield from copy.read()
    finally:
        connection.execute_wrappers.remove(connection_needed)
        copy.close()
