"""common.db.rows: many rows into a table on either database."""

import pytest
from django.db import connection

from common.db import rows_insert

pytestmark = pytest.mark.django_db

ROWS = [
    (1, "Back\\slash\tTab", None),
    (2, None, "Line\nBreak\r"),
    (3, "\\N", "Unit\x1fSep"),
    (4, "", "é 𝄞"),
]


@pytest.mark.parametrize("null", ["\\N", "\x1f"])
def test_rows_read_back_as_inserted(null):
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE inserted (n integer, a text, b text)")
        rows_insert(
            cursor, table="inserted", columns=("n", "a", "b"), rows=ROWS, null=null
        )
        cursor.execute("SELECT n, a, b FROM inserted ORDER BY n")
        assert cursor.fetchall() == ROWS


def test_columns_left_out_take_their_default():
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE defaulted (n integer, a text DEFAULT 'default')"
        )
        rows_insert(cursor, table="defaulted", columns=("n",), rows=[(1,)])
        cursor.execute("SELECT n, a FROM defaulted")
        assert cursor.fetchall() == [(1, "default")]


def test_no_rows_send_no_statement(django_assert_num_queries):
    with connection.cursor() as cursor, django_assert_num_queries(0):
        rows_insert(cursor, table="absent", columns=("n",), rows=[])
