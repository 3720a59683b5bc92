"""common.db.statistics: planner statistics after bulk writes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.db import tables_analyze

pytestmark = pytest.mark.django_db


def test_postgresql_analyzes_the_tables_sqlite_skips_them():
    with CaptureQueriesContext(connection) as queries, connection.cursor() as cursor:
        tables_analyze(cursor, tables=["works_work", "works_worktitle"])
    statements = [query["sql"] for query in queries]
    if connection.vendor == "postgresql":
        assert statements == ["ANALYZE works_work, works_worktitle"]
    else:
        assert statements == []
