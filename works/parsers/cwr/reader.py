"""Streaming a CWR file into transactions. No ORM.

A transaction is the record that opens it (``NWR``, ``REV``, ``ISW``,
``EXC``, ``ACK``, ``AGR``) and every record up to the next one, read by its
own record type whatever its group header says. ``GRH``/``GRT`` and ``TRL``
are checked: counts that do not match are warnings naming both numbers, or
with ``strict`` a failure of the file.
"""

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from works.parsers.cwr.layouts import CWR_22, LAYOUTS, TRANSACTION_TYPES
from works.parsers.cwr.records import CwrFieldError, record_parse
from works.parsers.rows import WorksFormatError

FILE_NO_HDR = "{name}: line 1: not a CWR file (expected an HDR record, found {found!r})"
FILE_HDR = "{name}: line 1: HDR {field}: {reason}"
FILE_VERSION = (
    "{name}: line 1: HDR EDI Standard Version Number {version!r}: only CWR 2.1 "
    "and 2.2 (01.10) are read"
)
FILE_ZIP_EMPTY = "{name}: the zip archive holds no file"
COUNT_MISMATCH = "{record} line {line}: {what} says {said}, the file has {found}"
ORPHAN_RECORD = "line {line}: {record_type} record outside any transaction, skipped"
_UTF8_BOM = "\ufeff"
_WORK_RECORDS = frozenset({"NWR", "REV", "ISW", "EXC"})


class Header(NamedTuple):
    sender_type: str
    sender_id: str  # text: IPI name numbers and society codes alike
    sender_name: str
    creation_date: str
    version: str  # "2.1" or "2.2"


class Transaction(NamedTuple):
    line: int  # of the record that opens it
    records: list[tuple[int, str]]  # (line, text), the opening record first

    @property
    def record_type(self) -> str:
        return self.records[0][1][:3]


def cwr_is(*, path: Path) -> bool:
    """Whether the file (or the first file of a zip archive) starts with HDR."""
    try:
        with cwr_open(path=path) as stream:
            return stream.read(4).lstrip(_UTF8_BOM)[:3] == "HDR"
    except (OSError, WorksFormatError, zipfile.BadZipFile, UnicodeError):
        return False


@contextmanager
def cwr_open(*, path: Path) -> Iterator[io.TextIOBase]:
    """The file's text, from inside a zip archive when it is one."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = [info for info in archive.infolist() if not info.is_dir()]
            if not names:
                raise WorksFormatError(FILE_ZIP_EMPTY.format(name=path.name))
            with archive.open(names[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
        return
    with open(path, encoding="utf-8", errors="replace", newline="") as stream:
        yield stream


def _acknowledged(current: Transaction | None, record_type: str) -> bool:
    """Whether the record is the work an ACK transaction answers about: the
    first work record after an ACK belongs to it."""
    return (
        current is not None
        and current.record_type == "ACK"
        and record_type in _WORK_RECORDS
        and not any(text[:3] in _WORK_RECORDS for _, text in current.records[1:])
    )


class CwrFile:
    """The transactions of one CWR file, streamed; memory is one transaction.

    ``header`` is read first; ``warnings`` collects count mismatches and
    records outside any transaction.
    """

    def __init__(self, *, path: Path, strict: bool = False):
        self.path, self.name, self.strict = path, path.name, strict
        self.header: Header | None = None
        self.warnings: list[str] = []
        self._group = [0, 0]  # transactions, records
        self._file = [0, 0, 0]  # groups, transactions, records

    def __iter__(self) -> Iterator[Transaction]:
        with cwr_open(path=self.path) as stream:
            lines = enumerate(stream, start=1)
            self.header = self._header_read(next(lines, (1, ""))[1])
            self._file[2] = 1
            current: Transaction | None = None
            for number, text in lines:
                text = text.rstrip("\r\n")
                if not text.strip():
                    continue
                self._file[2] += 1
                self._group[1] += 1
                record_type = text[:3]
                if record_type in ("GRH", "GRT", "TRL"):
                    if current:
                        yield current
                    current = None
                    self._control(record_type, number, text)
                elif record_type in TRANSACTION_TYPES and not _acknowledged(
                    current, record_type
                ):
                    if current:
                        yield current
                    self._group[0] += 1
                    self._file[1] += 1
                    current = Transaction(number, [(number, text)])
                elif current is not None:
                    current.records.append((number, text))
                else:
                    self.warnings.append(
                        ORPHAN_RECORD.format(line=number, record_type=record_type)
                    )
            if current:
                yield current

    def header_peek(self) -> Header | None:
        """The HDR alone, or ``None`` when it cannot be read (reading the
        file then says why)."""
        try:
            with cwr_open(path=self.path) as stream:
                return self._header_read(stream.readline())
        except (OSError, WorksFormatError, zipfile.BadZipFile):
            return None

    def _header_read(self, text: str) -> Header:
        text = text.rstrip("\r\n").lstrip(_UTF8_BOM)
        if text[:3] != "HDR":
            raise WorksFormatError(FILE_NO_HDR.format(name=self.name, found=text[:3]))
        try:
            values = record_parse(line=text, layout=CWR_22["HDR"])
        except CwrFieldError as error:
            raise WorksFormatError(
                FILE_HDR.format(name=self.name, field=error.field, reason=error.reason)
            ) from error
        edi = values["EDI Standard Version Number"]
        if edi != "01.10":
            raise WorksFormatError(FILE_VERSION.format(name=self.name, version=edi))
        version = "2.2" if values["Version"] == "2.2" else "2.1"
        return Header(
            sender_type=values["Sender Type"],
            sender_id=values["Sender ID"],
            sender_name=values["Sender Name"],
            creation_date=values["Creation Date"],
            version=version,
        )

    def _control(self, record_type: str, number: int, text: str) -> None:
        layout = LAYOUTS[self.header.version][record_type]
        try:
            values = record_parse(line=text, layout=layout)
        except CwrFieldError as error:
            self._warn(f"{record_type} line {number}: {error.field}: {error.reason}")
            return
        if record_type == "GRH":
            self._file[0] += 1
            self._group = [0, 1]
        elif record_type == "GRT":
            self._count(record_type, number, "transaction count", values, 0)
            self._count(record_type, number, "record count", values, 1)
        else:
            found = self._file
            for index, what in enumerate(("group", "transaction", "record")):
                said = int(values[f"{what.title()} Count"])
                if said != found[index]:
                    self._warn(
                        COUNT_MISMATCH.format(
                            record=record_type,
                            line=number,
                            what=f"{what} count",
                            said=said,
                            found=found[index],
                        )
                    )

    def _count(self, record, number, what, values, index) -> None:
        said = int(values[what.title()])
        if said != self._group[index]:
            self._warn(
                COUNT_MISMATCH.format(
                    record=record,
                    line=number,
                    what=what,
                    said=said,
                    found=self._group[index],
                )
            )

    def _warn(self, message: str) -> None:
        if self.strict:
            raise WorksFormatError(f"{self.name}: {message}")
        self.warnings.append(message)
