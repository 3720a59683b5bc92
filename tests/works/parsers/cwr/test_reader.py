"""Streaming a CWR file into transactions; no database."""

import zipfile

import pytest

from works.parsers import WorksFormatError
from works.parsers.cwr import CwrFile, CwrReader, cwr_is


def test_a_file_is_cwr_by_its_hdr_whatever_its_name(cwr_dir, tmp_path):
    copy = tmp_path / "anything.txt"
    copy.write_bytes((cwr_dir / "CW210001DMP_000.V21").read_bytes())
    assert cwr_is(path=copy)
    assert not cwr_is(path=cwr_dir.parent / "lf.csv")


def test_a_zipped_cwr_file_is_read(cwr_dir, tmp_path):
    archive = tmp_path / "CW210001DMP_000.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(cwr_dir / "CW210001DMP_000.V21", "CW210001DMP_000.V21")
    assert cwr_is(path=archive)
    rows = [item.row for item in CwrReader(path=archive, source=None)]
    assert [row.title for row in rows] == ["MUSIC PUB CARTOONS"]


def test_header_sender_and_version(cwr_dir):
    file = CwrFile(path=cwr_dir / "CW210001DMP_000.V21")
    transactions = list(file)
    assert file.header.sender_id == "000000020"  # text, zeros kept
    assert file.header.sender_name == "TEST PUBLISHER"
    assert file.header.version == "2.1"
    assert [t.record_type for t in transactions] == ["NWR"]
    assert len(transactions[0].records) == 20
    assert file.warnings == []
    version = CwrFile(path=cwr_dir / "CW260001SAM_000.V22")
    list(version)
    assert version.header.version == "2.2"


def test_an_ack_holds_the_work_record_that_follows_it(cwr_dir):
    transactions = list(CwrFile(path=cwr_dir / "ackexample_short.V21"))
    assert [t.record_type for t in transactions] == ["ACK", "ACK"]
    assert [text[:3] for _, text in transactions[0].records][:3] == [
        "ACK",
        "MSG",
        "NWR",
    ]


def test_control_counts_that_differ_are_warnings_naming_both(cwr_dir):
    file = CwrFile(path=cwr_dir / "CW220001052_DMP.V21")
    assert len(list(file)) == 8
    assert "GRT line 8: transaction count says 50, the file has 5" in file.warnings
    assert "TRL line 14: group count says 1, the file has 2" in file.warnings


def test_strict_makes_a_count_mismatch_fail_the_file(cwr_dir):
    with pytest.raises(WorksFormatError, match="transaction count says 3"):
        list(CwrFile(path=cwr_dir / "untidy.V21", strict=True))


def test_a_file_without_hdr_is_not_cwr(tmp_path):
    path = tmp_path / "x.V21"
    path.write_text("GRHNWR0000102.10\n")
    with pytest.raises(WorksFormatError, match="expected an HDR record"):
        list(CwrFile(path=path))


def test_cwr_3_is_refused_naming_the_version(tmp_path):
    path = tmp_path / "CW260001ABC_0000_V3-0-0.SUB"
    # CWR 3.0 moved the HDR's fields: a date stands where 2.x has "01.10".
    path.write_text("HDRPB000000199SAMPLE PUBLISHING".ljust(59) + "20260101\n")
    with pytest.raises(WorksFormatError, match=r"only CWR 2\.1 and 2\.2"):
        list(CwrFile(path=path))


def test_an_hdr_missing_a_required_field_fails_the_file(tmp_path):
    path = tmp_path / "x.V21"
    path.write_text("HDRPB000000199\n")
    with pytest.raises(WorksFormatError, match="line 1: HDR Sender Name"):
        list(CwrFile(path=path))
