"""COPY ... TO STDOUT read in pieces: whole rows, early stops, cancels, errors."""

import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg2
import pytest
from django.db import DataError, connection, transaction

from common.json_stream import json_array_join
from dsrs.models import DSR
from dsrs.selectors import resource_json_top_percentile
from dsrs.storage.postgresql import copy_out
from tests.dsrs.conftest import json_of_python, json_of_sql
from tests.dsrs.factories import (
    DSRFactory,
    resources_create,
)

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def test_pieces_hold_whole_items_and_reading_stops_early(monkeypatch):
    monkeypatch.setattr(copy_out, "PIECE_BYTES", 1000)
    rng = random.Random(1)
    resources_create(rng, [DSRFactory()], 300)
    pieces = resource_json_top_percentile(number=100)
    first = next(pieces)
    assert first.count(b'"dsp_id"') == first.count(b"},{") + 1
    pieces.close()
    # The copy was stopped and the transaction is usable.
    assert json_of_sql(number=100) == json_of_python(number=100)


def test_a_query_meanwhile_sets_the_rest_of_the_copy_aside(monkeypatch):
    monkeypatch.setattr(copy_out, "PIECE_BYTES", 1000)
    monkeypatch.setattr(copy_out, "SPOOL_MEMORY_BYTES", 2000)
    resources_create(random.Random(2), [DSRFactory()], 300)
    expected = json_of_python(number=100)
    pieces = resource_json_top_percentile(number=100)
    first = next(pieces)
    # Middleware, or the next request of a test client, uses the connection
    # before the response is read: the copy finishes into a file.
    assert DSR.objects.count() == 1
    rest = list(pieces)
    assert len(rest) > copy_out.QUEUE_PIECES + 1
    assert b"".join(json_array_join(pieces=[first, *rest])) == expected


def test_a_wrapper_left_meanwhile_does_not_take_the_copys_place(monkeypatch):
    monkeypatch.setattr(copy_out, "PIECE_BYTES", 1000)
    resources_create(random.Random(3), [DSRFactory()], 300)
    expected = json_of_python(number=100)
    pieces = resource_json_top_percentile(number=100)
    first = next(pieces)
    # An execute_wrapper() context left while the answer streams pops the
    # last wrapper: the copy's own must survive it.
    with connection.execute_wrapper(lambda execute, *args: execute(*args)):
        pass
    assert DSR.objects.count() == 1
    rest = list(pieces)
    assert b"".join(json_array_join(pieces=[first, *rest])) == expected
    assert connection.execute_wrappers == []


# An advisory lock of this module's own, held by another session.
LOCK_KEY = 230_521
# Two rows longer than PostgreSQL's 8 kB send buffer reach the reader; the
# third waits for the lock.
BLOCKED_SQL = """
    SELECT i, CASE WHEN i < 3 THEN repeat('x', 10000)
                   ELSE pg_advisory_lock(%(key)s)::text END
    FROM generate_series(1, 3) AS i
"""
# A guard against a hang, not a measure: how many times to look for an event.
LOOKS = 3000


@contextmanager
def advisory_lock_held() -> Iterator[psycopg2.extensions.connection]:
    """Hold LOCK_KEY in a session of its own; yield that session."""
    holder = psycopg2.connect(**connection.get_connection_params())
    holder.autocommit = True
    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        yield holder
    finally:
        holder.close()  # its locks go with it


def lock_waiters(holder) -> int:
    """Sessions waiting for LOCK_KEY (a key below 2**32: objid, subid 1)."""
    with holder.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
            "AND NOT granted AND classid = 0 AND objid = %s AND objsubid = 1",
            [LOCK_KEY],
        )
        return cursor.fetchone()[0]


def test_a_copy_still_running_is_cancelled_on_close(monkeypatch):
    """The copied query waits for a lock held here: only a cancel can end it
    while the lock is held, so close() returning first proves the cancel."""
    monkeypatch.setattr(copy_out, "PIECE_BYTES", 10)

    def answer():  # as the selector reads it: in a transaction of its own
        with transaction.atomic():
            yield from copy_out.copy_rows(sql=BLOCKED_SQL, params={"key": LOCK_KEY})

    with advisory_lock_held() as holder:
        rows = answer()
        assert next(rows).startswith(b"1\t")
        for _ in range(LOOKS):
            if lock_waiters(holder):
                break
            time.sleep(0.01)
        assert lock_waiters(holder) == 1, "the copy never reached the lock"
        closed, released = threading.Event(), threading.Event()

        def watchdog() -> None:
            # Were close() to wait for the query to end, end it, so the test
            # fails instead of hanging.
            if not closed.wait(timeout=LOOKS / 100):
                released.set()
                with holder.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])

        guard = threading.Thread(target=watchdog, daemon=True)
        guard.start()
        rows.close()
        closed.set()
        guard.join()
        assert not released.is_set(), "close() waited for the query to end"
        assert lock_waiters(holder) == 0  # the lock still held, nobody waits
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_an_error_of_the_copy_reaches_the_reader_as_djangos():
    rows = copy_out.copy_rows(
        sql="SELECT 1 / (i - 3) FROM generate_series(1, 5) AS i", params={}
    )
    with pytest.raises(DataError, match="division by zero"):
        list(rows)
