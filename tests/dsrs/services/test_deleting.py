"""dsr_delete: DSRs go with their usages, row errors and orphaned resources."""

import csv
import gzip

import pytest
from django.db import connection

from dsrs.models import DSR, DSRRowError, Resource, Usage
from dsrs.services import dsr_delete
from dsrs.storage.postgresql.usages import usage_partition_name

pytestmark = pytest.mark.django_db


def dsp_ids(path) -> set[str]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as stream:
        return {row["dsp_id"] for row in csv.DictReader(stream, delimiter="\t")}


def test_deleting_a_sample_keeps_shared_resources(imported_samples, samples):
    gone = imported_samples[0]
    result = dsr_delete(dsr_ids=[gone.import_id])
    kept_ids = set().union(*(dsp_ids(path) for path in samples[1:]))
    only_gone = dsp_ids(samples[0]) - kept_ids
    assert result.orphan_resources == len(only_gone)
    assert [(d.dsr_id, d.usages, d.row_errors) for d in result.dsrs] == [
        (gone.import_id, 1000, 0)
    ]
    assert set(Resource.objects.values_list("dsp_id", flat=True)) == kept_ids
    assert Usage.objects.count() == 3000
    assert not DSR.objects.filter(pk=gone.import_id).exists()


def test_deleting_everything_leaves_nothing(imported_samples):
    DSRRowError.objects.create(dsr_id=imported_samples[0].import_id, line=2, reason="x")
    result = dsr_delete(dsr_ids=[r.import_id for r in imported_samples])
    assert result.orphan_resources == 3751
    assert sum(d.row_errors for d in result.dsrs) == 1
    assert not (
        DSR.objects.exists() or Usage.objects.exists() or Resource.objects.exists()
    )
    assert not DSRRowError.objects.exists()


def test_unknown_ids_are_ignored(imported_samples):
    result = dsr_delete(dsr_ids=[987654])
    assert (result.dsrs, result.orphan_resources) == ([], 0)
    assert Usage.objects.count() == 4000


@pytest.mark.postgresql  # partitions are PostgreSQL's
def test_partition_is_dropped(imported_samples):
    dsr_id = imported_samples[0].import_id
    table = usage_partition_name(dsr_id)
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [table])
        assert cursor.fetchone()[0] == table
        dsr_delete(dsr_ids=[dsr_id])
        cursor.execute("SELECT to_regclass(%s)", [table])
        assert cursor.fetchone()[0] is None


@pytest.mark.postgresql  # fillfactor is PostgreSQL's
@pytest.mark.parametrize(
    "table", ["dsrs_resource", "dsrs_resource_total", "dsrs_isrc_total"]
)
def test_rewritten_tables_leave_room_for_same_page_updates(db, table):
    # A delete rewrites the rows of every resource it restores metadata to,
    # and their totals: free room per page keeps those updates off the indexes.
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = %s", [table])
        assert cursor.fetchone()[0] == ["fillfactor=50"]
