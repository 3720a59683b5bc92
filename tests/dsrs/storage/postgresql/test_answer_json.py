"""PostgreSQL renders and cuts the percentile answer as Python does, byte for byte.

The rule of the cut is ``percentile_cut`` in Python and ``PERCENTILE_CUT_SQL``
in SQL; the JSON is what ``ResourceSerializer`` and ``JSONRenderer`` write.
Both are compared on awkward texts and revenues, and on the samples.
"""

import random
import time
from datetime import date
from decimal import Decimal

import pytest
from django.db import DataError, connection, transaction
from rest_framework.renderers import JSONRenderer

from common.json_stream import json_array_join
from dsrs.models import DSR, Resource, Usage
from dsrs.parsers import REVENUE_DECIMAL_PLACES, REVENUE_MAX_DIGITS
from dsrs.selectors import resource_json_top_percentile, resource_list_top_percentile
from dsrs.serializers import ResourceSerializer
from dsrs.storage import storage
from dsrs.storage.postgresql import answer_json, copy_out
from tests.dsrs.factories import DSRFactory, ResourceFactory, TerritoryFactory
from tests.dsrs.test_serializers import AWKWARD_TEXTS, random_text

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgresql,  # answers rendered by PostgreSQL
]

NUMBERS = [1, 2, 10, 33, 50, 90, 99, 100]
# Revenues whose floats PostgreSQL and Python write differently, or nearly.
# (PostgreSQL also writes 3.4150434573835592e+16 where Python writes the
# equally near 3.415043457383559e+16: the random answers meet such floats.)
EDGE_REVENUES = [
    Decimal("1"),
    Decimal("100"),
    Decimal("0.5"),
    Decimal("1E+14"),
    Decimal("999999999999999.9"),
    Decimal("999999999999999.99999"),
    Decimal("1E+15"),
    Decimal("1234567890123456.7"),
    Decimal("5500000000000000"),
    Decimal("9999999999999998"),
    Decimal("9999999999999999.5"),
    Decimal("1234567890123456"),
    Decimal("3415043457383559.19"),
    Decimal("1.5E-5"),
    Decimal("0.0001"),
    Decimal("1E-31"),
    Decimal("2.220446049250313080847263336181640625E-16"),
]


def json_of_sql(**query) -> bytes:
    pieces = resource_json_top_percentile(**query)
    assert pieces is not None
    return b"".join(json_array_join(pieces=pieces))


def json_of_python(**query) -> bytes:
    resources = resource_list_top_percentile(**query)
    return JSONRenderer().render(ResourceSerializer(resources, many=True).data)


def stored_revenue(rng: random.Random) -> Decimal:
    if rng.random() < 0.3:
        return rng.choice(EDGE_REVENUES)
    digits = rng.randint(1, REVENUE_MAX_DIGITS)
    integer_digits = REVENUE_MAX_DIGITS - REVENUE_DECIMAL_PLACES
    places = rng.randint(max(0, digits - integer_digits), REVENUE_DECIMAL_PLACES)
    return Decimal(rng.randint(0, 10**digits)).scaleb(-places)


def resources_create(rng: random.Random, dsrs: list[DSR], count: int) -> None:
    """``count`` resources with awkward texts, reported by some of ``dsrs``."""
    resources = Resource.objects.bulk_create(
        ResourceFactory.build(
            dsp_id=f"{random_text(rng)[:40]}#{i}".replace("\x00", ""),
            title=random_text(rng).replace("\x00", ""),
            artists=random_text(rng).replace("\x00", ""),
            isrc=rng.choice(["", *AWKWARD_TEXTS]).replace("\x00", ""),
        )
        for i in range(count)
    )
    usages, line = [], 2
    for resource in resources:
        for dsr in rng.sample(dsrs, rng.randint(1, len(dsrs))):
            usages.append(
                Usage(
                    dsr=dsr,
                    line=line,
                    resource=resource,
                    usages=rng.randint(0, 10**6),
                    revenue=stored_revenue(rng),
                )
            )
            line += 1
    Usage.objects.bulk_create(usages)
    storage().sums_refresh(resource_ids=[r.pk for r in resources])


def dsrs_create() -> list[DSR]:
    norway = TerritoryFactory(code_2="NO", code_3="NOR", name="Norway")
    return [
        DSRFactory(),
        DSRFactory(eur_rate=Decimal("11.1234567891")),
        DSRFactory(
            territory=norway,
            eur_rate=Decimal("0.3"),
            period_start=date(2020, 2, 1),
            period_end=date(2020, 2, 29),
        ),
    ]


@pytest.mark.parametrize("seed", range(8))
def test_random_answers_equal_pythons(seed):
    rng = random.Random(seed)
    resources_create(rng, dsrs_create(), rng.randint(1, 400))
    for query in (
        {},
        {"territory": "ES"},
        {"territory": "NO"},
        {"period_end": date(2020, 1, 31)},
    ):
        for number in NUMBERS:
            sql = json_of_sql(number=number, **query)
            assert sql == json_of_python(number=number, **query), (number, query)


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


@pytest.mark.parametrize("query", [{}, {"territory": "NO"}, {"territory": "es"}])
def test_samples_answer_equally(imported_samples, query):
    for number in NUMBERS:
        assert json_of_sql(number=number, **query) == json_of_python(
            number=number, **query
        )


def test_pieces_hold_whole_items_and_reading_stops_early(monkeypatch):
    monkeypatch.setattr(copy_out, "PIECE_BYTES", 1000)
    rng = random.Random(1)
    resources_create(rng, [DSRFactory()], 300)
    pieces = resource_json_top_percentile(number=100)
    first = next(pieces)
    assert first.count(b'"dsp_id"') == first.count(b"},{") + 1
    pieces.close()
    # The copy was stopped and the transaction is usable.
    assert json_of_sql(number=100) == json_of_python(number=100)


def test_a_query_meanwhile_sets_the_rest_of_the_copy_aside(monkeypatch):
    monkeypatch.setattr(copy_out, "PIECE_BYTES", 1000)
    monkeypatch.setattr(copy_out, "SPOOL_MEMORY_BYTES", 2000)
    resources_create(random.Random(2), [DSRFactory()], 300)
    expected = json_of_python(number=100)
    pieces = resource_json_top_percentile(number=100)
    first = next(pieces)
    # Middleware, or the next request of a test client, uses the connection
    # before the response is read: the copy finishes into a file.
    assert DSR.objects.count() == 1
    rest = list(pieces)
    assert len(rest) > copy_out.QUEUE_PIECES + 1
    assert b"".join(json_array_join(pieces=[first, *rest])) == expected


def test_a_wrapper_left_meanwhile_does_not_take_the_copys_place(monkeypatch):
    monkeypatch.setattr(copy_out, "PIECE_BYTES", 1000)
    resources_create(random.Random(3), [DSRFactory()], 300)
    expected = json_of_python(number=100)
    pieces = resource_json_top_percentile(number=100)
    first = next(pieces)
    # An execute_wrapper() context left while the answer streams pops the
    # last wrapper: the copy's own must survive it.
    with connection.execute_wrapper(lambda execute, *args: execute(*args)):
        pass
    assert DSR.objects.count() == 1
    rest = list(pieces)
    assert b"".join(json_array_join(pieces=[first, *rest])) == expected
    assert connection.execute_wrappers == []


def test_a_copy_still_running_is_cancelled_on_close(monkeypatch):
    monkeypatch.setattr(copy_out, "PIECE_BYTES", 10)

    def answer():  # as the selector reads it: in a transaction of its own
        with transaction.atomic():
            yield from copy_out.copy_rows(
                sql="SELECT i, pg_sleep(0.01) FROM generate_series(1, 100000) AS i",
                params={},
            )

    rows = answer()
    assert next(rows).startswith(b"1\t")
    started = time.monotonic()
    rows.close()
    # 100,000 rows of 10 ms each: only a cancel ends it this soon.
    assert time.monotonic() - started < 5
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_an_error_of_the_copy_reaches_the_reader_as_djangos():
    rows = copy_out.copy_rows(
        sql="SELECT 1 / (i - 3) FROM generate_series(1, 5) AS i", params={}
    )
    with pytest.raises(DataError, match="division by zero"):
        list(rows)


def test_a_few_top_rows_are_read_from_a_revenue_floor_not_all(monkeypatch):
    rng = random.Random(4)
    resources_create(rng, [DSRFactory()], 400)
    floors = []
    copy_rows = copy_out.copy_rows

    def recorded(*, sql, params):
        floors.append(params.get("floor"))
        return copy_rows(sql=sql, params=params)

    monkeypatch.setattr(answer_json, "copy_rows", recorded)
    for number in (1, 2, 5, 10):
        assert json_of_sql(number=number) == json_of_python(number=number)
        assert floors[-1] > 0
    assert json_of_sql(number=90) == json_of_python(number=90)
    assert floors[-1] is None


def test_the_setting_turns_sql_rendering_off(settings):
    settings.DSRS_PERCENTILE_JSON_IN_SQL = False
    assert resource_json_top_percentile(number=10) is None
