"""Imports, deletes and reads at once, on PostgreSQL, with real connections.

Each worker is a thread with its own database connection. Writers take the
lock order of ``dsrs.storage.postgresql.locking`` and never deadlock. A
writer is held after each lock it takes until a reader has read a whole
answer meanwhile: a reader never waits for a writer (PostgreSQL would show
the writer among the reader's blocking pids), never sees a resource without
its DSRs, nor an answer other than the one before or the one after.
"""

import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from dsrs.models import DSR
from dsrs.selectors import resource_list_top_percentile
from dsrs.services import dsr_delete, dsr_import
from dsrs.storage.postgresql import heads
from tests.threads import Worker

pytestmark = [
    pytest.mark.postgresql,  # SQLite has one writer and no locks
    pytest.mark.django_db(transaction=True),
]

# The writer's statements that take a lock, in the order of ``locking``: the
# identity's advisory lock, the writers' table lock, DSR rows, partition DDL.
LOCK_STEPS = re.compile(
    r"pg_advisory_lock|LOCK TABLE dsrs_resource|FOR UPDATE|(DE|AT)TACH PARTITION"
)
# A guard against a hang, not a measure: how often to look for a read.
LOOKS = 6000


@pytest.fixture(autouse=True)
def delete_everything_after():
    """Flushing tables leaves the per-resource totals, which have no model."""
    yield
    dsr_delete(dsr_ids=list(DSR.objects.values_list("pk", flat=True)))


class Reader(Worker):
    """Read the top ``number`` % until stopped; record each answer as it ends."""

    def __init__(self, number: int = 100):
        self.number = number
        self.stop = threading.Event()
        self.answers: list[list[tuple]] = []
        self.read_ended = threading.Condition()
        self.pid: int | None = None
        super().__init__(self.read)

    def read(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            self.pid = cursor.fetchone()[0]
        while not self.stop.is_set():
            seen = answer(number=self.number)
            with self.read_ended:
                self.answers.append(seen)
                self.read_ended.notify_all()

    def reads_wait(self, *, count: int, writer_pid: int | None = None) -> None:
        """Until ``count`` reads have ended; fail if the reader waits for the
        writer ``writer_pid`` meanwhile."""
        with monitor() as cursor:
            for _ in range(LOOKS):
                with self.read_ended:
                    if len(self.answers) >= count:
                        return
                    self.read_ended.wait(timeout=0.01)
                if self.error is not None:
                    self.outcome()
                if writer_pid is not None and self.pid is not None:
                    cursor.execute("SELECT pg_blocking_pids(%s)", [self.pid])
                    blocking = cursor.fetchone()[0]
                    assert writer_pid not in blocking, "the reader waits for the writer"
        pytest.fail(f"the reader ended {len(self.answers)} reads of {count}")

    def finish(self) -> list[list[tuple]]:
        self.stop.set()
        self.outcome()
        return self.answers


@contextmanager
def monitor() -> Iterator:
    """A session of its own, to look at the others' locks."""
    session = psycopg2.connect(**connection.get_connection_params())
    session.autocommit = True
    try:
        with session.cursor() as cursor:
            yield cursor
    finally:
        session.close()


def answer(*, number: int = 100) -> list[tuple]:
    return [
        (i.dsp_id, i.usages, i.revenue, tuple(i.dsrs))
        for i in resource_list_top_percentile(number=number)
    ]


@contextmanager
def held_at_each_lock(reader: Reader) -> Iterator[list[str]]:
    """Hold this thread's writer after each lock step until the reader has
    read a whole answer meanwhile; yield the steps held, in order."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        writer_pid = cursor.fetchone()[0]
    held: list[str] = []

    def hold(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        step = LOCK_STEPS.search(sql)
        if step is not None:
            # The read under way may have begun before the lock: wait for
            # the end of the one after it.
            reader.reads_wait(count=len(reader.answers) + 2, writer_pid=writer_pid)
            held.append(step.group())
        return result

    with connection.execute_wrapper(hold):
        yield held


def same_territory_copy(sample: Path, tmp_path: Path, offer: str) -> Path:
    """The same bytes under another DSR identity (another offer)."""
    dsp, _, *rest = sample.name.split("_")
    copy = tmp_path / "_".join([dsp, offer, *rest])
    shutil.copy(sample, copy)
    return copy


def test_imports_of_different_dsrs_at_once_never_deadlock(samples, tmp_path):
    es = next(path for path in samples if "_ES_EUR_" in path.name)
    files = [es, same_territory_copy(es, tmp_path, "SpotifyOther")]
    # Territory and currency exist: the case that deadlocked.
    assert dsr_import(path=samples[0]).status == "ingested"
    for _ in range(4):
        start = threading.Barrier(len(files))

        def run(path: Path, start=start):
            start.wait()
            return dsr_import(path=path, force=True)

        workers = [Worker(lambda path=path: run(path)) for path in files]
        for worker in workers:
            worker.start()
        results = [worker.outcome() for worker in workers]
        assert [r.status for r in results] == ["ingested", "ingested"], [
            r.message for r in results
        ]
        assert results[0].import_id != results[1].import_id


def test_a_replace_neither_blocks_nor_tears_a_reader(imported_samples, samples):
    before = answer()
    reader = Reader()
    reader.start()
    reader.reads_wait(count=1)
    with held_at_each_lock(reader) as held:
        result = dsr_import(path=samples[1], force=True)
    reader.reads_wait(count=len(reader.answers) + 2)  # after the commit
    answers = reader.finish()
    assert result.status == "ingested"
    assert held == [
        "pg_advisory_lock",
        "LOCK TABLE dsrs_resource",
        "FOR UPDATE",
        "DETACH PARTITION",
        "ATTACH PARTITION",
    ]
    # The same bytes again: every answer, during and after, is the one before.
    assert all(seen == before for seen in answers)
    assert answer() == before


def test_a_delete_neither_blocks_nor_tears_a_reader(imported_samples):
    before = answer()
    reader = Reader()
    reader.start()
    reader.reads_wait(count=1)
    with held_at_each_lock(reader) as held:
        dsr_delete(dsr_ids=[imported_samples[0].import_id])
    reader.reads_wait(count=len(reader.answers) + 2)  # after the commit
    answers = reader.finish()
    after = answer()
    assert held == ["LOCK TABLE dsrs_resource", "FOR UPDATE", "DETACH PARTITION"]
    assert after != before
    assert answers[0] == before and answers[-1] == after
    assert all(seen in (before, after) for seen in answers)
    assert all(dsrs for seen in answers for *_, dsrs in seen)


def test_an_import_that_refills_the_heads_blocks_no_reader_of_them(
    imported_samples, samples, tmp_path, monkeypatch
):
    # The samples' totals are all in the heads (floor 0); sized down, the
    # heads are closed before a new DSR's rows and filled afresh after.
    monkeypatch.setattr(heads, "HEAD_ROWS", 3)
    before = answer(number=10)
    reader = Reader(number=10)
    reader.start()
    reader.reads_wait(count=1)
    with held_at_each_lock(reader) as held:
        result = dsr_import(path=same_territory_copy(samples[1], tmp_path, "Other"))
    reader.reads_wait(count=len(reader.answers) + 2)  # after the commit
    answers = reader.finish()
    after = answer(number=10)
    assert result.status == "ingested" and "ATTACH PARTITION" in held
    assert answers[0] == before and answers[-1] == after != before
    assert all(seen in (before, after) for seen in answers)
    with connection.cursor() as cursor:
        assert heads.head_floor(cursor=cursor, head=heads.RESOURCES) > 0
