"""The one result of importing one file, whatever kind of file it was."""

import functools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ParamSpec

from common.ingest.batches import BatchCounts, Reject
from common.ingest.status import SUCCESSFUL, ImportStatus

if TYPE_CHECKING:
    from common.ingest.models import ImportRecord

ALREADY_INGESTED = "already imported as {name} #{import_id} (same SHA-256)"

P = ParamSpec("P")


@dataclass
class ImportResult:
    """What importing one file came to; every import service returns one.

    ``import_id`` is the import record's id (for a DSR file, the DSR's).
    ``details`` holds what only one kind of file reports, by name (works
    created, snapshots, the EUR rate); ``rejects`` the first rows set aside,
    for a command to print: all of them are stored.
    """

    path: str
    status: str = ImportStatus.FAILED
    message: str = ""
    import_id: int | None = None
    rows_read: int = 0
    rows_imported: int = 0
    rows_rejected: int = 0
    details: dict[str, object] = field(default_factory=dict)
    warnings: dict[str, int] = field(default_factory=dict)
    rejects: list[Reject] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status in SUCCESSFUL

    def record_take(
        self, record: "ImportRecord", *, details: Sequence[str] = ()
    ) -> None:
        """The id, status and counts as ``record`` stored them (rows imported
        where the record counts them)."""
        self.import_id, self.status = record.pk, record.status
        self.rows_read, self.rows_rejected = record.rows_read, record.rows_rejected
        self.rows_imported = getattr(record, "rows_imported", 0)
        self.details.update((name, getattr(record, name)) for name in details)

    def batch_take(self, counts: BatchCounts) -> None:
        """The rows the batch loop set aside: how many, and the first ones."""
        self.rows_rejected, self.rejects = counts.rejected, counts.first_rejects

    def skip(self, *, earlier: "ImportRecord") -> "ImportResult":
        """Skipped: ``earlier`` ingested the same bytes."""
        self.status, self.import_id = ImportStatus.SKIPPED, earlier.pk
        self.message = ALREADY_INGESTED.format(
            name=earlier._meta.verbose_name, import_id=earlier.pk
        )
        return self


def timed(service: Callable[P, ImportResult]) -> Callable[P, ImportResult]:
    """The import ``service``, with the ``seconds`` its result took."""

    @functools.wraps(service)
    def timed_service(*args: P.args, **kwargs: P.kwargs) -> ImportResult:
        started = time.monotonic()
        result = service(*args, **kwargs)
        result.seconds = time.monotonic() - started
        return result

    return timed_service
