"""Resource metadata stays that of the latest DSR reporting it (issue 11, item 5).

``Test_MetaJan`` reports RES1 as "Old title", ``Test_MetaFeb`` (a later
period) as "New title"; after Feb goes, or stops reporting RES1, RES1 shows
Jan's metadata again.
"""

import shutil

import pytest
from django.db import connection

from dsrs.models import DSR, Resource
from dsrs.services import dsr_delete, dsr_import
from dsrs.services.loading import WARN_METADATA_CONFLICTS

pytestmark = pytest.mark.django_db

JAN = "Test_MetaJan_ES_EUR_20200101-20200131.tsv"
FEB = "Test_MetaFeb_ES_EUR_20200201-20200229.tsv"
OLD = ("Old title", "Old artist", "ESAB12000001")
NEW = ("New title", "New artist", "ESAB12000009")


def res1() -> tuple:
    resource = Resource.objects.get(dsp_id="RES1")
    return (resource.title, resource.artists, resource.isrc)


def test_the_later_period_wins_whatever_the_import_order(data_dir):
    dsr_import(path=data_dir / FEB)
    dsr_import(path=data_dir / JAN)
    assert res1() == NEW


def test_deleting_the_latest_dsr_restores_the_earlier_metadata(data_dir):
    dsr_import(path=data_dir / JAN)
    feb = dsr_import(path=data_dir / FEB)
    assert res1() == NEW
    dsr_delete(dsr_ids=[feb.import_id])
    assert res1() == OLD
    assert sorted(Resource.objects.values_list("dsp_id", flat=True)) == [
        "RES1",
        "RES2",
    ]


def test_a_replace_that_drops_a_resource_restores_the_earlier_metadata(
    data_dir, tmp_path
):
    dsr_import(path=data_dir / JAN)
    feb = tmp_path / FEB
    shutil.copy(data_dir / FEB, feb)
    dsr_import(path=feb)
    feb.write_text("dsp_id\tusages\trevenue\nRES3\t1\t1\n")
    assert dsr_import(path=feb).status == "ingested"
    assert res1() == OLD


def test_an_earlier_dsr_imported_later_fixes_nothing_it_should_not(data_dir):
    dsr_import(path=data_dir / JAN)
    feb = dsr_import(path=data_dir / FEB)
    dsr_delete(dsr_ids=[feb.import_id])
    again = dsr_import(path=data_dir / FEB)
    assert again.status == "ingested"
    assert res1() == NEW


DUP = "Test_MetaDup_ES_EUR_20200201-20200229.tsv"
MAR = "Test_MetaMar_ES_EUR_20200301-20200331.tsv"
DUP_LAST = ("Dup last", "Dup artist", "ESAB12000011")


def test_a_delete_restores_from_the_latest_remaining_dsr_by_the_import_rule(
    data_dir,
):
    # Feb and Dup share a period end: Dup, imported later, wins, with its
    # last line for RES1; Jan is older than both.
    for name in (JAN, FEB, DUP):
        dsr_import(path=data_dir / name)
    mar = dsr_import(path=data_dir / MAR)
    assert res1()[0] == "March title"
    dsr_delete(dsr_ids=[mar.import_id])
    assert res1() == DUP_LAST


def test_deleting_several_dsrs_restores_from_the_one_left(data_dir):
    dsr_import(path=data_dir / JAN)
    feb = dsr_import(path=data_dir / FEB)
    dup = dsr_import(path=data_dir / DUP)
    mar = dsr_import(path=data_dir / MAR)
    dsr_delete(dsr_ids=[mar.import_id, dup.import_id])
    assert res1() == NEW
    dsr_delete(dsr_ids=[feb.import_id])
    assert res1() == OLD


APR = "Test_MetaApr_ES_EUR_20200401-20200430.tsv"  # RES1 as Jan reports it


def test_a_later_dsr_with_unchanged_metadata_still_outranks_an_earlier_one(
    data_dir,
):
    # Apr reports what Jan stored, so it writes nothing; Feb, imported after
    # it, is still older than Apr and must not take RES1 over.
    dsr_import(path=data_dir / JAN)
    apr = dsr_import(path=data_dir / APR)
    dsr_import(path=data_dir / FEB)
    assert res1() == OLD
    dsr_delete(dsr_ids=[apr.import_id])
    assert res1() == NEW


def test_deleting_an_earlier_dsr_keeps_the_later_metadata(data_dir):
    jan = dsr_import(path=data_dir / JAN)
    dsr_import(path=data_dir / FEB)
    dsr_delete(dsr_ids=[jan.import_id])
    assert res1() == NEW


def resource_row_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT ctid::text FROM dsrs_resource WHERE dsp_id = 'RES1'")
        return cursor.fetchone()[0]


@pytest.mark.postgresql  # row versions (ctid) are PostgreSQL's
def test_a_month_reporting_the_stored_metadata_writes_no_resource_row(data_dir):
    dsr_import(path=data_dir / JAN)
    version = resource_row_version()
    apr = dsr_import(path=data_dir / APR)
    assert resource_row_version() == version
    dsr_delete(dsr_ids=[apr.import_id])
    assert resource_row_version() == version


def conflicts(result) -> int:
    warnings = DSR.objects.get(pk=result.import_id).warnings
    return warnings.get(WARN_METADATA_CONFLICTS, 0)


def test_conflicts_count_resources_reported_with_other_metadata(data_dir):
    # Counted whether the new file's metadata wins (Feb after Jan) or not
    # (Feb after Apr), and not for a file that reports what is stored.
    assert conflicts(dsr_import(path=data_dir / JAN)) == 0
    assert conflicts(dsr_import(path=data_dir / APR)) == 0
    assert conflicts(dsr_import(path=data_dir / FEB)) == 1
    assert res1() == OLD
    assert conflicts(dsr_import(path=data_dir / MAR)) == 1
    assert res1() == OLD  # April is still the latest
