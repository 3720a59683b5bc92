"""Model fields: dsp_ids in byte order on both databases."""

import pytest
from django.db import connection

from dsrs.models import Resource
from tests.dsrs.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_dsp_ids_sort_in_byte_order():
    for dsp_id in ("b", "B", "a", "é", "Z", "e"):
        ResourceFactory(dsp_id=dsp_id)
    stored = list(Resource.objects.order_by("dsp_id").values_list("dsp_id", flat=True))
    assert stored == sorted(stored, key=lambda text: text.encode())
    assert stored == ["B", "Z", "a", "b", "e", "é"]


@pytest.mark.postgresql  # PostgreSQL's collation
def test_the_column_has_the_models_collation():
    field = Resource._meta.get_field("dsp_id")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT collation_name FROM information_schema.columns "
            "WHERE table_name = 'dsrs_resource' AND column_name = 'dsp_id'"
        )
        (collation,) = cursor.fetchone()
    assert collation == field.db_parameters(connection)["collation"] == "C"
