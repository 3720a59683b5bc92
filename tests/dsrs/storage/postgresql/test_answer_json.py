"""PostgreSQL renders and cuts the percentile answer as Python does, byte for byte.

Here the edge cases: ties in byte order, the floats of edge revenues, empty
answers, the revenue floor, the setting. The same bytes on random answers
and on every file: ``tests/dsrs/test_serializers_twins.py``; the cut alone:
``tests/dsrs/rules/test_percentile_twins.py``.
"""

import random
from decimal import Decimal

import pytest
from django.db import connection
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dsrs.models import Resource, Usage
from dsrs.selectors import resource_json_top_percentile
from dsrs.storage import storage
from dsrs.storage.postgresql import answer_json, copy_out, walk
from tests.dsrs.conftest import json_of_python, json_of_sql
from tests.dsrs.factories import (
    EDGE_REVENUES,
    DSRFactory,
    ResourceFactory,
    resources_create,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgresql,  # answers rendered by PostgreSQL
]


def test_equal_revenues_are_cut_by_dsp_id_in_byte_order():
    dsr = DSRFactory()
    resources = Resource.objects.bulk_create(
        ResourceFactory.build(dsp_id=dsp_id) for dsp_id in ["b", "B", "a", "É", "0"]
    )
    Usage.objects.bulk_create(
        Usage(dsr=dsr, line=i + 2, resource=r, usages=1, revenue=Decimal(1))
        for i, r in enumerate(resources)
    )
    storage().sums_refresh(resource_ids=[r.pk for r in resources])
    for number in range(1, 101):
        assert json_of_sql(number=number) == json_of_python(number=number)
    assert b'"dsp_id":"0"' in json_of_sql(number=1)


def test_each_edge_revenue_is_written_as_python_writes_its_float():
    dsr = DSRFactory()
    resources = Resource.objects.bulk_create(
        ResourceFactory.build() for _ in EDGE_REVENUES
    )
    Usage.objects.bulk_create(
        Usage(dsr=dsr, line=i + 2, resource=r, usages=1, revenue=revenue)
        for i, (r, revenue) in enumerate(zip(resources, EDGE_REVENUES, strict=True))
    )
    storage().sums_refresh(resource_ids=[r.pk for r in resources])
    body = json_of_sql(number=100)
    assert body == json_of_python(number=100)
    assert b'"revenue":1234567890123456.8,' in body
    assert b'"revenue":100.0,' in body
    assert b'"revenue":3415043457383559.0,' in body


def test_no_revenue_is_an_empty_answer():
    DSRFactory()
    assert json_of_sql(number=50) == b"[]"
    assert json_of_sql(number=100, territory="FR") == b"[]"


def test_a_few_top_rows_are_read_from_a_revenue_floor_not_all(monkeypatch):
    rng = random.Random(4)
    resources_create(rng, [DSRFactory()], 400)
    floors = []
    copy_rows = copy_out.copy_rows

    def recorded(*, sql, params):
        floors.append(params.get("floor"))
        return copy_rows(sql=sql, params=params)

    monkeypatch.setattr(answer_json, "copy_rows", recorded)
    # Answers too large to walk to (test_walk.py has the walk).
    monkeypatch.setattr(walk, "WALK_ROWS", 0)
    monkeypatch.setattr(walk, "WALK_SHARE", 0)
    for number in (1, 2, 5, 10):
        assert json_of_sql(number=number) == json_of_python(number=number)
        assert floors[-1] > 0
    assert json_of_sql(number=90) == json_of_python(number=90)
    assert floors[-1] is None


def test_the_setting_turns_sql_rendering_off(settings):
    settings.DSRS_PERCENTILE_JSON_IN_SQL = False
    assert resource_json_top_percentile(number=10) is None


# Floats where the two writers differ, or could: whole numbers, exponents on
# either side, the thresholds, and floats two shortest texts are equally
# near (2**49 + 0.25: ...12.2 and ...12.3; both take the even digit).
FLOAT_EDGES = [
    0.0,
    1.0,
    100.0,
    0.0001,
    0.00009999999999999999,
    1e-05,
    999999999999999.9,
    1e15,
    2.0**19 + 2.0**-11,
    2.0**47 + 0.125,
    2.0**49 + 0.25,
    2.0**50 + 0.25,
    2.0**53 + 2,
    1234567890123456.8,
    9999999999999998.0,
    1e16,
    1e22,
    5e-324,
    1.7976931348623157e308,
]


def sql_float_texts(values: list[float]) -> list[bytes]:
    """``FLOAT_SQL`` of each value, as the answer's rows hold it, written."""
    with connection.cursor() as cursor:
        cursor.execute("SET extra_float_digits = 1")
        cursor.execute(
            f"SELECT {answer_json.FLOAT_SQL} "
            "FROM unnest(%s::numeric[]) WITH ORDINALITY AS s (revenue_eur, n) "
            "ORDER BY n",
            [[Decimal(value) for value in values]],
        )
        texts = [text.encode() for (text,) in cursor.fetchall()]
        cursor.execute("RESET extra_float_digits")
    return [answer_json.floats_written(text) for text in texts]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.lists(
        st.floats(min_value=0, allow_nan=False, allow_infinity=False),
        min_size=1,
        max_size=50,
    )
)
@example(FLOAT_EDGES)
def test_float_sql_writes_each_float_as_python_writes_it(twin_inputs, values):
    # The rule: Python's repr of the float; its twin: PostgreSQL's shortest
    # text, marked where the two may differ and then written by Python.
    assert sql_float_texts(values) == [repr(value).encode() for value in values]
    twin_inputs["dsrs percentile JSON: FLOAT_SQL == float.__repr__"] += len(values)


def test_float_sql_takes_the_even_digit_between_two_equally_near_texts(twin_inputs):
    # 2**e + k * 2**-j: halfway between two texts of the fewest digits that
    # read back, for the e and j where the float holds 2**-j exactly.
    values = [
        2.0**e + k * 2.0**-j
        for e in range(53)
        for j in range(1, 60)
        for k in (1, 3)
        if e - 52 <= -j
    ]
    assert sql_float_texts(values) == [repr(value).encode() for value in values]
    twin_inputs["dsrs percentile JSON: FLOAT_SQL == float.__repr__"] += len(values)


def test_floats_outside_the_shared_range_are_marked_for_python():
    with connection.cursor() as cursor:
        cursor.execute("SET extra_float_digits = 1")
        cursor.execute(
            f"SELECT {answer_json.FLOAT_SQL} FROM unnest(%s::numeric[]) "
            "AS s (revenue_eur)",
            [[Decimal("0.5"), Decimal(100), Decimal("1E-5"), Decimal("1E+15")]],
        )
        texts = [text for (text,) in cursor.fetchall()]
        cursor.execute("RESET extra_float_digits")
    assert texts == ["0.5", "\x01100\x01", "\x011e-05\x01", "\x011e+15\x01"]
