"""Per-resource totals (PostgreSQL) always equal the sums over the usages."""

import gzip
import shutil
from decimal import Decimal

import pytest
from django.db import connection

from dsrs.selectors import percentile as selectors
from dsrs.services import dsr_delete, dsr_import

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgresql,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="totals are PostgreSQL's"
    ),
]


def totals() -> dict[int, tuple[int, Decimal]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT resource_id, usages, revenue_eur FROM dsrs_resource_total"
        )
        return {r: (u, e) for r, u, e in cursor.fetchall()}


def sums_from_usages() -> dict[int, tuple[int, Decimal]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT u.resource_id, SUM(u.usages), SUM(u.revenue / d.eur_rate) "
            "FROM dsrs_usage u JOIN dsrs_dsr d ON d.id = u.dsr_id "
            "WHERE d.status = 'ingested' GROUP BY u.resource_id"
        )
        return {r: (u, e) for r, u, e in cursor.fetchall()}


def from_usages(number: int) -> list[tuple]:
    sql, params = selectors.percentile_query(number=number)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def test_kept_through_import_replace_and_delete(imported_samples, samples, tmp_path):
    assert totals() == sums_from_usages()
    assert len(totals()) == 3751
    changed = tmp_path / samples[1].name
    shutil.copy(samples[1], changed)
    with open(changed, "ab") as stream:  # a second gzip member: one more row
        stream.write(gzip.compress(b"NEWRESOURCE\tt\ta\tESAB12000001\t5\t7.25\n"))
    assert dsr_import(path=changed).status == "ingested"
    assert totals() == sums_from_usages()
    dsr_delete(dsr_ids=[imported_samples[2].dsr_id])
    assert totals() == sums_from_usages()
    dsr_delete(dsr_ids=[r.dsr_id for r in imported_samples])
    assert totals() == {}


@pytest.mark.parametrize("number", [1, 10, 50, 100])
def test_answer_equals_the_one_from_usages(imported_samples, monkeypatch, number):
    monkeypatch.setattr(selectors, "_TOTALS_FIRST_LIMIT", 2)  # several rounds
    from_totals = selectors._top_from_totals(number)
    assert from_totals == from_usages(number)
