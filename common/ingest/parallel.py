"""Batches of a file worked on in several processes, results in file order.

A reader yields batches in file order; ``ordered_map`` applies a function to
each in a pool of worker processes and yields the results in the same
order, holding at most ``ahead`` batches in flight, so memory stays bounded
by a few batches whatever the file's size (``Pool.imap`` would read the
whole file ahead). With one process, or inside a process that may have no
children (a daemonic Celery worker), the batches are worked on in this
process, one after the other. No ORM: the function must not use the
database (the workers are forked and share this process's connection).
"""

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def processes_usable(requested: int) -> int:
    """``requested``, or 1 where this process cannot start workers."""
    if multiprocessing.current_process().daemon:
        return 1
    return max(requested, 1)


def ordered_map(
    function: Callable[[T], R],
    batches: Iterable[T],
    *,
    processes: int,
    ahead: int | None = None,
) -> Iterator[R]:
    """``map(function, batches)`` over ``processes`` worker processes.

    ``function`` must be importable by name (a module-level function, or a
    ``functools.partial`` of one). At most ``ahead`` batches (twice the
    processes unless given) are read before their results are taken. An
    exception in a worker is raised here, at its batch's turn, and a worker
    that dies raises ``BrokenProcessPool`` (a ``multiprocessing.Pool`` would
    wait for its result forever); the workers end with the iteration,
    whether it completes or not.
    """
    processes = processes_usable(processes)
    if processes == 1:
        yield from map(function, batches)
        return
    ahead = ahead or 2 * processes
    pending = deque()
    executor = ProcessPoolExecutor(
        processes, mp_context=multiprocessing.get_context("fork")
    )
    try:
        for batch in batches:
            pending.append(executor.submit(function, batch))
            if len(pending) >= ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
