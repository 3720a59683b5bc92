"""The per-ISRC sums of unmatched revenue, folded in after each import.

An import commits its usages without them (``dsrs.storage.postgresql.
isrc_sums``); a task folds the new DSRs in once the import's transaction has
committed. Readers add the DSRs not folded yet from their usages meanwhile,
so no answer depends on when the task runs. SQLite keeps no such sums.
"""

from django.db import transaction

from dsrs.storage import storage


def isrc_sums_fold_schedule() -> None:
    """Fold the DSRs the current transaction ingests, once it commits (a
    task on the worker, or at once without a broker)."""
    if storage().isrc_sums_fold is None:
        return
    from dsrs.tasks import isrc_sums_fold_pending

    transaction.on_commit(isrc_sums_fold_pending.delay)


def isrc_sums_fold_run() -> list[int]:
    """Fold every ingested DSR not folded yet; return their ids."""
    fold = storage().isrc_sums_fold
    return [] if fold is None else fold()
