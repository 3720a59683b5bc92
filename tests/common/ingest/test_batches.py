"""The batch loop: good rows staged, rejects kept, progress after each batch."""

from dataclasses import dataclass

from common.ingest import batches
from common.ingest.batches import batched, batches_ingest


@dataclass(frozen=True)
class Bad:
    line: int
    field: str = "x"
    value: str = "?"
    reason: str = "bad"


def test_batched_keeps_order_and_the_short_tail():
    assert list(batched(range(5), size=2)) == [[0, 1], [2, 3], [4]]
    assert list(batched([], size=2)) == []


def test_good_rows_are_staged_and_rejects_kept_batch_by_batch():
    staged, kept, progress = [], [], []
    items = [1, Bad(2), 3, 4, Bad(5)]
    counts = batches_ingest(
        batches=batched(items, size=2),
        stage=staged.append,
        keep=kept.append,
        reject_type=Bad,
        on_progress=progress.append,
    )
    assert staged == [[1], [3, 4]]
    assert kept == [[Bad(2)], [Bad(5)]]
    assert progress == [2, 4, 5]
    assert (counts.read, counts.staged, counts.rejected) == (5, 3, 2)
    assert counts.first_rejects == [Bad(2), Bad(5)]


def test_a_batch_of_rejects_only_stages_nothing():
    staged = []
    counts = batches_ingest(
        batches=[[Bad(1), Bad(2)]], stage=staged.append, keep=None, reject_type=Bad
    )
    assert staged == [] and counts.rejected == 2


def test_without_stage_and_keep_it_only_counts():
    counts = batches_ingest(batches=[[1, Bad(2)]], stage=None, reject_type=Bad)
    assert (counts.staged, counts.rejected) == (1, 1)


def test_progress_is_the_readers_count_when_it_keeps_one():
    progress = []
    batches_ingest(
        batches=[[1], [2]],
        stage=None,
        on_progress=progress.append,
        read_so_far=lambda: 10 * len(progress),
    )
    assert progress == [0, 10]


def test_only_the_first_rejects_are_carried(monkeypatch):
    monkeypatch.setattr(batches, "FIRST_REJECTS_KEPT", 3)
    counts = batches_ingest(
        batches=batched([Bad(n) for n in range(10)], size=2),
        stage=None,
        reject_type=Bad,
    )
    assert [r.line for r in counts.first_rejects] == [0, 1, 2]
    assert counts.rejected == 10


def test_without_a_reject_type_every_row_is_staged():
    staged = []
    batches_ingest(batches=[[1, Bad(2)]], stage=staged.extend)
    assert staged == [1, Bad(2)]
