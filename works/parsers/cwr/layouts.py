"""CWR record layouts, one table per version, in the standard's own names.

CISAC Common Works Registration 2.1 (revision 7) and 2.2 (revision 2): every
record is fixed-width ASCII, typed by its first three characters. A field is
``(name, start, length, type, required)`` with ``start`` 1-based, as the
user manual prints it; the parser (``records.record_parse``) and the writer
(``records.record_format``) both read this table and nothing else. 2.2 is 2.1
with fields appended at the end of some records, so a 2.1 reader reads a 2.2
file and a short 2.2 record reads as 2.1.

Types: ``A`` text, ``N`` digits, ``D`` date YYYYMMDD, ``T`` time HHMMSS,
``F`` flag (Y, N, U or blank), ``L`` a code from a CISAC table, ``P`` a
share: five digits, three before the implied decimal point (``05000`` is
50.00 %).
"""

from typing import NamedTuple


class Field(NamedTuple):
    name: str
    start: int
    length: int
    type: str = "A"
    required: bool = False

    @property
    def end(self) -> int:
        """The 0-based index just past the field."""
        return self.start - 1 + self.length


_PREFIX = (
    Field("Record Type", 1, 3, "A", True),
    Field("Transaction Sequence #", 4, 8, "N", True),
    Field("Record Sequence #", 12, 8, "N", True),
)


def _record(*fields: Field) -> tuple[Field, ...]:
    return (*_PREFIX, *fields)


_WORK = _record(
    Field("Work Title", 20, 60, "A", True),
    Field("Language Code", 80, 2, "L"),
    Field("Submitter Work #", 82, 14),
    Field("ISWC", 96, 11),
    Field("Copyright Date", 107, 8, "D"),
    Field("Copyright Number", 115, 12),
    Field("Musical Work Distribution Category", 127, 3, "L"),
    Field("Duration", 130, 6, "T"),
    Field("Recorded Indicator", 136, 1, "F"),
    Field("Text Music Relationship", 137, 3, "L"),
    Field("Composite Type", 140, 3, "L"),
    Field("Version Type", 143, 3, "L"),
    Field("Excerpt Type", 146, 3, "L"),
    Field("Music Arrangement", 149, 3, "L"),
    Field("Lyric Adaptation", 152, 3, "L"),
    Field("Contact Name", 155, 30),
    Field("Contact ID", 185, 10),
    Field("CWR Work Type", 195, 2, "L"),
    Field("Grand Rights Ind", 197, 1, "F"),
    Field("Composite Component Count", 198, 3, "N"),
    Field("Date of Publication of Printed Edition", 201, 8, "D"),
    Field("Exceptional Clause", 209, 1, "F"),
    Field("Opus Number", 210, 25),
    Field("Catalogue Number", 235, 25),
    Field("Priority Flag", 260, 1, "F"),
)

_PUBLISHER = _record(
    Field("Publisher Sequence #", 20, 2, "N"),
    Field("Interested Party #", 22, 9),
    Field("Publisher Name", 31, 45),
    Field("Publisher Unknown Indicator", 76, 1, "F"),
    Field("Publisher Type", 77, 2, "L"),
    Field("Tax ID #", 79, 9),
    Field("Publisher IPI Name #", 88, 11),
    Field("Submitter Agreement Number", 99, 14),
    Field("PR Affiliation Society #", 113, 3, "L"),
    Field("PR Ownership Share", 116, 5, "P"),
    Field("MR Society", 121, 3, "L"),
    Field("MR Ownership Share", 124, 5, "P"),
    Field("SR Society", 129, 3, "L"),
    Field("SR Ownership Share", 132, 5, "P"),
    Field("Special Agreements Indicator", 137, 1, "L"),
    Field("First Recording Refusal Ind", 138, 1, "F"),
    Field("Filler", 139, 1),
    Field("Publisher IPI Base Number", 140, 13),
    Field("International Standard Agreement Code", 153, 14),
    Field("Society-assigned Agreement Number", 167, 14),
    Field("Agreement Type", 181, 2, "L"),
    Field("USA License Ind", 183, 1, "L"),
)

_WRITER = _record(
    Field("Interested Party #", 20, 9),
    Field("Writer Last Name", 29, 45),
    Field("Writer First Name", 74, 30),
    Field("Writer Unknown Indicator", 104, 1, "F"),
    Field("Writer Designation Code", 105, 2, "L"),
    Field("Tax ID #", 107, 9),
    Field("Writer IPI Name #", 116, 11),
    Field("PR Affiliation Society #", 127, 3, "L"),
    Field("PR Ownership Share", 130, 5, "P"),
    Field("MR Society", 135, 3, "L"),
    Field("MR Ownership Share", 138, 5, "P"),
    Field("SR Society", 143, 3, "L"),
    Field("SR Ownership Share", 146, 5, "P"),
    Field("Reversionary Indicator", 151, 1, "F"),
    Field("First Recording Refusal Ind", 152, 1, "F"),
    Field("Work For Hire Indicator", 153, 1, "F"),
    Field("Filler", 154, 1),
    Field("Writer IPI Base Number", 155, 13),
    Field("Personal Number", 168, 12),
)

_RECORDING = _record(
    Field("First Release Date", 20, 8, "D"),
    Field("Constant", 28, 60),
    Field("First Release Duration", 88, 6, "T"),
    Field("Constant", 94, 5),
    Field("First Album Title", 99, 60),
    Field("First Album Label", 159, 60),
    Field("First Release Catalog #", 219, 18),
    Field("EAN", 237, 13),
    Field("ISRC", 250, 12),
    Field("Recording Format", 262, 1, "L"),
    Field("Recording Technique", 263, 1, "L"),
)

CWR_21: dict[str, tuple[Field, ...]] = {
    "HDR": (
        Field("Record Type", 1, 3, "A", True),
        Field("Sender Type", 4, 2, "A", True),
        Field("Sender ID", 6, 9, "A", True),
        Field("Sender Name", 15, 45, "A", True),
        Field("EDI Standard Version Number", 60, 5, "A", True),
        Field("Creation Date", 65, 8, "D", True),
        Field("Creation Time", 73, 6, "T"),
        Field("Transmission Date", 79, 8, "D"),
        Field("Character Set", 87, 15),
    ),
    "GRH": (
        Field("Record Type", 1, 3, "A", True),
        Field("Transaction Type", 4, 3, "L", True),
        Field("Group ID", 7, 5, "N", True),
        Field("Version Number for this transaction type", 12, 5),
        Field("Batch request", 17, 10, "N"),
        Field("Submission/Distribution type", 27, 2, "L"),
    ),
    "GRT": (
        Field("Record Type", 1, 3, "A", True),
        Field("Group ID", 4, 5, "N", True),
        Field("Transaction Count", 9, 8, "N", True),
        Field("Record Count", 17, 8, "N", True),
        Field("Currency Indicator", 25, 3, "L"),
        Field("Total Monetary Value", 28, 10, "N"),
    ),
    "TRL": (
        Field("Record Type", 1, 3, "A", True),
        Field("Group Count", 4, 5, "N", True),
        Field("Transaction Count", 9, 8, "N", True),
        Field("Record Count", 17, 8, "N", True),
    ),
    "NWR": _WORK,
    "REV": _WORK,
    "ISW": _WORK,
    "EXC": _WORK,
    "ACK": _record(
        Field("Creation Date", 20, 8, "D", True),
        Field("Creation Time", 28, 6, "T"),
        Field("Original Group ID", 34, 5, "N"),
        Field("Original Transaction Sequence #", 39, 8, "N"),
        Field("Original Transaction Type", 47, 3, "L", True),
        Field("Creation Title", 50, 60),
        Field("Submitter Creation #", 110, 20),
        Field("Recipient Creation #", 130, 20),
        Field("Processing Date", 150, 8, "D", True),
        Field("Transaction Status", 158, 2, "L", True),
    ),
    "SPU": _PUBLISHER,
    "OPU": _PUBLISHER,
    "SWR": _WRITER,
    "OWR": _WRITER,
    "ALT": _record(
        Field("Alternate Title", 20, 60, "A", True),
        Field("Title Type", 80, 2, "L", True),
        Field("Language Code", 82, 2, "L"),
    ),
    "PER": _record(
        Field("Performing Artist Last Name", 20, 45, "A", True),
        Field("Performing Artist First Name", 65, 30),
        Field("Performing Artist CAE/IPI Name #", 95, 11),
        Field("Performing Artist IPI Base Number", 106, 13),
    ),
    "REC": _RECORDING,
}

CWR_22: dict[str, tuple[Field, ...]] = {
    **CWR_21,
    "HDR": (
        *CWR_21["HDR"],
        Field("Version", 102, 3),
        Field("Revision", 105, 3),
        Field("Software Package", 108, 30),
        Field("Software Package Version", 138, 30),
    ),
    "SWR": (*_WRITER, Field("USA License Ind", 180, 1, "L")),
    "OWR": (*_WRITER, Field("USA License Ind", 180, 1, "L")),
    "REC": (
        *_RECORDING,
        Field("Media Type", 264, 3, "L"),
        Field("Recording Title", 267, 60),
        Field("Version Title", 327, 60),
        Field("Display Artist", 387, 60),
        Field("Record Label", 447, 60),
        Field("ISRC Validity", 507, 20),
        Field("Submitter Recording Identifier", 527, 14),
    ),
}

LAYOUTS = {"2.1": CWR_21, "2.2": CWR_22}

# Every record type of CWR 2.x; those without a layout above are skipped.
RECORD_TYPES = frozenset(
    {
        *CWR_22,
        "AGR", "TER", "IPA", "NPA", "NPN", "NPR", "NWN", "NAT", "NET", "NCT",
        "NVT", "SPT", "SWT", "OPT", "OWT", "PWR", "EWT", "VER", "ORN", "INS",
        "IND", "COM", "MSG", "ARI", "XRF",
    }
)  # fmt: skip
# Record types that open a transaction.
TRANSACTION_TYPES = frozenset({"NWR", "REV", "ISW", "EXC", "ACK", "AGR"})
