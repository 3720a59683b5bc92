"""Imports, deletes and reads at once, on PostgreSQL, with real connections.

Each worker is a thread with its own database connection. A reader must never
wait for a writer longer than a second, nor see a resource without its DSRs,
nor an answer other than the one before or the one after the change.
"""

import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connections

from dsrs.models import DSR
from dsrs.selectors import resource_list_top_percentile
from dsrs.services import dsr_delete, dsr_import, loading
from dsrs.storage import storage

pytestmark = [
    pytest.mark.postgresql,  # SQLite has one writer and no locks
    pytest.mark.django_db(transaction=True),
]

READER_WAIT_LIMIT = 1.0
WRITER_PAUSE = 1.5


@pytest.fixture(autouse=True)
def delete_everything_after():
    """Flushing tables leaves the per-resource totals, which have no model."""
    yield
    dsr_delete(dsr_ids=list(DSR.objects.values_list("pk", flat=True)))


class Worker(threading.Thread):
    """Run ``target`` in a thread with its own connection; keep its outcome."""

    def __init__(self, target: Callable[[], object]):
        super().__init__(daemon=True)
        self.target, self.result, self.error = target, None, None

    def run(self) -> None:
        try:
            self.result = self.target()
        except BaseException as error:  # re-raised in the test's thread
            self.error = error
        finally:
            connections.close_all()

    def outcome(self) -> object:
        self.join(timeout=120)
        assert not self.is_alive(), "worker still running"
        if self.error is not None:
            raise self.error
        return self.result


class Reader(Worker):
    """Read the top 100 % until stopped; record answers and the longest read."""

    def __init__(self):
        self.stop = threading.Event()
        self.answers: list[list[tuple]] = []
        self.longest = 0.0
        super().__init__(self.read)

    def read(self) -> None:
        while not self.stop.is_set():
            started = time.monotonic()
            items = resource_list_top_percentile(number=100)
            self.longest = max(self.longest, time.monotonic() - started)
            self.answers.append(
                [(i.dsp_id, i.usages, i.revenue, tuple(i.dsrs)) for i in items]
            )

    def finish(self) -> list[list[tuple]]:
        self.stop.set()
        self.outcome()
        return self.answers


def answer() -> list[tuple]:
    return [
        (i.dsp_id, i.usages, i.revenue, tuple(i.dsrs))
        for i in resource_list_top_percentile(number=100)
    ]


def slow_down(monkeypatch, owner, name: str) -> None:
    """Make ``owner.name`` pause first, to hold a writer inside its transaction."""
    original = getattr(owner, name)

    def paused(*args, **kwargs):
        time.sleep(WRITER_PAUSE)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, paused)


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
        assert results[0].dsr_id != results[1].dsr_id


def test_a_replace_neither_blocks_nor_tears_a_reader(
    imported_samples, samples, monkeypatch
):
    before = answer()
    slow_down(monkeypatch, loading.Loader, "finish")
    reader = Reader()
    reader.start()
    time.sleep(0.2)
    result = dsr_import(path=samples[1], force=True)
    time.sleep(0.2)
    answers = reader.finish()
    assert result.status == "ingested"
    assert len(answers) > 5
    assert reader.longest < READER_WAIT_LIMIT
    # The same bytes again: every answer, during and after, is the one before.
    assert all(seen == before for seen in answers)
    assert answer() == before


def test_a_delete_neither_blocks_nor_tears_a_reader(imported_samples, monkeypatch):
    before = answer()
    slow_down(monkeypatch, storage(), "sums_remove")
    reader = Reader()
    reader.start()
    time.sleep(0.2)
    dsr_delete(dsr_ids=[imported_samples[0].dsr_id])
    time.sleep(0.2)
    answers = reader.finish()
    after = answer()
    assert len(answers) > 5
    assert reader.longest < READER_WAIT_LIMIT
    assert after != before
    assert all(seen in (before, after) for seen in answers)
    assert all(dsrs for seen in answers for *_, dsrs in seen)
