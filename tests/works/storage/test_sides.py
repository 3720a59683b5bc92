"""works.storage: the interface both sides give, and what each spells alike."""

import json

import pytest
from django.db import connection

from common.db import in_list, list_param
from tests.works.factories import WorkFactory
from works.storage import postgresql, sqlite, storage

pytestmark = pytest.mark.django_db

INTERFACE = (
    "TEXT_TYPE",
    "id_block",
    "import_lock",
    "pairs_params",
    "pairs_table",
    "rows_insert",
    "work_views_sql",
)


def test_both_sides_give_the_whole_interface():
    for side in (postgresql, sqlite):
        assert [name for name in INTERFACE if not hasattr(side, name)] == []


def test_the_side_is_the_connections():
    assert storage() is {"postgresql": postgresql, "sqlite": sqlite}[connection.vendor]


def test_pairs_read_back_as_a_table():
    pairs = [("song", "key one"), ("ballad", "key, two")]
    table, title, key = storage().pairs_table("p")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {title}, {key} FROM {table} ORDER BY 1",
            storage().pairs_params(pairs),
        )
        assert cursor.fetchall() == sorted(pairs)


def test_views_list_a_works_titles_contributors_and_sources_in_order():
    work = WorkFactory(title="Main", contributors=["B", "A"])
    work.titles.create(title="Other", normal_form="other")
    sql = storage().work_views_sql(where=in_list("w.id"))
    with connection.cursor() as cursor:
        cursor.execute(sql, [list_param([work.pk])])
        (document,) = cursor.fetchone()
    rows = json.loads(document) if isinstance(document, str) else document
    assert rows == [[work.pk, None, "Main", ["Other"], ["B", "A"], []]]
