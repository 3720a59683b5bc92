"""export: CWR 2.1 written from the works, imported again into the same
works; both databases."""

import pytest
from django.core.management import call_command

from works.models import (
    Acknowledgement,
    Registration,
    ReviewItem,
    SourceRow,
    Work,
    WorkImport,
)
from works.services import work_import
from works.services.exporting import CwrExportError, cwr_export

pytestmark = pytest.mark.django_db


def works_view() -> set:
    return {
        (
            work.iswc,
            work.title,
            frozenset(t.title for t in work.titles.all()),
            frozenset(c.name for c in work.contributors.all()),
        )
        for work in Work.objects.prefetch_related("titles", "contributors")
    }


def forget_everything() -> None:
    for model in (Acknowledgement, Registration, ReviewItem, SourceRow, WorkImport):
        model.objects.all().delete()
    Work.objects.all().delete()


@pytest.mark.parametrize("files", [("CW210001DMP_000.V21", "CW260001SAM_000.V22")])
def test_export_round_trip_gives_identical_works(data_dir, sample, tmp_path, files):
    work_import(path=sample)
    for name in files:
        work_import(path=data_dir / "cwr" / name)
    before = works_view()
    out = tmp_path / "CW260001US_000.V21"
    assert cwr_export(path=out, sender_name="US", sender_id="1", iswcs=None) == 5
    forget_everything()
    result = work_import(path=out)
    assert result.status == "ingested" and result.message == ""
    assert works_view() == before


def test_export_chosen_iswcs_only(data_dir, tmp_path):
    work_import(path=data_dir / "cwr" / "CW260001SAM_000.V22")
    out = tmp_path / "one.V21"
    cwr_export(path=out, sender_name="US", sender_id="1", iswcs=["T-920.464.955-8"])
    lines = out.read_text().splitlines()
    assert [line[:3] for line in lines].count("NWR") == 1
    assert lines[2][19:31] == "SHAPE OF YOU"
    # Shares and the recording of the registration go with it.
    assert [line[:3] for line in lines[2:-2]] == ["NWR", "SPU", "SPU", "SWR", "REC"]


def test_export_refuses_an_invalid_iswc(tmp_path):
    with pytest.raises(CwrExportError, match="'T123' is not a valid ISWC"):
        cwr_export(path=tmp_path / "x", sender_name="US", sender_id="1", iswcs=["T123"])


def test_export_cwr_command(data_dir, tmp_path, capsys):
    work_import(path=data_dir / "cwr" / "CW210001DMP_000.V21")
    out = tmp_path / "all.V21"
    call_command("export_cwr", str(out), "--sender", "US", "--all")
    assert "1 works written" in capsys.readouterr().out
    assert out.read_text().startswith("HDRPB000000000US ")
