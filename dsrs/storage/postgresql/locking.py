"""The one lock order of DSR writers (SQLite has a single writer and no locks).

Every import and every delete takes the locks it needs in this order (a
delete starts at step 2), so writers wait for each other but never deadlock:

1. the DSR identity, a session advisory lock (``identity_lock``): one
   import per identity at a time, while other DSRs parse and stage in parallel;
2. ``dsrs_resource`` in SHARE ROW EXCLUSIVE mode (``writers_lock``):
   writers of resources, their sums (``sums``: ``dsrs_resource_total`` and
   the rollup ``dsrs_resource_dsr_total``) and DSR rows take turns; readers,
   who take ACCESS SHARE, never conflict with it;
3. DSR rows (``SELECT ... FOR UPDATE``, inserts, updates);
4. near the end, the partition DDL on ``dsrs_usage`` (``usage_ddl_run``):
   tried with a short lock timeout and retried, so that a waiting DDL never
   holds a queue of readers for long. A DETACH (a replace, a delete) then
   holds ``dsrs_usage`` in ACCESS EXCLUSIVE mode until commit, and some work
   still comes before the commit: an import sums its new partition into its
   DSR row (``dsr_summary_refresh``); a delete removes the usages left in the
   default partition and the DSR rows, and writes the deletion log.

Readers of the percentile never read ``dsrs_usage``: in one snapshot
(``snapshot_begin``) they read the sums, resources and DSR rows, which writers
change under MVCC in the transaction of their partition swap: a streamed
answer never holds a swap back, and sees each DSR whole or not at all.
"""

import hashlib
import random
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import OperationalError, connection, transaction

# How long one attempt at the partition DDL may wait for readers, and how many
# attempts are made before the last one waits as long as it takes.
DDL_LOCK_TIMEOUT_MS = 200
DDL_ATTEMPTS = 300
DDL_PAUSE_SECONDS = (0.05, 0.3)
_LOCK_NOT_AVAILABLE = "55P03"


def dsr_identity_key(*, identity: str) -> int:
    """A signed 64-bit advisory-lock key for a DSR identity."""
    digest = hashlib.sha256(identity.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def identity_lock(*, identity: str) -> Iterator[None]:
    """Hold the identity's advisory lock for the block."""
    key = dsr_identity_key(identity=identity)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def writers_lock() -> None:
    """Take the writers' table lock (step 2), until the transaction ends."""
    with connection.cursor() as cursor:
        cursor.execute("LOCK TABLE dsrs_resource IN SHARE ROW EXCLUSIVE MODE")


def usage_ddl_run(*, statements: Sequence[str]) -> None:
    """Run partition DDL (step 4) without queueing readers for long.

    Each attempt runs in a savepoint with a short lock timeout; a timed-out
    attempt is rolled back and retried after a pause that lets the queued
    readers through.
    """
    for _ in range(DDL_ATTEMPTS):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL lock_timeout = {DDL_LOCK_TIMEOUT_MS}")
                for statement in statements:
                    cursor.execute(statement)
                cursor.execute("SET LOCAL lock_timeout = DEFAULT")
            return
        except OperationalError as error:
            if getattr(error.__cause__, "pgcode", None) != _LOCK_NOT_AVAILABLE:
                raise
        time.sleep(random.uniform(*DDL_PAUSE_SECONDS))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
