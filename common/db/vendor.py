"""Which database a connection talks to: the one check storage sides hang on."""

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper


def vendor_name(*, connection: BaseDatabaseWrapper | None = None) -> str:
    """``"postgresql"`` or ``"sqlite"``: Django's vendor of ``connection``.

    The default connection unless another is given (a model field is asked
    about the connection it is used on).
    """
    return (connection or default_connection).vendor


def is_postgresql(*, connection: BaseDatabaseWrapper | None = None) -> bool:
    return vendor_name(connection=connection) == "postgresql"
