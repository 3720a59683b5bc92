"""works.storage.ids: new primary keys a block at a time, on either database."""

import pytest
from django.db import connection

from tests.works.factories import WorkFactory
from works.models import Work
from works.storage.ids import IdReserve

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_blocks(monkeypatch):
    monkeypatch.setattr(IdReserve, "BLOCK", 3)


def test_ids_follow_the_largest_one_across_blocks(small_blocks):
    largest = max(WorkFactory().pk for _ in range(2))
    with connection.cursor() as cursor:
        reserve = IdReserve(cursor=cursor, table="works_work")
        ids = [reserve() for _ in range(7)]
    assert ids == list(range(largest + 1, largest + 8))


def test_the_id_of_a_deleted_work_is_never_given_again(small_blocks):
    kept, merged = WorkFactory(), WorkFactory()
    Work.objects.filter(pk=merged.pk).delete()
    with connection.cursor() as cursor:
        first = IdReserve(cursor=cursor, table="works_work")()
    assert first > merged.pk > kept.pk


def test_ids_reserved_are_free_for_the_importer_to_insert(small_blocks):
    with connection.cursor() as cursor:
        reserve = IdReserve(cursor=cursor, table="works_work")
        ids = [reserve() for _ in range(4)]
    Work.objects.bulk_create(Work(id=i, title=f"Song {i}") for i in ids)
    assert WorkFactory().pk > max(ids)
