"""The DSR selection query other apps' endpoints take (``dsrs.api``)."""

import datetime

import pytest

from dsrs.api import (
    BAD_DATE,
    PERIOD_ORDER,
    UNKNOWN_TERRITORY,
    DSRSelectionQuerySerializer,
)


def test_the_selection_reads_territory_and_period_bounds():
    query = DSRSelectionQuerySerializer(
        data={
            "territory": " es ",
            "period_start": "2020-01-01",
            "period_end": "2020-03-31T00:00:00Z",
        }
    )
    assert query.is_valid(), query.errors
    assert query.validated_data == {
        "territory": "ES",
        "period_start": datetime.date(2020, 1, 1),
        "period_end": datetime.date(2020, 3, 31),
    }


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"territory": "XX"}, {"territory": [UNKNOWN_TERRITORY.format(value="XX")]}),
        (
            {"period_end": "31/03/2020"},
            {"period_end": [BAD_DATE.format(value="31/03/2020")]},
        ),
        (
            {"period_start": "2020-02-01", "period_end": "2020-01-31"},
            {"period_start": [PERIOD_ORDER]},
        ),
    ],
)
def test_a_bad_selection_names_its_parameter(data, errors):
    query = DSRSelectionQuerySerializer(data=data)
    assert not query.is_valid()
    assert query.errors == errors
