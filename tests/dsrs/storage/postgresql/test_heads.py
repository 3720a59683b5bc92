"""Each head holds exactly the totals at or above its floor, through every write.

With heads sized small (``HEAD_ROWS`` 3) the floors move on the samples:
after each import (and the fold of its per-ISRC sums, which the tests' open
transaction never commits into running), replace, refresh, rebuild and
delete, each head is a copy
of the totals above 0 and at or above its floor, no larger than twice its
target and, when its floor is above 0, no smaller than half of it; and the
unfiltered walks read across the head's end in the answer's order.
"""

from decimal import Decimal

import pytest
from django.db import connection

from common.ingest.status import ImportStatus
from dsrs.models import DSR
from dsrs.services import dsr_delete, dsr_import
from dsrs.services.isrc_sums import isrc_sums_fold_run
from dsrs.storage.postgresql import heads
from dsrs.storage.postgresql.isrc_ranking import isrc_revenue_walk
from dsrs.storage.postgresql.isrc_sums import isrc_sums_rebuild
from tests.dsrs.factories import ResourceFactory, UsageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

TARGET = 3


@pytest.fixture(autouse=True)
def small_heads(monkeypatch):
    monkeypatch.setattr(heads, "HEAD_ROWS", TARGET)
    monkeypatch.setattr(heads, "HEAD_SHARE", 0)


def rows(query: str, params=()) -> list[tuple]:
    """The rows, arrays as tuples (hashable)."""
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return [
            tuple(tuple(v) if isinstance(v, list) else v for v in row)
            for row in cursor.fetchall()
        ]


def assert_heads_hold_their_totals() -> None:
    isrc_sums_fold_run()
    for head in (heads.RESOURCES, heads.ISRCS):
        with connection.cursor() as cursor:
            floor = heads.head_floor(cursor=cursor, head=head)
        kept = set(
            rows(
                f"SELECT {head.columns} FROM {head.totals} "
                "WHERE revenue_eur > 0 AND revenue_eur >= %s",
                [floor],
            )
        )
        held = rows(f"SELECT {head.columns} FROM {head.table}")
        assert set(held) == kept and len(held) == len(kept), head.name
        assert len(held) <= 2 * TARGET, head.name
        if floor > 0:
            assert len(held) >= TARGET // 2, head.name


def test_heads_follow_imports_replaces_refreshes_and_deletes(samples):
    results = [dsr_import(path=path) for path in samples]
    assert all(r.status == ImportStatus.INGESTED for r in results)
    assert_heads_hold_their_totals()
    with connection.cursor() as cursor:
        assert heads.head_floor(cursor=cursor, head=heads.RESOURCES) > 0
        assert heads.head_floor(cursor=cursor, head=heads.ISRCS) > 0

    assert dsr_import(path=samples[0], force=True).status == ImportStatus.INGESTED
    assert_heads_hold_their_totals()

    # A resource the ORM gives the largest revenue of all enters the head.
    dsr = DSR.objects.order_by("eur_rate").first()
    ((largest,),) = rows("SELECT max(revenue_eur) FROM dsrs_resource_total")
    usage = UsageFactory(
        dsr=dsr,
        line=10**6,
        resource=ResourceFactory(),
        revenue=(2 * largest * dsr.eur_rate).quantize(Decimal(1)),
    )
    assert_heads_hold_their_totals()
    assert (usage.resource_id,) in rows(
        f"SELECT resource_id FROM {heads.RESOURCES.table}"
    )

    dsr_delete(dsr_ids=[results[1].import_id])
    assert_heads_hold_their_totals()
    isrc_sums_rebuild()
    assert_heads_hold_their_totals()
    dsr_delete(dsr_ids=list(DSR.objects.values_list("pk", flat=True)))
    assert_heads_hold_their_totals()
    assert rows(f"SELECT count(*) FROM {heads.ISRCS.table}") == [(0,)]


def test_the_unmatched_walk_reads_past_the_head_in_order(samples):
    for path in samples:
        dsr_import(path=path)
    isrc_sums_fold_run()
    expected = sorted(
        rows(
            "SELECT isrc, dsp, dsp_id, reported_isrc, usages, revenue_eur "
            "FROM dsrs_isrc_total"
        ),
        key=lambda row: (-row[5], *(part.encode() for part in row[:4])),
    )
    assert len(expected) > 2 * TARGET
    walked, _ = isrc_revenue_walk(dsr_ids=None, wanted=10**6, keep=lambda x: x)
    assert [tuple(row) for row in walked] == expected


def test_a_head_holding_every_total_closes_before_a_large_dsr(samples):
    with connection.cursor() as cursor:
        assert heads.head_floor(cursor=cursor, head=heads.ISRCS) == 0
        heads.head_brace(cursor=cursor, head=heads.ISRCS, rows=TARGET)
        assert heads.head_floor(cursor=cursor, head=heads.ISRCS) == 0
        heads.head_brace(cursor=cursor, head=heads.ISRCS, rows=TARGET + 1)
        assert heads.head_floor(cursor=cursor, head=heads.ISRCS).is_infinite()
    # Closed, the head takes no row until it is filled afresh.
    assert dsr_import(path=samples[0]).status == ImportStatus.INGESTED
    isrc_sums_fold_run()
    with connection.cursor() as cursor:
        assert heads.head_floor(cursor=cursor, head=heads.ISRCS).is_finite()
    assert_heads_hold_their_totals()
