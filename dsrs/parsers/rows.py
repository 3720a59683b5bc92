"""Pure parsing of a DSR's rows, streamed. No ORM.

A DSR is a tab-separated file, optionally gzipped, whose first line names the
columns. ``DSRReader`` streams it line by line and yields, for each data line,
either a ``ParsedRow`` ready to be stored or a ``RowError`` saying why the line
was set aside; warnings (values read as 0, invalid ISRCs) are counted.
"""

import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from common.ingest.text import text_cut
from dsrs.parsers.numbers import (
    FieldRejected,
    revenue_parse,
    usages_parse,
)
from dsrs.parsers.plain import isrc_read, plain_line_reader
from dsrs.parsers.streams import dsr_open, lines_bounded

DSP_ID_MAX_LENGTH = 128
ERROR_VALUE_MAX_LENGTH = 200
# Defaults of the settings DSRS_MAX_LINE_BYTES and DSRS_MAX_FIELD_CHARS.
LINE_MAX_BYTES = 1 << 20
FIELD_MAX_CHARS = 4096

REQUIRED_COLUMNS = ("dsp_id", "usages", "revenue")
TEXT_COLUMNS = ("title", "artists", "isrc")

# File errors: the whole DSR fails.
FILE_EMPTY = "{name}: file is empty, expected a header line"
FILE_MISSING_COLUMNS = (
    "{name}: line 1: missing required column(s) {columns}; found {found}"
)
FILE_DUPLICATE_COLUMNS = "{name}: line 1: column(s) {columns} appear more than once"
FILE_HEADER_ENCODING = "{name}: line 1: header is not valid UTF-8"
FILE_CORRUPT = "{name}: line {line}: compressed data is corrupt or truncated ({detail})"
FILE_HEADER_LONG = "{name}: line 1: header is longer than {limit} bytes"

# Row errors: the line is set aside, the rest of the file imports.
ROW_FIELD_COUNT = "expected {expected} tab-separated fields, found {found}"
ROW_ENCODING = "line is not valid UTF-8"
ROW_LINE_LONG = "line is longer than {limit} bytes"
ROW_FIELD_LONG = "longer than {limit} characters"
ROW_NUL = "contains a NUL character"
ROW_DSP_ID_EMPTY = "dsp_id is empty"
ROW_DSP_ID_LONG = f"dsp_id is longer than {DSP_ID_MAX_LENGTH} characters"

# Warnings: counted per DSR, the row imports.
WARN_USAGES_EMPTY = "empty usages read as 0"
WARN_REVENUE_EMPTY = "empty revenue read as 0"
WARN_ISRC_EMPTY = "empty isrc"
WARN_ISRC_INVALID = "invalid isrc kept as reported"
WARN_BLANK_LINE = "blank line skipped"
WARN_NO_ROWS = "header only, no rows"


class DSRFormatError(ValueError):
    """The file cannot be read as a DSR at all; no row of it is stored."""


class ParsedRow(NamedTuple):
    line: int
    dsp_id: str
    title: str
    artists: str
    isrc: str
    usages: int
    revenue: str  # exact decimal text in fixed notation


class RowError(NamedTuple):
    line: int
    field: str
    value: str
    reason: str


class DSRReader:
    """Stream a DSR file as ``ParsedRow`` and ``RowError`` items.

    Memory stays bounded by ``max_line_bytes``. ``rows_read`` counts data
    lines seen so far and ``warnings`` counts, per kind, what was read
    leniently.
    """

    def __init__(
        self,
        path: Path,
        *,
        max_line_bytes: int = LINE_MAX_BYTES,
        max_field_chars: int = FIELD_MAX_CHARS,
    ):
        self.path = path
        self.name = path.name
        self.max_line_bytes = max_line_bytes
        self.max_field_chars = max_field_chars
        self.rows_read = 0
        self.warnings: Counter[str] = Counter()

    def __iter__(self) -> Iterator[ParsedRow | RowError]:
        reading = 1  # the line being read, for the errors of the stream itself
        with dsr_open(self.path) as stream:
            try:
                lines = lines_bounded(stream, self.max_line_bytes)
                columns = self._header_parse(next(lines, b""))
                plain = plain_line_reader(
                    columns=columns,
                    width=self.width,
                    max_field_chars=self.max_field_chars,
                    max_dsp_id_chars=DSP_ID_MAX_LENGTH,
                )
                for line, raw in enumerate(lines, start=2):
                    values = plain(raw)
                    if values is not None:
                        self.rows_read += 1
                        yield tuple.__new__(ParsedRow, (line, *values))
                    elif (item := self._line_parse(line, raw, columns)) is not None:
                        yield item
                    reading = line + 1
            except (EOFError, OSError, zlib.error) as error:
                raise DSRFormatError(
                    FILE_CORRUPT.format(name=self.name, line=reading, detail=error)
                ) from error
        if self.rows_read == 0:
            self.warnings[WARN_NO_ROWS] += 1

    def header_parse(self, raw: bytes | None) -> dict[str, int]:
        """Read the header line ``raw`` (``None``: too long) for ``line_parse``."""
        self.columns = self._header_parse(raw)
        return self.columns

    def line_parse(self, line: int, raw: bytes) -> ParsedRow | RowError | None:
        """Parse data line number ``line`` after ``header_parse``, as iterating does."""
        return self._line_parse(line, raw, self.columns)

    def _header_parse(self, raw: bytes | None) -> dict[str, int]:
        if raw is None:
            raise DSRFormatError(
                FILE_HEADER_LONG.format(name=self.name, limit=self.max_line_bytes)
            )
        if not raw.strip():
            raise DSRFormatError(FILE_EMPTY.format(name=self.name))
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DSRFormatError(FILE_HEADER_ENCODING.format(name=self.name)) from None
        names = [column.strip().lower() for column in text.rstrip("\r\n").split("\t")]
        duplicated = sorted(n for n, count in Counter(names).items() if count > 1 and n)
        if duplicated:
            raise DSRFormatError(
                FILE_DUPLICATE_COLUMNS.format(
                    name=self.name, columns=_shorten(", ".join(duplicated))
                )
            )
        missing = [column for column in REQUIRED_COLUMNS if column not in names]
        if missing:
            raise DSRFormatError(
                FILE_MISSING_COLUMNS.format(
                    name=self.name,
                    columns=", ".join(missing),
                    found=_shorten(", ".join(names)),
                )
            )
        self.width = len(names)
        return {name: index for index, name in enumerate(names)}

    def _line_parse(
        self, line: int, raw: bytes | None, columns: dict[str, int]
    ) -> ParsedRow | RowError | None:
        if raw is None:
            self.rows_read += 1
            reason = ROW_LINE_LONG.format(limit=self.max_line_bytes)
            return RowError(line, "", "", reason)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self.rows_read += 1
            return RowError(line, "", _shorten(repr(raw)), ROW_ENCODING)
        text = text.rstrip("\r\n")
        if not text.strip():
            self.warnings[WARN_BLANK_LINE] += 1
            return None
        self.rows_read += 1
        fields = text.split("\t")
        if len(fields) != self.width:
            reason = ROW_FIELD_COUNT.format(expected=self.width, found=len(fields))
            return RowError(line, "", _shorten(text), reason)
        try:
            self._fields_check(text, fields, columns)
            return self._fields_parse(line, fields, columns)
        except FieldRejected as rejected:
            return RowError(
                line, rejected.field, _shorten(rejected.value), rejected.reason
            )

    def _fields_check(
        self, text: str, fields: list[str], columns: dict[str, int]
    ) -> None:
        """Reject what no column may hold: NUL characters, oversized text."""
        if "\x00" in text:
            index = next(i for i, field in enumerate(fields) if "\x00" in field)
            name = next((n for n, i in columns.items() if i == index), "")
            raise FieldRejected(name, repr(fields[index]), ROW_NUL)
        for name in TEXT_COLUMNS:
            index = columns.get(name)
            if index is not None and len(fields[index]) > self.max_field_chars:
                reason = ROW_FIELD_LONG.format(limit=self.max_field_chars)
                raise FieldRejected(name, fields[index], reason)

    def _fields_parse(
        self, line: int, fields: list[str], columns: dict[str, int]
    ) -> ParsedRow:
        dsp_id = fields[columns["dsp_id"]].strip()
        if not dsp_id:
            raise FieldRejected("dsp_id", "", ROW_DSP_ID_EMPTY)
        if len(dsp_id) > DSP_ID_MAX_LENGTH:
            raise FieldRejected("dsp_id", dsp_id, ROW_DSP_ID_LONG)
        usages_text = fields[columns["usages"]].strip()
        if usages_text:
            usages = usages_parse(usages_text)
        else:
            usages = 0
            self.warnings[WARN_USAGES_EMPTY] += 1
        revenue_text = fields[columns["revenue"]].strip()
        if revenue_text:
            revenue = revenue_parse(revenue_text)
        else:
            revenue = "0"
            self.warnings[WARN_REVENUE_EMPTY] += 1
        return ParsedRow(
            line,
            dsp_id,
            self._optional(fields, columns, "title"),
            self._optional(fields, columns, "artists"),
            self._isrc(fields, columns),
            usages,
            revenue,
        )

    def _isrc(self, fields: list[str], columns: dict[str, int]) -> str:
        reported = self._optional(fields, columns, "isrc")
        if not reported:
            self.warnings[WARN_ISRC_EMPTY] += 1
            return ""
        isrc, valid = isrc_read(reported)
        if not valid:
            self.warnings[WARN_ISRC_INVALID] += 1
        return isrc

    @staticmethod
    def _optional(fields: list[str], columns: dict[str, int], name: str) -> str:
        index = columns.get(name)
        return fields[index].strip() if index is not None else ""


def _shorten(value: str) -> str:
    return text_cut(value=value, limit=ERROR_VALUE_MAX_LENGTH)
