"""common.db.fields: columns that hold and order values alike on both databases."""

from django.db import connection

from common.db.fields import ByteOrderCharField, ExactDecimalField


def test_exact_decimals_are_text_on_sqlite_and_numeric_on_postgresql():
    field = ExactDecimalField(max_digits=20, decimal_places=10)
    expected = {"sqlite": "text", "postgresql": "numeric(20, 10)"}
    assert field.db_type(connection) == expected[connection.vendor]


def test_byte_order_text_has_the_c_collation_on_postgresql():
    parameters = ByteOrderCharField(max_length=10).db_parameters(connection)
    expected = {"sqlite": None, "postgresql": "C"}
    assert parameters.get("collation") == expected[connection.vendor]
