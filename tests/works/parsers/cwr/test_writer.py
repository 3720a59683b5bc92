"""Writing CWR 2.1 by the layouts; what is written reads back. No database."""

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from works.parsers.cwr import CwrReader
from works.parsers.cwr.writer import ExportParty, ExportWork, cwr_lines

WORK = ExportWork(
    title="Shape of You",
    iswc="T9204649558",
    submitter_work_id="W1",
    titles=[("Shape Of U", "AT")],
    writers=[
        ExportParty(
            last_name="SHEERAN",
            first_name="ED",
            ipi_name_number="00000000199",
            role="CA",
            controlled=True,
            interested_party_number="W1",
            shares=(Decimal("50"), None, None),
        ),
        ExportParty(last_name="Johnny McDaid"),
    ],
    isrcs=["GBAHS1600463"],
)


def test_written_file_reads_back(tmp_path: Path):
    path = tmp_path / "out.V21"
    lines = list(
        cwr_lines(
            sender_id="000000199",
            sender_name="US",
            works=[WORK],
            now=datetime(2026, 1, 2, 3, 4, 5),
        )
    )
    assert [line[:3] for line in lines] == [
        "HDR", "GRH", "NWR", "SWR", "OWR", "ALT", "REC", "GRT", "TRL"
    ]  # fmt: skip
    path.write_text("\r\n".join(lines) + "\r\n")
    reader = CwrReader(path=path, source=None)
    (item,) = list(reader)
    assert reader.warnings == []
    assert item.row.title == "Shape of You"
    assert item.row.iswc == "T9204649558"
    assert [c.name for c in item.row.contributors] == ["ED SHEERAN", "Johnny McDaid"]
    assert item.detail["titles"] == [["Shape Of U", "AT", ""]]
    assert item.detail["recordings"] == [["GBAHS1600463", ""]]
    assert item.detail["parties"][0][8] == "50.00"
