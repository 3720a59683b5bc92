"""Writing a CWR 2.1 file of ``NWR`` transactions by the 2.1 layouts. No ORM.

``cwr_lines`` turns works (``ExportWork``) into the file's lines: ``HDR``,
one ``GRH``/``GRT`` group of ``NWR`` transactions, ``TRL``. Each work is its
``NWR``, an ``SPU`` or ``OPU`` per publisher, an ``SWR`` (controlled) or
``OWR`` per writer, an ``ALT`` per alternative title, a ``PER`` per
performer and a ``REC`` per ISRC. Territory records (``SPT``/``SWT``) are
not written: no territories are kept.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from works.parsers.cwr.layouts import CWR_21
from works.parsers.cwr.records import record_format

EDI_VERSION = "01.10"
GROUP_VERSION = "02.10"
# Required NWR fields the works do not know: "unclassified", "original".
DISTRIBUTION_CATEGORY = "UNC"
VERSION_TYPE = "ORI"
DEFAULT_DESIGNATION = "CA"


@dataclass
class ExportParty:
    last_name: str
    first_name: str = ""
    ipi_name_number: str = ""
    role: str = ""
    controlled: bool = False
    interested_party_number: str = ""
    shares: tuple[Decimal | None, Decimal | None, Decimal | None] = (None,) * 3


@dataclass
class ExportWork:
    title: str
    iswc: str
    submitter_work_id: str
    titles: list[tuple[str, str]] = field(default_factory=list)  # (title, type)
    writers: list[ExportParty] = field(default_factory=list)
    publishers: list[ExportParty] = field(default_factory=list)
    performers: list[ExportParty] = field(default_factory=list)
    isrcs: list[str] = field(default_factory=list)


def _line(record_type: str, **values: object) -> str:
    layout = CWR_21[record_type]
    return record_format(values={"Record Type": record_type, **values}, layout=layout)


def cwr_lines(
    *, sender_id: str, sender_name: str, works: Iterable[ExportWork], now: datetime
) -> Iterator[str]:
    """The file's lines, without line ends; memory is one work."""
    yield from _head(sender_id=sender_id, sender_name=sender_name, now=now)
    transactions, records = 0, 1
    for transaction, work in enumerate(works):
        lines = list(_transaction(transaction, work))
        transactions, records = transactions + 1, records + len(lines)
        yield from lines
    yield _line(
        "GRT",
        **{
            "Group ID": 1,
            "Transaction Count": transactions,
            "Record Count": records + 1,
        },
    )
    yield _line(
        "TRL",
        **{
            "Group Count": 1,
            "Transaction Count": transactions,
            "Record Count": records + 3,
        },
    )


def _head(*, sender_id: str, sender_name: str, now: datetime) -> Iterator[str]:
    date = now.strftime("%Y%m%d")
    yield _line(
        "HDR",
        **{
            "Sender Type": "PB",
            "Sender ID": sender_id,
            "Sender Name": sender_name,
            "EDI Standard Version Number": EDI_VERSION,
            "Creation Date": date,
            "Creation Time": now.strftime("%H%M%S"),
            "Transmission Date": date,
        },
    )
    yield _line(
        "GRH",
        **{
            "Transaction Type": "NWR",
            "Group ID": 1,
            "Version Number for this transaction type": GROUP_VERSION,
        },
    )


def _transaction(transaction: int, work: ExportWork) -> Iterator[str]:
    sequence = iter(range(10**8))

    def line(record_type: str, values: dict) -> str:
        prefix = {
            "Transaction Sequence #": transaction,
            "Record Sequence #": next(sequence),
        }
        return _line(record_type, **prefix, **values)

    yield line(
        "NWR",
        {
            "Work Title": work.title,
            "Submitter Work #": work.submitter_work_id,
            "ISWC": work.iswc,
            "Musical Work Distribution Category": DISTRIBUTION_CATEGORY,
            "Recorded Indicator": "U",
            "Version Type": VERSION_TYPE,
        },
    )
    for number, party in enumerate(work.publishers, start=1):
        yield line("SPU" if party.controlled else "OPU", _publisher(number, party))
    for party in work.writers:
        yield line("SWR" if party.controlled else "OWR", _writer(party))
    for title, title_type in work.titles:
        yield line("ALT", {"Alternate Title": title, "Title Type": title_type})
    for party in work.performers:
        yield line(
            "PER",
            {
                "Performing Artist Last Name": party.last_name,
                "Performing Artist First Name": party.first_name,
                "Performing Artist CAE/IPI Name #": party.ipi_name_number,
            },
        )
    for isrc in work.isrcs:
        yield line("REC", {"ISRC": isrc})


def _publisher(number: int, party: ExportParty) -> dict:
    return {
        "Publisher Sequence #": number,
        "Interested Party #": party.interested_party_number,
        "Publisher Name": party.last_name,
        "Publisher Type": party.role,
        "Publisher IPI Name #": party.ipi_name_number,
        **_shares(party),
    }


def _writer(party: ExportParty) -> dict:
    return {
        "Interested Party #": party.interested_party_number,
        "Writer Last Name": party.last_name,
        "Writer First Name": party.first_name,
        "Writer Designation Code": party.role
        or (DEFAULT_DESIGNATION if party.controlled else ""),
        "Writer IPI Name #": party.ipi_name_number,
        **_shares(party),
    }


def _shares(party: ExportParty) -> dict:
    return {
        f"{right} Ownership Share": share
        for right, share in zip(("PR", "MR", "SR"), party.shares, strict=True)
    }
