"""Lists of values in SQL: one parameter for any length, or inlined ids."""

import json
from collections.abc import Iterable

from common.db.vendor import is_postgresql


def in_list(column: str) -> str:
    """``column`` is one of a list passed as one parameter (see ``list_param``).

    One parameter keeps the statement the same for any number of values, and
    clear of SQLite's limit on parameters.
    """
    if is_postgresql():
        return f"{column} = ANY(%s)"
    return f"{column} IN (SELECT value FROM json_each(%s))"


def list_param(values: Iterable) -> list | str:
    """The parameter of ``in_list``: an array on PostgreSQL, JSON on SQLite."""
    values = list(values)
    return values if is_postgresql() else json.dumps(values)


def sql_id_list(ids: Iterable[int]) -> str:
    """Integer ids as an SQL list for ``IN (...)``.

    Integers only, so inlining them is safe; literal ids let PostgreSQL prune
    partitions at plan time.
    """
    return ", ".join(str(int(i)) for i in ids) or "NULL"
