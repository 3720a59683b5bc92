"""Settings and statistics of a PostgreSQL transaction doing DSR work."""

from django.db import connection

from common.db import tables_analyze


def session_tune() -> None:
    """Give set-based statements of a million rows room to sort in memory.

    JIT compiling costs more than it saves on these statements.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute("SET LOCAL jit = off")


def snapshot_begin() -> None:
    """Make the transaction one snapshot; call before its first query."""
    with connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")


def analyze(*, table: str) -> None:
    """Give the planner statistics of a freshly filled table.

    Without them it guesses nested loops over a million rows, or probes every
    partition per row.
    """
    with connection.cursor() as cursor:
        tables_analyze(cursor, tables=[table])


def table_exists(*, table: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [table])
        return cursor.fetchone()[0] is not None
