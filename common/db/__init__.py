"""Database primitives every app's ``storage`` shares, for PostgreSQL and SQLite.

- the vendor check that picks an app's storage side (``is_postgresql``);
- ``COPY``'s text format, written by one escaper (``copy_rows``), and many
  rows inserted the fast way on either database (``rows_insert``);
- a list of values as one query parameter (``in_list``, ``list_param``) and
  integer ids inlined (``sql_id_list``);
- fresh planner statistics after bulk writes (``tables_analyze``);
- model fields that behave alike on both databases (``common.db.fields``).

Outside ``common.db`` and the ``storage`` packages of the apps, no code asks
which database it runs on.
"""

from common.db.copy import (
    COPY_NULL,
    copy_field,
    copy_line,
    copy_rows,
    copy_text,
    copy_text_write,
)
from common.db.lists import in_list, list_param, sql_id_list
from common.db.rows import rows_insert
from common.db.statistics import tables_analyze
from common.db.vendor import is_postgresql, vendor_name

__all__ = [
    "COPY_NULL",
    "copy_field",
    "copy_line",
    "copy_rows",
    "copy_text",
    "copy_text_write",
    "in_list",
    "is_postgresql",
    "list_param",
    "rows_insert",
    "sql_id_list",
    "tables_analyze",
    "vendor_name",
]
