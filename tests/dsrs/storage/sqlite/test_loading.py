"""SQLite's load: indexes built after a large load, the page cache put back."""

import pytest
from django.db import connection

from dsrs.models import DSR
from dsrs.services import dsr_import
from dsrs.storage.sqlite import loading

pytestmark = pytest.mark.sqlite  # the SQLite backend's load

_INDEXES_SQL = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
    "AND tbl_name = 'dsrs_usage' ORDER BY name"
)


def usage_indexes() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(_INDEXES_SQL)
        return cursor.fetchall()


def test_indexes_built_after_are_the_same_indexes(db, samples, monkeypatch):
    built = []
    indexes_after = loading.Staging.indexes_after

    def recorded(staging):
        built.append(indexes_after(staging))
        return built[-1]

    monkeypatch.setattr(loading.Staging, "indexes_after", recorded)
    before = usage_indexes()
    for path in samples:
        assert dsr_import(path=path).status == "ingested"
    # The first DSR fills an empty table; a later one smaller than the table
    # goes into the indexes row by row.
    assert built[0] is True
    assert False in built
    assert usage_indexes() == before
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA integrity_check")
        assert cursor.fetchall() == [("ok",)]


def test_indexes_after_a_replace_and_a_failure(db, data_dir):
    before = usage_indexes()
    jan = data_dir / "Test_MetaJan_ES_EUR_20200101-20200131.tsv"
    assert dsr_import(path=jan).status == "ingested"
    assert dsr_import(path=jan, force=True).status == "ingested"
    assert DSR.objects.get().rows_imported > 0
    truncated = data_dir / "Test_Truncated_ES_EUR_20200101-20200131.tsv.gz"
    assert dsr_import(path=truncated).status == "failed"
    assert usage_indexes() == before


def test_page_cache_comes_back_after_the_import(db, data_dir):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size = -1000")
        dsr_import(path=data_dir / "Test_Lf_ES_EUR_20200101-20200131.tsv")
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == -1000


def test_a_load_failing_after_the_indexes_are_dropped_keeps_them(
    db, data_dir, monkeypatch
):
    before = usage_indexes()
    drop = loading.Staging.indexes_drop

    def drop_then_fail(staging):
        drop(staging)
        assert usage_indexes() != before
        raise RuntimeError("the load failed")

    monkeypatch.setattr(loading.Staging, "indexes_drop", drop_then_fail)
    with pytest.raises(RuntimeError):
        dsr_import(path=data_dir / "Test_Lf_ES_EUR_20200101-20200131.tsv")
    assert usage_indexes() == before
    assert not DSR.objects.exists()
