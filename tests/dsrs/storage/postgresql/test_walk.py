"""The walk to the cut keeps as many top rows as ``percentile_cut`` does.

``top_rows_walk`` runs ``PERCENTILE_CUT_SQL`` down the totals' head from the
top; ``percentile_cut`` runs on the same stored totals, ranked in Python.
Both on edge revenues (ties at the cut, zeros, one resource, nothing) and
random ones, for each of ``NUMBERS``; then the answers through the walk
against those made without it, unfiltered and filtered, and the per-DSR
totals the walk starts from through imports, replaces and deletes.
"""

import json
import random
from decimal import Decimal

import pytest
from django.db import connection

from dsrs.models import Resource, Usage
from dsrs.rules.percentile import exact_sum, percentile_cut
from dsrs.selectors import resource_list_top_percentile
from dsrs.services import dsr_delete, dsr_import
from dsrs.storage import storage
from dsrs.storage.postgresql import heads, walk
from dsrs.storage.postgresql.rollup_totals import revenue_total
from tests.dsrs.conftest import json_of_python, json_of_sql
from tests.dsrs.factories import (
    EDGE_REVENUES,
    DSRFactory,
    ResourceFactory,
    dsrs_create,
    resources_create,
)

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

NUMBERS = [1, 2, 10, 25, 26, 33, 50, 75, 90, 99]

RNG = random.Random(30)
EDGES = [
    [],
    [Decimal(0)],
    [Decimal(0), Decimal(0)],
    [Decimal(5)],
    [Decimal(1)] * 4,  # ties at every cut
    [Decimal(3), Decimal(1), Decimal(1), Decimal(1)],
    [Decimal(2), Decimal(1), Decimal(0), Decimal(1), Decimal(0)],
    [Decimal("0.5"), Decimal("0.5")],
    EDGE_REVENUES,
    [Decimal(RNG.randint(0, 10**6)).scaleb(-RNG.randint(0, 31)) for _ in range(60)],
    [Decimal(RNG.choice([0, 1, 2, 7])) for _ in range(40)],
]


def stored(revenues: list[Decimal]) -> None:
    """One DSR reporting a resource per revenue; their sums kept."""
    dsr = DSRFactory()
    resources = Resource.objects.bulk_create(
        ResourceFactory.build(dsp_id=f"r{i % 3}{i}") for i in range(len(revenues))
    )
    Usage.objects.bulk_create(
        Usage(dsr=dsr, line=i + 2, resource=r, usages=1, revenue=revenue)
        for i, (r, revenue) in enumerate(zip(resources, revenues, strict=True))
    )
    storage().sums_refresh(resource_ids=[r.pk for r in resources])


def rows_by_rule(number: int) -> int:
    """The rows ``percentile_cut`` keeps of the stored totals."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT revenue_eur, dsp_id FROM dsrs_resource_total")
        totals = cursor.fetchall()
    ranked = sorted(totals, key=lambda row: (-row[0], row[1].encode()))
    total = exact_sum(revenue for revenue, _ in ranked)
    return len(list(percentile_cut(ranked=ranked, total=total, number=number)))


def rows_by_walk(number: int) -> int:
    """The rows the walk keeps: as many as it counts, or every row."""
    with connection.cursor() as cursor:
        walked = walk.top_rows_walk(cursor=cursor, number=number)
        cursor.execute("SELECT COUNT(*) FROM dsrs_resource_total")
        (count,) = cursor.fetchone()
    assert walked is not None
    total, rows = walked
    return 0 if total is None else min(rows, count)


@pytest.mark.parametrize("revenues", EDGES, ids=range(len(EDGES)))
def test_walk_keeps_the_rows_the_rule_keeps(revenues):
    stored(revenues)
    for number in NUMBERS:
        assert rows_by_walk(number) == rows_by_rule(number), number


def test_walk_gives_up_past_its_rows(monkeypatch):
    stored([Decimal(1)] * 10)
    monkeypatch.setattr(walk, "WALK_ROWS", 4)
    monkeypatch.setattr(walk, "WALK_SHARE", 0)
    with connection.cursor() as cursor:
        assert walk.top_rows_walk(cursor=cursor, number=50) is None
        assert walk.top_rows_walk(cursor=cursor, number=30) == (Decimal(10), 3)
    # Every row in the answer, fewer than WALK_ROWS: all of them.
    monkeypatch.setattr(walk, "WALK_ROWS", 11)
    with connection.cursor() as cursor:
        assert walk.top_rows_walk(cursor=cursor, number=99) == (Decimal(10), 10)


@pytest.mark.parametrize("head_rows", [heads.HEAD_ROWS, 5])
@pytest.mark.parametrize("seed", [1, 2])
def test_answers_through_the_walk_equal_those_without(monkeypatch, seed, head_rows):
    # A small head ends before the cut of the larger answers: the walk gives up.
    monkeypatch.setattr(heads, "HEAD_ROWS", head_rows)
    dsrs = dsrs_create()
    resources_create(random.Random(seed), dsrs, 120)
    filters = [{}, {"territory": "NO"}, {"territory": "ES"}]
    numbers = [1, 10, 50, 90, 100]
    walked = {
        (n, tuple(f.items())): (
            resource_list_top_percentile(number=n, **f),
            json_of_sql(number=n, **f),
        )
        for n in numbers
        for f in filters
    }
    monkeypatch.setattr(walk, "WALK_ROWS", 0)
    monkeypatch.setattr(walk, "WALK_SHARE", 0)
    for (number, items), (answer, body) in walked.items():
        query = dict(items)
        assert answer == resource_list_top_percentile(number=number, **query)
        assert body == json_of_sql(number=number, **query)
        assert body == json_of_python(number=number, **query)


def test_walked_answers_are_read_from_the_head(samples):
    for path in samples:
        dsr_import(path=path)
    before = (resource_list_top_percentile(number=10), json_of_sql(number=10))
    assert before[0]
    # A mark only the head carries: both renderings of the answer show it.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {heads.RESOURCES.table} SET usages = usages + 1000000000"
        )
    after = (resource_list_top_percentile(number=10), json_of_sql(number=10))
    assert [r.usages - 10**9 for r in after[0]] == [r.usages for r in before[0]]
    marked = [item["usages"] - 10**9 for item in json.loads(after[1])]
    assert marked == [item["usages"] for item in json.loads(before[1])]


def totals_agree() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT SUM(revenue_eur) FROM dsrs_resource_total")
        return revenue_total() == cursor.fetchone()[0]


def test_the_total_follows_imports_replaces_and_deletes(samples):
    assert revenue_total() is None
    results = [dsr_import(path=path) for path in samples]
    assert revenue_total() > 0 and totals_agree()
    assert dsr_import(path=samples[0], force=True).status == "ingested"
    assert totals_agree()
    dsr_delete(dsr_ids=[results[1].import_id])
    assert totals_agree()
    dsr_delete(dsr_ids=[r.import_id for r in results])
    assert revenue_total() is None
