"""Pure parsing of a DSR's rows, streamed. No ORM.

A DSR is a tab-separated file, optionally gzipped, whose first line names the
columns. ``DSRReader`` streams it line by line and yields, for each data line,
either a ``ParsedRow`` ready to be stored or a ``RowError`` saying why the line
was set aside; warnings (values read as 0, invalid ISRCs) are counted.
"""

import gzip
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO, NamedTuple

# Revenue is stored exactly: the delivered files need 16 integer digits and
# 31 fraction digits (2.220446049250313e-16 written out).
REVENUE_INTEGER_DIGITS = 16
REVENUE_DECIMAL_PLACES = 31
REVENUE_MAX_DIGITS = REVENUE_INTEGER_DIGITS + REVENUE_DECIMAL_PLACES
USAGES_MAX = 2**63 - 1
DSP_ID_MAX_LENGTH = 128
ERROR_VALUE_MAX_LENGTH = 200

REQUIRED_COLUMNS = ("dsp_id", "usages", "revenue")
ISRC_PATTERN = re.compile(r"[A-Z]{2}[A-Z0-9]{3}[0-9]{7}")

# File errors: the whole DSR fails.
FILE_EMPTY = "{name}: file is empty, expected a header line"
FILE_MISSING_COLUMNS = (
    "{name}: line 1: missing required column(s) {columns}; found {found}"
)
FILE_DUPLICATE_COLUMNS = "{name}: line 1: column(s) {columns} appear more than once"
FILE_HEADER_ENCODING = "{name}: line 1: header is not valid UTF-8"
FILE_CORRUPT = "{name}: line {line}: compressed data is corrupt or truncated ({detail})"

# Row errors: the line is set aside, the rest of the file imports.
ROW_FIELD_COUNT = "expected {expected} tab-separated fields, found {found}"
ROW_ENCODING = "line is not valid UTF-8"
ROW_DSP_ID_EMPTY = "dsp_id is empty"
ROW_DSP_ID_LONG = f"dsp_id is longer than {DSP_ID_MAX_LENGTH} characters"
ROW_NOT_WHOLE = "not a whole number"
ROW_NOT_NUMBER = "not a number"
ROW_NEGATIVE = "negative"
ROW_USAGES_LARGE = f"larger than {USAGES_MAX}"
ROW_REVENUE_INTEGER_DIGITS = f"more than {REVENUE_INTEGER_DIGITS} integer digits"
ROW_REVENUE_DECIMAL_PLACES = f"more than {REVENUE_DECIMAL_PLACES} decimal places"

# Warnings: counted per DSR, the row imports.
WARN_USAGES_EMPTY = "empty usages read as 0"
WARN_REVENUE_EMPTY = "empty revenue read as 0"
WARN_ISRC_EMPTY = "empty isrc"
WARN_ISRC_INVALID = "invalid isrc kept as reported"
WARN_BLANK_LINE = "blank line skipped"
WARN_NO_ROWS = "header only, no rows"

_GZIP_MAGIC = b"\x1f\x8b"
_WHOLE = re.compile(r"[0-9]+")
_PLAIN_DECIMAL = re.compile(r"([0-9]+)(?:\.([0-9]*))?")
_SIGNED = re.compile(r"-\s*[0-9.]")


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


class _Rejected(Exception):
    def __init__(self, field: str, value: str, reason: str):
        self.field, self.value, self.reason = field, value, reason


def dsr_open(path: Path) -> BinaryIO:
    """Open a DSR for reading bytes, decompressing when its bytes are gzip."""
    raw = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    if raw.peek(2)[:2] == _GZIP_MAGIC:
        return gzip.GzipFile(fileobj=raw, mode="rb")
    return raw


def revenue_parse(value: str) -> str:
    """Return ``value`` as exact fixed-notation decimal text, or raise ``_Rejected``."""
    match = _PLAIN_DECIMAL.fullmatch(value)
    if match:
        integer, fraction = match.group(1), match.group(2) or ""
        if len(integer.lstrip("0")) > REVENUE_INTEGER_DIGITS:
            raise _Rejected("revenue", value, ROW_REVENUE_INTEGER_DIGITS)
        if len(fraction.rstrip("0")) > REVENUE_DECIMAL_PLACES:
            raise _Rejected("revenue", value, ROW_REVENUE_DECIMAL_PLACES)
        return value if fraction else integer
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise _Rejected("revenue", value, ROW_NOT_NUMBER) from None
    if not number.is_finite():
        raise _Rejected("revenue", value, ROW_NOT_NUMBER)
    if number < 0:
        raise _Rejected("revenue", value, ROW_NEGATIVE)
    if number.adjusted() >= REVENUE_INTEGER_DIGITS:
        raise _Rejected("revenue", value, ROW_REVENUE_INTEGER_DIGITS)
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > REVENUE_DECIMAL_PLACES:
        raise _Rejected("revenue", value, ROW_REVENUE_DECIMAL_PLACES)
    return format(abs(number), "f")


def usages_parse(value: str) -> int:
    """Return ``value`` as a non-negative count, or raise ``_Rejected``."""
    if _WHOLE.fullmatch(value):
        number = int(value)
        if number > USAGES_MAX:
            raise _Rejected("usages", value, ROW_USAGES_LARGE)
        return number
    reason = ROW_NEGATIVE if _SIGNED.match(value) else ROW_NOT_WHOLE
    raise _Rejected("usages", value, reason)


def isrc_normalise(value: str) -> tuple[str, bool]:
    """Return the ISRC trimmed, upper-cased and without hyphens, and its validity.

    An invalid ISRC comes back as reported (trimmed), so nothing is lost.
    """
    normalised = value.upper().replace("-", "")
    if ISRC_PATTERN.fullmatch(normalised):
        return normalised, True
    return value, False


class DSRReader:
    """Stream a DSR file as ``ParsedRow`` and ``RowError`` items.

    Memory stays bounded by one line. ``rows_read`` counts data lines seen so
    far and ``warnings`` counts, per kind, what was read leniently.
    """

    def __init__(self, path: Path):
        self.path = path
        self.name = path.name
        self.rows_read = 0
        self.warnings: Counter[str] = Counter()

    def __iter__(self) -> Iterator[ParsedRow | RowError]:
        line = 1
        with dsr_open(self.path) as stream:
            try:
                lines = iter(stream)
                columns = self._header_parse(next(lines, None))
                for line, raw in enumerate(lines, start=2):
                    item = self._line_parse(line, raw, columns)
                    if item is not None:
                        yield item
            except (EOFError, OSError, zlib.error) as error:
                raise DSRFormatError(
                    FILE_CORRUPT.format(name=self.name, line=line + 1, detail=error)
                ) from error
        if self.rows_read == 0:
            self.warnings[WARN_NO_ROWS] += 1

    def _header_parse(self, raw: bytes | None) -> dict[str, int]:
        if raw is None or not raw.strip():
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
                    name=self.name, columns=", ".join(duplicated)
                )
            )
        missing = [column for column in REQUIRED_COLUMNS if column not in names]
        if missing:
            raise DSRFormatError(
                FILE_MISSING_COLUMNS.format(
                    name=self.name, columns=", ".join(missing), found=", ".join(names)
                )
            )
        self.width = len(names)
        return {name: index for index, name in enumerate(names)}

    def _line_parse(
        self, line: int, raw: bytes, columns: dict[str, int]
    ) -> ParsedRow | RowError | None:
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
            return self._fields_parse(line, fields, columns)
        except _Rejected as rejected:
            return RowError(
                line, rejected.field, _shorten(rejected.value), rejected.reason
            )

    def _fields_parse(
        self, line: int, fields: list[str], columns: dict[str, int]
    ) -> ParsedRow:
        dsp_id = fields[columns["dsp_id"]].strip()
        if not dsp_id:
            raise _Rejected("dsp_id", "", ROW_DSP_ID_EMPTY)
        if len(dsp_id) > DSP_ID_MAX_LENGTH:
            raise _Rejected("dsp_id", dsp_id, ROW_DSP_ID_LONG)
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
        isrc, valid = isrc_normalise(reported)
        if not valid:
            self.warnings[WARN_ISRC_INVALID] += 1
        return isrc

    @staticmethod
    def _optional(fields: list[str], columns: dict[str, int], name: str) -> str:
        index = columns.get(name)
        return fields[index].strip() if index is not None else ""


def _shorten(value: str) -> str:
    if len(value) <= ERROR_VALUE_MAX_LENGTH:
        return value
    return value[: ERROR_VALUE_MAX_LENGTH - 1] + "…"
