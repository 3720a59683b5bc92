"""What the whole suite shares: database markers and the twin tests' settings.

A test that needs one database is marked ``postgresql`` or ``sqlite``; the
hook below skips it, saying why, on the other one (``DATABASE_URL`` picks
the database), so no test module checks the vendor itself.
"""

import pytest
from django.db import connection

DATABASE_MARKERS = ("postgresql", "sqlite")


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    vendor = connection.vendor
    for item in items:
        for name in DATABASE_MARKERS:
            if name != vendor and item.get_closest_marker(name) is not None:
                reason = f"runs on {name} only; DATABASE_URL names {vendor}"
                item.add_marker(pytest.mark.skip(reason=reason))
