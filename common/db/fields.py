"""Model fields that store and order values alike on PostgreSQL and SQLite."""

from decimal import Decimal

from django.db import models


class ExactDecimalField(models.DecimalField):
    """A ``DecimalField`` that keeps every digit on SQLite too.

    PostgreSQL stores ``numeric(max_digits, decimal_places)`` exactly. SQLite
    has no decimal type: Django's own ``DecimalField`` lets it store a REAL and
    reads back 15 significant digits, which would change revenues such as
    64686762792547.5 or 2.220446049250313e-16. Here SQLite stores the decimal's
    text and it is read back as the same ``Decimal``. SQL on SQLite compares
    that text as text: queries that compare or sum amounts cast them first
    (see ``dsrs.storage.sqlite``).
    """

    def get_internal_type(self) -> str:
        # Not "DecimalField": that would route SQLite values through Django's
        # float converter.
        return "ExactDecimalField"

    def db_type(self, connection) -> str:
        if connection.vendor == "sqlite":
            return "text"
        return connection.data_types["DecimalField"] % self.db_type_parameters(
            connection
        )

    def from_db_value(self, value, expression, connection) -> Decimal | None:
        if value is None or isinstance(value, Decimal):
            return value
        return Decimal(str(value))


class ByteOrderCharField(models.CharField):
    """A ``CharField`` compared and sorted byte by byte on every database.

    For opaque identifiers such as dsp_ids: PostgreSQL's "C" collation sorts
    and indexes them several times faster than a linguistic collation, and
    gives SQLite's default order (BINARY), so both databases rank ties alike.
    """

    def db_parameters(self, connection) -> dict[str, object]:
        parameters = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            parameters["collation"] = "C"
        return parameters
