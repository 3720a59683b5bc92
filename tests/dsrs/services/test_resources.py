"""Resource metadata stays that of the latest DSR reporting it (issue 11, item 5).

``Test_MetaJan`` reports RES1 as "Old title", ``Test_MetaFeb`` (a later
period) as "New title"; after Feb goes, or stops reporting RES1, RES1 shows
Jan's metadata again.
"""

import datetime
import shutil

import pytest

from dsrs.models import Resource
from dsrs.services import dsr_delete, dsr_import

pytestmark = pytest.mark.django_db

JAN = "Test_MetaJan_ES_EUR_20200101-20200131.tsv"
FEB = "Test_MetaFeb_ES_EUR_20200201-20200229.tsv"
OLD = ("Old title", "Old artist", "ESAB12000001", datetime.date(2020, 1, 31))
NEW = ("New title", "New artist", "ESAB12000009", datetime.date(2020, 2, 29))


def res1() -> tuple:
    resource = Resource.objects.get(dsp_id="RES1")
    return (
        resource.title,
        resource.artists,
        resource.isrc,
        resource.metadata_period_end,
    )


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
DUP_LAST = ("Dup last", "Dup artist", "ESAB12000011", datetime.date(2020, 2, 29))


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
