"""DSR reads: the selection, content counts and the orphans a delete would take."""

import datetime

import pytest
from django.db import connection

from dsrs.selectors import (
    dsr_contents_count,
    dsr_list_selected,
    resource_orphan_count,
)
from dsrs.services.resources import resources_orphaned_collect
from tests.dsrs.factories import (
    DSRFactory,
    ResourceFactory,
    TerritoryFactory,
    UsageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("filters", "chosen"),
    [
        ({}, ["es_jan", "no_feb"]),
        ({"territory": "no"}, ["no_feb"]),
        ({"period_start": datetime.date(2020, 2, 1)}, ["no_feb"]),
        ({"period_end": datetime.date(2020, 2, 28)}, ["es_jan"]),
        ({"period_start": datetime.date(2020, 1, 2)}, ["no_feb"]),
        ({"territory": "ES", "period_end": datetime.date(2020, 1, 30)}, []),
    ],
)
def test_dsr_list_selected_is_the_percentile_selection(filters, chosen):
    """Ingested DSRs of the territory whose whole period lies in the bounds."""
    norway = TerritoryFactory(code_2="NO", code_3="NOR", name="Norway")
    dsrs = {
        "es_jan": DSRFactory(),
        "no_feb": DSRFactory(
            territory=norway,
            period_start=datetime.date(2020, 2, 1),
            period_end=datetime.date(2020, 2, 29),
        ),
    }
    DSRFactory(status="failed")
    selected = set(dsr_list_selected(**filters).values_list("pk", flat=True))
    assert selected == {dsrs[name].pk for name in chosen}


def test_contents_count():
    shared = ResourceFactory()
    first, second = DSRFactory(), DSRFactory()
    UsageFactory(dsr=first, resource=shared)
    UsageFactory(dsr=first)
    UsageFactory(dsr=second, resource=shared)
    contents = dsr_contents_count(dsr_ids=[first.pk, second.pk])
    assert contents.usages == {first.pk: 2, second.pk: 1}
    assert contents.row_errors == {first.pk: 0, second.pk: 0}


@pytest.mark.parametrize(
    ("gone", "orphans"),
    [([], 0), ([0], 1), ([1], 1), ([0, 1], 3), ([1, 2], 3), ([0, 1, 2], 5)],
)
def test_the_orphan_count_is_what_the_delete_collects(gone, orphans):
    """The orphan rule: the admin's confirmation counts what a delete removes."""
    dsrs = [DSRFactory() for _ in range(3)]
    # A has two usages in one DSR and counts once; S01 and S12 are shared.
    reported_by = {"A": [0, 0], "S01": [0, 1], "S12": [1, 2], "B": [1], "C": [2]}
    for dsp_id, indexes in reported_by.items():
        resource = ResourceFactory(dsp_id=dsp_id)
        for index in indexes:
            UsageFactory(dsr=dsrs[index], resource=resource)
    dsr_ids = [dsrs[index].pk for index in gone]
    collected = resources_orphaned_collect(dsr_ids=dsr_ids)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {collected.table}")
    assert resource_orphan_count(dsr_ids=dsr_ids) == collected.count == orphans
