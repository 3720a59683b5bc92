"""What one transaction says, with values read by hand from the samples; no
database."""

from decimal import Decimal

from works.parsers.cwr import CwrReader

DMP = "CW210001DMP_000.V21"  # django-music-publisher, CWR 2.1


def items(cwr_dir, name):
    return list(CwrReader(path=cwr_dir / name, source=None))


def test_dmp_sample_work_writers_titles(cwr_dir):
    (item,) = items(cwr_dir, DMP)
    row, detail = item.row, item.detail
    assert (row.title, row.iswc, row.provider_id) == (
        "MUSIC PUB CARTOONS",
        "T1234567894",
        "DMP000001",
    )
    assert row.source == "TEST PUBLISHER"
    assert [c.name for c in row.contributors] == ["MATIJA KOLARIC", "ANN OTHER"]
    writers = [p for p in detail["parties"] if p[0] == "SWR"]
    assert [(p[2], p[3], p[4], p[6]) for p in writers] == [
        ("KOLARIC", "MATIJA", "00000000199", "AR"),
        ("OTHER", "ANN", "00000000297", "AD"),
    ]
    assert detail["titles"][0] == ["MPC ACADEMY", "AT", ""]
    assert len(detail["titles"]) == 5
    # The OPU and OWR with blank names are unknown parties: skipped.
    assert [p[0] for p in detail["parties"]] == ["SPU", "SWR", "SWR"]
    assert detail["parties"][0][8:] == ["37.50", "75.00", "75.00"]
    assert detail["shares_over"] == []


def test_v22_recordings_and_performers(cwr_dir):
    first, second = items(cwr_dir, "CW260001SAM_000.V22")
    assert first.detail["recordings"] == [["FRZ039500212", "JE NE SAIS PAS"]]
    assert first.detail["version"] == "2.2"
    performers = [p for p in first.detail["parties"] if p[0] == "PER"]
    assert performers[0][2] == "CELINE DION"
    assert second.detail["shares_over"] == [
        "PR ownership shares add up to 150.00 %, more than 100 %"
    ]


def test_a_broken_transaction_is_one_rejected_row_naming_line_record_field(cwr_dir):
    first, broken, third = items(cwr_dir, "broken_transaction.V21")
    assert broken.row.line == 5
    assert broken.row.reason == (
        "line 6: SWR PR Ownership Share: '5O000' is not numeric"
    )
    assert broken.detail is None
    assert not first.row.reason and not third.row.reason


def test_a_record_type_the_standard_lacks_breaks_its_transaction(cwr_dir):
    broken, good = items(cwr_dir, "unknown_record_type.V21")
    assert broken.row.reason == (
        "line 5: XYZ Record Type: 'XYZ' is not a CWR record type"
    )
    assert good.row.title == "SECOND SONG" and not good.row.reason


def test_untidy_file(cwr_dir):
    nwr, rev = items(cwr_dir, "untidy.V21")
    # Read by its own record type, though the group header says REV.
    assert nwr.detail["transaction_type"] == "NWR"
    assert rev.detail["transaction_type"] == "REV"
    assert [p[0] for p in nwr.detail["parties"]] == ["SWR"]
    assert nwr.detail["parties"][0][8] == "50.00"
    assert rev.row.iswc == "T0101974597"


def test_ack_statuses_and_assigned_iswc(cwr_dir):
    acks = [item.ack for item in items(cwr_dir, "ackexample_short.V21")]
    assert [
        (a["status"], a["submitter_work_id"], a["society_work_id"]) for a in acks
    ] == [
        ("AS", "256599", "250310HN"),
        ("AS", "061758", "250310HP"),
    ]
    assert acks[0]["iswc"] == "T9110536293"
    assert acks[0]["society"] == "PRS FOR MUSIC"
    assert acks[0]["date"] == "20160630"


def test_isw_notifications_are_acks(cwr_dir):
    acks = [item.ack for item in items(cwr_dir, "CW220001052_DMP.V21")]
    assert [a["status"] for a in acks[:5]] == ["AS", "RA", "RA", "NP", "NP"]
    assert acks[0]["society_work_id"] == "123"
    assert [a["iswc"] for a in acks[5:]] == [
        "T3221234234",
        "T1234567893",
        "T1234567894",
    ]


def test_shares_are_decimal_percentages(cwr_dir):
    (item,) = items(cwr_dir, DMP)
    assert Decimal(item.detail["parties"][1][8]) == Decimal("25")


def test_a_short_record_missing_a_required_field_breaks_its_transaction(tmp_path):
    lines = (
        "HDRPB000000199SAMPLE PUBLISHING".ljust(59) + "01.1020260101",
        "NWR0000000000000000A SONG".ljust(81) + "SUB1",
        "SWR0000000000000001W1       SMITH",
        "ALT0000000000000002",
    )
    path = tmp_path / "short.V21"
    path.write_text("\n".join(lines) + "\n")
    (item,) = list(CwrReader(path=path, source=None))
    assert item.row.reason == "line 4: ALT Alternate Title: required field is missing"
    assert item.row.title == "A SONG" and item.row.provider_id == "SUB1"


def test_a_broken_ack_is_kept_with_its_error(tmp_path):
    lines = (
        "HDRSO000000058SACEM".ljust(59) + "01.1020260101",
        "ACK0000000000000000202601O1",
    )
    path = tmp_path / "bad.ACK"
    path.write_text("\n".join(lines) + "\n")
    (item,) = list(CwrReader(path=path, source=None))
    assert item.ack == {
        "error": "line 2: ACK Creation Date: '202601O1' is not a date (YYYYMMDD)"
    }
