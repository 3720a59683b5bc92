"""Removing and summing a DSR's usages, its own partition on PostgreSQL."""

from collections.abc import Sequence
from decimal import Decimal

from django.db import connection

from common.db import sql_id_list
from dsrs.storage.postgresql.locking import usage_ddl_run
from dsrs.storage.postgresql.session import table_exists


def usage_partition_name(dsr_id: int) -> str:
    """The partition of ``dsrs_usage`` holding one DSR's usages."""
    return f"dsrs_usage_dsr_{int(dsr_id)}"


def usages_remove(*, dsr_ids: Sequence[int]) -> None:
    """Drop the DSRs' partitions, then delete their rows left elsewhere.

    The partition DDL, which readers would wait for, runs as one short step.
    """
    if not dsr_ids:
        return
    statements = []
    for dsr_id in dsr_ids:
        table = usage_partition_name(dsr_id)
        if table_exists(table=table):
            statements += [
                f"ALTER TABLE dsrs_usage DETACH PARTITION {table}",
                f"DROP TABLE {table}",
            ]
    if statements:
        usage_ddl_run(statements=statements)
    with connection.cursor() as cursor:
        # Rows written through the ORM (the default partition).
        cursor.execute(
            f"DELETE FROM dsrs_usage WHERE dsr_id IN ({sql_id_list(dsr_ids)})"
        )


def dsr_revenue_sums(*, dsr_id: int) -> tuple[int, Decimal]:
    """The exact sums of a DSR's ``usages`` and ``revenue`` columns."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(SUM(usages), 0), COALESCE(SUM(revenue), 0) "
            "FROM dsrs_usage WHERE dsr_id = %s",
            [dsr_id],
        )
        usages, revenue = cursor.fetchone()
    return int(usages), Decimal(revenue)
