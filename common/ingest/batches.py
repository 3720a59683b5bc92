"""The batch loop of every import: good rows staged, rejects kept, progress told.

A parser yields good rows and rejects in one stream, in file order.
``batches_ingest`` takes them a batch at a time, hands the good rows to
``stage`` and the rejects to ``keep``, and reports progress after each batch.
What staging and keeping mean is the caller's: a ``COPY`` into a temporary
table, an upsert, a ``bulk_create`` of set-aside rows
(``common.ingest.services.set_aside_keeper``). No ORM here.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol, TypeVar

# The rejects a result carries for the command to print; the rest are stored.
FIRST_REJECTS_KEPT = 50

ProgressCallback = Callable[[int], None]
T = TypeVar("T")


class Reject(Protocol):
    """A row set aside: where it was, the field and value at fault, and why."""

    @property
    def line(self) -> int: ...

    @property
    def field(self) -> str: ...

    @property
    def value(self) -> str: ...

    @property
    def reason(self) -> str: ...


@dataclass
class BatchCounts:
    read: int = 0
    staged: int = 0
    rejected: int = 0
    first_rejects: list[Reject] = field(default_factory=list)


def batched(items: Iterable[T], *, size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size``, the last one shorter."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def batches_ingest(
    *,
    batches: Iterable[list],
    stage: Callable[[list], object] | None,
    keep: Callable[[list], object] | None = None,
    reject_type: type | tuple[type, ...] = (),
    on_progress: ProgressCallback | None = None,
    read_so_far: Callable[[], int] | None = None,
    counts: BatchCounts | None = None,
) -> BatchCounts:
    """Split each batch into good rows and rejects (``reject_type``), stage the
    one, keep the other, then report progress; return what was counted.

    Without ``stage`` and ``keep`` nothing is written (a dry run counts).
    Progress is ``read_so_far()`` when the reader counts lines itself (blank
    lines, rows read elsewhere), else the items seen. ``counts``, when given,
    is counted into as the loop goes: a caller whose file fails midway keeps
    what was counted before.
    """
    counts = BatchCounts() if counts is None else counts
    for batch in batches:
        good = [item for item in batch if not isinstance(item, reject_type)]
        rejects = [item for item in batch if isinstance(item, reject_type)]
        counts.read += len(batch)
        counts.staged += len(good)
        counts.rejected += len(rejects)
        room = FIRST_REJECTS_KEPT - len(counts.first_rejects)
        counts.first_rejects.extend(rejects[:room])
        if good and stage is not None:
            stage(good)
        if rejects and keep is not None:
            keep(rejects)
        if on_progress:
            on_progress(read_so_far() if read_so_far else counts.read)
    return counts
