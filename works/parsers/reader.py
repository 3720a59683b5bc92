"""Streaming a works CSV: records read in file order, rows built from them.

Reading (the CSV records, their line numbers, the limits and file errors)
is one pass over the file; building a ``WorkRow`` from a record
(``record_parse``) needs only the record and the file's ``Layout``, so a
batch of records can be built anywhere, in another process too. No ORM.
"""

import csv
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from works.parsers.lines import LinesCut
from works.parsers.rows import (
    DEFAULT_MAX_FIELD_CHARS,
    DEFAULT_MAX_LINE_CHARS,
    FILE_CSV,
    FILE_DUPLICATE_COLUMNS,
    FILE_EMPTY,
    FILE_HEADER_ENCODING,
    FILE_MISSING_COLUMNS,
    READ_COLUMNS,
    REQUIRED_COLUMNS,
    ROW_ENCODING,
    ROW_FIELD_COUNT,
    ROW_FIELD_TOO_LONG,
    ROW_LINE_TOO_LONG,
    ROW_NUL,
    ROW_SOURCE_TOO_LONG,
    SOURCE_MAX,
    WorkRow,
    WorksFormatError,
    row_build,
    row_fingerprint,
)

# What errors="surrogateescape" makes of bytes that are not UTF-8.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
# What the csv module says when a field passes csv.field_size_limit().
_CSV_FIELD_LIMIT = "field larger than field limit"


class Layout(NamedTuple):
    """What building a row needs of its file: the header's width, the place
    of each of ``READ_COLUMNS`` (-1 if absent) and the default source."""

    width: int
    places: tuple[int, ...]
    source: str


# A data record as read: its first line and its fields. A plain tuple, not a
# NamedTuple: a worker process unpickles a plain one several times faster.
Record = tuple[int, list[str]]


def record_parse(layout: Layout, record: Record) -> WorkRow:
    """The row of a record, with its ``reason`` when it cannot be used."""
    line, fields = record
    reason = ""
    if len(fields) > layout.width:
        reason = ROW_FIELD_COUNT.format(expected=layout.width, found=len(fields))
    # One look at the whole record: nearly every record is plain text.
    joined = "".join(fields)
    if not joined.isascii() and _undecodable(joined):
        reason = ROW_ENCODING
        fields = [_replaced(f) for f in fields]
    if "\x00" in joined:
        reason = ROW_NUL
        fields = [f.replace("\x00", "\ufffd") for f in fields]

    # A short record (no trailing commas) has its missing fields empty.
    count = len(fields)
    source, provider_id, title, contributors, iswc, isrcs = (
        fields[place] if 0 <= place < count else "" for place in layout.places
    )
    source = source.strip() or layout.source
    if len(source) > SOURCE_MAX:
        reason = reason or ROW_SOURCE_TOO_LONG.format(limit=SOURCE_MAX)
        source = layout.source
    return row_build(
        line=line,
        source=source,
        provider_id=provider_id.strip(),
        raw_title=title,
        raw_contributors=contributors,
        raw_iswc=iswc,
        reason=reason,
        raw_isrcs=isrcs,
    )


def records_parse(layout: Layout, items: list[Record | WorkRow]) -> list[WorkRow]:
    """The rows of a batch of ``WorksReader.records``, in order."""
    return [
        item if isinstance(item, WorkRow) else record_parse(layout, item)
        for item in items
    ]


class WorksReader:
    """Stream a works CSV as ``WorkRow`` items; memory is bounded by one record.

    ``source`` names the provider of rows whose ``source`` column is absent or
    empty. ``rows_read`` counts the data records seen so far. A line longer
    than ``max_line_chars`` or a field longer than ``max_field_chars`` is a
    rejected row, read past without being kept. ``records`` reads the file
    without building the rows; ``layout`` is then what ``record_parse``
    needs to build them.
    """

    def __init__(
        self,
        *,
        path: Path,
        source: str,
        max_line_chars: int = DEFAULT_MAX_LINE_CHARS,
        max_field_chars: int = DEFAULT_MAX_FIELD_CHARS,
    ):
        self.path, self.name, self.source = path, path.name, source
        self.max_line_chars, self.max_field_chars = max_line_chars, max_field_chars
        self.rows_read = 0
        self.blank_lines = 0
        self.layout: Layout | None = None

    def __iter__(self) -> Iterator[WorkRow]:
        for item in self.records():
            yield item if isinstance(item, WorkRow) else record_parse(self.layout, item)

    def records(self) -> Iterator[Record | WorkRow]:
        """The data records in file order; a record past a limit is already
        its rejected row. Raises ``WorksFormatError`` when the file cannot be
        read as a works file (a header's fault before any record)."""
        with open(
            self.path, encoding="utf-8-sig", errors="surrogateescape", newline=""
        ) as stream:
            lines = LinesCut(stream, limit=self.max_line_chars)
            records = csv.reader(lines, strict=True)
            # The csv module has one limit for the whole process: this
            # reader's applies while it reads.
            previous_limit = csv.field_size_limit(self.max_field_chars)
            try:
                yield from self._records(records, lines)
            finally:
                csv.field_size_limit(previous_limit)

    def _records(self, records, lines: LinesCut) -> Iterator[Record | WorkRow]:
        line = 1
        try:
            self.layout = self._header_parse(next(records, None))
            while True:
                start = line + 1
                try:
                    fields = next(records)
                except StopIteration:
                    return
                except csv.Error as error:
                    if not str(error).startswith(_CSV_FIELD_LIMIT):
                        raise
                    lines.record_skip()
                    fields = None
                line = lines.number
                if fields is None or (lines.cut and lines.cut[0] <= line):
                    self.rows_read += 1
                    yield self._record_not_kept(start, fields is None, lines, line)
                    continue
                if not fields or fields == [""]:
                    self.blank_lines += 1
                    continue
                self.rows_read += 1
                yield (start, fields)
        except csv.Error as error:
            raise WorksFormatError(
                FILE_CSV.format(name=self.name, line=line + 1, detail=error)
            ) from error

    def _record_not_kept(
        self, line: int, field_too_long: bool, lines: LinesCut, end: int
    ) -> WorkRow:
        """A record past a limit: kept as a rejected row without its values."""
        lines.cut = [number for number in lines.cut if number > end]
        reason = (
            ROW_FIELD_TOO_LONG.format(limit=self.max_field_chars)
            if field_too_long
            else ROW_LINE_TOO_LONG.format(limit=self.max_line_chars)
        )
        row = row_build(
            line=line,
            source=self.source,
            provider_id="",
            raw_title="",
            raw_contributors="",
            raw_iswc="",
            reason=reason,
        )
        # Its values are unknown: the file and line tell it from others.
        place = (f"{self.name}:{line}",)
        return row._replace(
            fingerprint=row_fingerprint(source=self.source, provider_id="", raw=place)
        )

    def _header_parse(self, fields: list[str] | None) -> Layout:
        """The file's ``Layout``, from its header."""
        if not fields or not any(f.strip() for f in fields):
            raise WorksFormatError(FILE_EMPTY.format(name=self.name))
        if any(_undecodable(f) for f in fields):
            raise WorksFormatError(FILE_HEADER_ENCODING.format(name=self.name))
        names = [field.strip().lower() for field in fields]
        duplicated = sorted(n for n, count in Counter(names).items() if count > 1 and n)
        if duplicated:
            raise WorksFormatError(
                FILE_DUPLICATE_COLUMNS.format(
                    name=self.name, columns=", ".join(duplicated)
                )
            )
        missing = [column for column in REQUIRED_COLUMNS if column not in names]
        if missing:
            raise WorksFormatError(
                FILE_MISSING_COLUMNS.format(
                    name=self.name, columns=", ".join(missing), found=", ".join(names)
                )
            )
        places = {name: index for index, name in enumerate(names) if name}
        return Layout(
            width=len(names),
            places=tuple(places.get(column, -1) for column in READ_COLUMNS),
            source=self.source,
        )


def _undecodable(value: str) -> bool:
    return _ESCAPED_BYTE.search(value) is not None


def _replaced(value: str) -> str:
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
