"""Small helpers for the raw SQL of loaders, deletion and selectors."""

from collections.abc import Iterable


def sql_id_list(ids: Iterable[int]) -> str:
    """Integer ids as an SQL list for ``IN (...)``.

    Integers only, so inlining them is safe; literal ids let PostgreSQL prune
    usage partitions at plan time.
    """
    return ", ".join(str(int(i)) for i in ids) or "NULL"


def usage_partition_name(dsr_id: int) -> str:
    """The PostgreSQL partition holding one DSR's usages."""
    return f"dsrs_usage_dsr_{int(dsr_id)}"
