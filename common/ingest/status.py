"""The one vocabulary of import states: records, results and jobs all speak it."""

from django.db import models


class ImportStatus(models.TextChoices):
    """Where the import of one file stands, or how it ended.

    A record stores the states it can be in (``status_field``); a result may
    also say what happened without storing anything (skipped, rejected, dry
    run).
    """

    QUEUED = "queued"
    RUNNING = "running"
    # The file's rows are stored.
    INGESTED = "ingested"
    # A job's output file is written (play counts): the word /plays/jobs answers.
    DONE = "done"
    FAILED = "failed"
    # The same bytes were ingested before: nothing to do.
    SKIPPED = "skipped"
    # Refused before reading, e.g. a file name that names no DSR.
    REJECTED = "rejected"
    # Read and counted, nothing written.
    DRY_RUN = "dry-run", "Dry run"


SUCCESSFUL = frozenset(
    {
        ImportStatus.INGESTED,
        ImportStatus.DONE,
        ImportStatus.SKIPPED,
        ImportStatus.DRY_RUN,
    }
)


def status_choices(*statuses: ImportStatus) -> list[tuple[str, str]]:
    """The ``choices`` of a field that holds only ``statuses``."""
    return [(status.value, status.label) for status in statuses]
