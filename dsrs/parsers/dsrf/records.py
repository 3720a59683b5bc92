"""DSRF records, streamed and read by the columns their ``#`` header lines name.

No ORM. Each data line's first cell is its record type (``SU02.02``); the
``#SU02.02`` line declares the names of the cells after it. In real files the
``HEAD`` record comes before its ``#HEAD`` line: it waits for that one line.
"""

import zlib
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from common.ingest.text import text_cut
from dsrs.parsers.dsrf.layout import HEAD, HEADER_MARK
from dsrs.parsers.rows import (
    ERROR_VALUE_MAX_LENGTH,
    FILE_CORRUPT,
    LINE_MAX_BYTES,
    DSRFormatError,
    RowError,
)
from dsrs.parsers.streams import dsr_open, lines_bounded

# Row errors: the record is set aside, the rest of the file imports.
ROW_ENCODING = "{type}: line is not valid UTF-8"
ROW_LINE_LONG = "line is longer than {limit} bytes"
ROW_NO_HEADER = "{type}: no #{type} header line declares this record type's columns"
ROW_EXTRA_CELLS = "{type}: {found} cells, the #{type} header line declares {declared}"


class Columns(dict[str, int]):
    """A header line's columns: each name's index (a name given twice is its
    last column), and what reading a record needs, worked out once per header.
    """

    def __init__(self, names: list[str]):
        super().__init__((name, index) for index, name in enumerate(names))
        self.width = len(names)
        self._getters: dict[tuple[str, ...], itemgetter] = {}
        self._firsts: dict[tuple[str, ...], str | None] = {}

    def getter(self, names: tuple[str, ...]) -> itemgetter:
        """Picks the cells ``names`` (two or more) from values padded to
        ``width + 1``; a name the header lacks picks the empty last cell."""
        getter = self._getters.get(names)
        if getter is None:
            getter = itemgetter(*(self.get(name, self.width) for name in names))
            self._getters[names] = getter
        return getter

    def first(self, names: tuple[str, ...]) -> str | None:
        """The first of ``names`` the header declares, or None."""
        if names not in self._firsts:
            self._firsts[names] = next((n for n in names if n in self), None)
        return self._firsts[names]


class Record(NamedTuple):
    """One data line: its number, record type, cells, and its header's columns.

    ``values`` has at least one cell more than the header declares (padded
    with empty ones), so any column the header lacks reads as empty.
    """

    line: int
    type: str
    values: list[str]
    columns: Columns

    def get(self, name: str) -> str:
        """The cell ``name``, stripped; empty when the header has no such column."""
        return self.values[self.columns.get(name, -1)].strip()

    def take(self, names: tuple[str, ...]) -> list[str]:
        """The cells ``names`` (two or more), stripped, as ``get`` reads each."""
        return [value.strip() for value in self.columns.getter(names)(self.values)]


class RecordStream:
    """Stream one DSRF file as ``Record`` and ``RowError`` items.

    ``lines_read`` counts every line (header lines, blank lines and the
    ``FOOT`` record too), as ``FOOT``'s ``NumberOfLinesInFile`` does.
    """

    def __init__(self, path: Path, *, max_line_bytes: int = LINE_MAX_BYTES):
        self.path = path
        self.max_line_bytes = max_line_bytes
        self.lines_read = 0
        self.headers: dict[str, Columns] = {}

    def __iter__(self) -> Iterator[Record | RowError]:
        waiting: tuple[int, list[str]] | None = None  # HEAD before its #HEAD
        with dsr_open(self.path) as stream:
            try:
                lines = lines_bounded(stream, self.max_line_bytes)
                for line, raw in enumerate(lines, start=1):
                    self.lines_read = line
                    item = self._line_read(line, raw)
                    if item is None or isinstance(item, RowError):
                        if item is not None:
                            yield item
                        continue
                    if isinstance(item, str):  # a header line was read
                        if waiting is not None and item == HEAD:
                            yield self._record(*waiting)
                            waiting = None
                        continue
                    if item[1][0] == HEAD and HEAD not in self.headers:
                        waiting = item
                        continue
                    yield self._record(*item)
            except (EOFError, OSError, zlib.error) as error:
                raise DSRFormatError(
                    FILE_CORRUPT.format(
                        name=self.path.name, line=self.lines_read, detail=error
                    )
                ) from error
        if waiting is not None:
            yield self._record(*waiting)

    def _line_read(
        self, line: int, raw: bytes | None
    ) -> tuple[int, list[str]] | str | RowError | None:
        """A data line's cells, a header line's record type, an error, or None."""
        if raw is None:
            reason = ROW_LINE_LONG.format(limit=self.max_line_bytes)
            return RowError(line, "", "", reason)
        try:
            text = raw.decode("utf-8-sig" if line == 1 else "utf-8")
        except UnicodeDecodeError:
            kind = raw.split(b"\t", 1)[0].decode("ascii", "replace")
            value = text_cut(value=repr(raw), limit=ERROR_VALUE_MAX_LENGTH)
            return RowError(line, "", value, ROW_ENCODING.format(type=kind))
        text = text.rstrip("\r\n")
        if not text.strip():
            return None
        cells = text.split("\t")
        if cells[0].startswith(HEADER_MARK):
            kind = cells[0][len(HEADER_MARK) :].strip()
            names = [name.strip() for name in cells[1:]]
            while names and not names[-1]:
                names.pop()
            self.headers[kind] = Columns(names)
            return kind
        return line, cells

    def _record(self, line: int, cells: list[str]) -> Record | RowError:
        kind = cells[0].strip()
        columns = self.headers.get(kind)
        if columns is None:
            kind = text_cut(value=kind, limit=ERROR_VALUE_MAX_LENGTH)
            reason = ROW_NO_HEADER.format(type=kind)
            return RowError(line, "RecordType", kind, reason)
        values = cells[1:]
        declared = columns.width
        if len(values) > declared:
            if any(v.strip() for v in values[declared:]):
                reason = ROW_EXTRA_CELLS.format(
                    type=kind, found=len(values), declared=declared
                )
                return RowError(line, "", "", reason)
        else:
            # A short record's missing cells, and the header's lacking ones.
            values += [""] * (declared + 1 - len(values))
        return Record(line, kind, values, columns)
