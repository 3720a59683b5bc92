"""What the concurrency tests share: a thread with its own connection, and
PostgreSQL's word on who waits for a lock."""

import threading
from collections.abc import Callable

from django.db import connection, connections


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


def lock_waiters() -> int:
    """Lock requests of this database not granted yet (someone is waiting)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks AS l JOIN pg_database AS d "
            "ON d.oid = l.database WHERE NOT l.granted AND d.datname = "
            "current_database()"
        )
        return cursor.fetchone()[0]
