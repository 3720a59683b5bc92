"""A query's rows read as ``COPY ... TO STDOUT`` text, in bounded pieces.

A server-side cursor would hold memory flat too, but PostgreSQL never plans
a cursor's query in parallel; ``COPY (query) TO STDOUT`` runs it like any
query, with parallel workers for its join and sort. psycopg2 pushes the
copied rows into a file object, so the copy runs in a thread that hands
pieces of whole rows to the reader through a bounded queue: a few pieces
(``QUEUE_PIECES``, plus one being read and one being filled) of about
``PIECE_BYTES`` are held at a time.

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
from contextlib import suppress

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

PIECE_BYTES = 256 * 1024
QUEUE_PIECES = 4
SPOOL_MEMORY_BYTES = 8 * 1024 * 1024

_DONE = object()


class _Copy:
    """One ``COPY ... TO STDOUT`` in a thread, and what it has copied."""

    def __init__(self, wrapped: BaseDatabaseWrapper, statement: bytes):
        self.wrapped, self.statement = wrapped, statement
        self.raw = wrapped.connection
        self.pieces: queue.Queue = queue.Queue(maxsize=QUEUE_PIECES)
        self.stop = threading.Event()
        self.copying = threading.Event()
        self.lock = threading.Lock()
        # Set aside when the connection is needed: pieces taken from the
        # queue, then the rest in the spool, then the copy's outcome.
        self.aside: deque = deque()
        self.spool: tempfile.SpooledTemporaryFile | None = None
        self.outcome: object = None
        self.rows: list[bytes] = []
        self.size = 0
        self.thread = threading.Thread(target=self.run, name="dsrs-copy-out")
        self.thread.daemon = True

    # The copying thread.

    def run(self) -> None:
        outcome: object = _DONE
        try:
            self.copying.set()
            with self.raw.cursor() as cursor:
                cursor.copy_expert(self.statement, self)
            self.copying.clear()
            self.flush()
        except BaseException as error:  # handed to the reader, raised there
            outcome = error
        finally:
            self.copying.clear()
            self.deliver(outcome)

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

    def deliver(self, item: object) -> None:
        if self.stop.is_set():
            return
        with self.lock:
            if self.spool is not None:
                self.spool_write(item)
                return
        self.pieces.put(item)

    def spool_write(self, item: object) -> None:
        if not isinstance(item, bytes):
            self.outcome = self.outcome or item
            return
        try:
            self.spool.write(len(item).to_bytes(8, "big") + item)
        except OSError as error:
            # The copy runs on to its end (its rows dropped), so the
            # connection is left in a usable state; the reader gets the error.
            self.outcome = error
            self.stop.set()

    # The reading thread.

    def read(self) -> Iterator[bytes]:
        while True:
            if self.aside:
                item = self.aside.popleft()
            elif self.spool is not None:
                yield from self.spooled()
                item = self.outcome or _DONE
            else:
                item = self.pieces.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                # As Django raises database errors (django.db.DatabaseError).
                with self.wrapped.wrap_database_errors:
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
                self.aside.append(self.pieces.get_nowait())
            except queue.Empty:
                return

    def close(self) -> None:
        """Stop a copy still running (the query is cancelled) and wait for it."""
        try:
            if self.thread.is_alive():
                self.stop.set()  # rows still coming are dropped
                if self.copying.is_set():
                    self.raw.cancel()
        finally:
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
    wrapped = connections[DEFAULT_DB_ALIAS]  # this thread's, kept to the end
    wrapped.ensure_connection()
    with wrapped.connection.cursor() as cursor:
        statement = b"COPY (" + cursor.mogrify(sql, params) + b") TO STDOUT"
    copy = _Copy(wrapped, statement)

    def connection_needed(execute, sql, params, many, context):
        copy.set_aside()
        return execute(sql, params, many, context)

    try:
        wrapped.execute_wrappers.append(connection_needed)
        copy.thread.start()
        yield from copy.read()
    finally:
        try:
            copy.close()
        finally:
            # Removed by value: an execute_wrapper() context left meanwhile
            # pops the last wrapper, which may have been this one.
            with suppress(ValueError):
                wrapped.execute_wrappers.remove(connection_needed)
