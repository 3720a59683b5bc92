"""common.db.vendor: the one question of which database a connection is."""

from django.db import connection, connections

from common.db import is_postgresql, vendor_name


def test_the_default_connection_is_asked_unless_another_is_given():
    other = connections["default"]
    assert vendor_name() == vendor_name(connection=other) == connection.vendor
    assert vendor_name() in {"postgresql", "sqlite"}


def test_is_postgresql_names_the_vendor():
    assert is_postgresql() == (connection.vendor == "postgresql")
    assert is_postgresql(connection=connection) == is_postgresql()
