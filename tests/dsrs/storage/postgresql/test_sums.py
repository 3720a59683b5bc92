"""Per-resource totals and the per-DSR rollup (PostgreSQL) equal the usages' sums."""

import gzip
import shutil
from decimal import Decimal

import pytest
from django.db import connection

from dsrs.services import dsr_delete, dsr_import
from dsrs.storage.postgresql import sums

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgresql,  # the stored totals are PostgreSQL's
]


def totals() -> dict[int, tuple[int, Decimal, list[int]]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT resource_id, usages, revenue_eur, dsrs FROM dsrs_resource_total"
        )
        return {r: (u, e, d) for r, u, e, d in cursor.fetchall()}


def sums_from_usages() -> dict[int, tuple[int, Decimal, list[int]]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT u.resource_id, SUM(u.usages), SUM(u.revenue / d.eur_rate), "
            "array_agg(DISTINCT u.dsr_id ORDER BY u.dsr_id) "
            "FROM dsrs_usage u JOIN dsrs_dsr d ON d.id = u.dsr_id "
            "WHERE d.status = 'ingested' GROUP BY u.resource_id"
        )
        return {r: (u, e, d) for r, u, e, d in cursor.fetchall()}


def rollup() -> dict[tuple[int, int], tuple[str, int, Decimal]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT dsr_id, resource_id, dsp_id, usages, revenue_eur "
            "FROM dsrs_resource_dsr_total"
        )
        return {(d, r): (p, u, e) for d, r, p, u, e in cursor.fetchall()}


def rollup_from_usages() -> dict[tuple[int, int], tuple[str, int, Decimal]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT u.dsr_id, u.resource_id, r.dsp_id, SUM(u.usages), "
            "SUM(u.revenue / d.eur_rate) "
            "FROM dsrs_usage u JOIN dsrs_dsr d ON d.id = u.dsr_id "
            "JOIN dsrs_resource r ON r.id = u.resource_id "
            "WHERE d.status = 'ingested' GROUP BY u.dsr_id, u.resource_id, r.dsp_id"
        )
        return {(d, r): (p, u, e) for d, r, p, u, e in cursor.fetchall()}


def assert_kept():
    assert totals() == sums_from_usages()
    assert rollup() == rollup_from_usages()


def test_kept_through_import_replace_and_delete(imported_samples, samples, tmp_path):
    assert_kept()
    assert len(totals()) == 3751
    changed = tmp_path / samples[1].name
    shutil.copy(samples[1], changed)
    with open(changed, "ab") as stream:  # a second gzip member: one more row
        stream.write(gzip.compress(b"NEWRESOURCE\tt\ta\tESAB12000001\t5\t7.25\n"))
    assert dsr_import(path=changed).status == "ingested"
    assert_kept()
    dsr_delete(dsr_ids=[imported_samples[2].import_id])
    assert_kept()
    dsr_delete(dsr_ids=[r.import_id for r in imported_samples])
    assert totals() == {}
    assert rollup() == {}


@pytest.mark.parametrize("remove_max", [32, 1])
def test_kept_when_several_dsrs_go_at_once(imported_samples, monkeypatch, remove_max):
    # Both ways of taking the ids out of the lists: nested array_remove, and
    # the subquery past _ARRAY_REMOVE_MAX DSRs.
    monkeypatch.setattr(sums, "_ARRAY_REMOVE_MAX", remove_max)
    dsr_delete(dsr_ids=[imported_samples[0].import_id, imported_samples[3].import_id])
    assert_kept()
    assert totals()


def test_replacing_a_dsr_under_its_id_keeps_its_place_in_the_lists(
    imported_samples, samples
):
    first = imported_samples[0].import_id
    assert dsr_import(path=samples[0], force=True).import_id == first
    assert_kept()
    assert any(len(dsrs) > 1 and dsrs[0] == first for *_, dsrs in totals().values())
