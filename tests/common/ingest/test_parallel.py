"""ordered_map: batches worked on in worker processes, results in order."""

import functools
import multiprocessing
import os
from concurrent.futures.process import BrokenProcessPool

import pytest

from common.ingest.parallel import ordered_map, processes_usable


def _squares(batch: list[int]) -> list[int]:
    return [value * value for value in batch]


def _fails_on(batch: list[int], *, bad: int) -> list[int]:
    if bad in batch:
        raise ValueError(f"bad {bad}")
    return batch


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_results_come_in_the_order_of_the_batches(processes):
    batches = [list(range(start, start + 5)) for start in range(0, 200, 5)]
    assert list(ordered_map(_squares, batches, processes=processes)) == [
        _squares(batch) for batch in batches
    ]


def test_no_more_than_ahead_batches_are_read_before_their_results_are_taken():
    read = []

    def batches():
        for start in range(10):
            read.append(start)
            yield [start]

    results = ordered_map(_squares, batches(), processes=2, ahead=3)
    assert next(results) == [0]
    assert len(read) == 3
    assert next(results) == [1]
    assert len(read) == 4
    assert list(results) == [[value * value] for value in range(2, 10)]


def test_a_worker_s_error_is_raised_at_its_batch_s_turn():
    seen = []
    with pytest.raises(ValueError, match="bad 7"):
        for result in ordered_map(
            functools.partial(_fails_on, bad=7),
            ([value] for value in range(20)),
            processes=2,
        ):
            seen.append(result)
    assert seen == [[value] for value in range(7)]


def test_a_reader_s_error_ends_the_iteration_after_the_batches_before_it():
    def batches():
        yield [1]
        yield [2]
        raise OSError("disk")

    seen = []
    with pytest.raises(OSError, match="disk"):
        for result in ordered_map(_squares, batches(), processes=2, ahead=1):
            seen.append(result)
    assert seen == [[1], [4]]


def _usable_in_a_daemon(queue) -> None:
    queue.put(processes_usable(4))


def test_a_daemonic_process_works_alone():
    assert processes_usable(4) == 4
    assert processes_usable(0) == 1
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_usable_in_a_daemon, args=(queue,), daemon=True)
    child.start()
    child.join()
    assert queue.get(timeout=5) == 1


def _dies_on(batch: list[int], *, bad: int) -> list[int]:
    if bad in batch:
        os._exit(1)
    return batch


def test_a_worker_that_dies_fails_the_iteration_instead_of_hanging_it():
    with pytest.raises(BrokenProcessPool):
        list(
            ordered_map(
                functools.partial(_dies_on, bad=3),
                ([value] for value in range(10)),
                processes=2,
            )
        )
