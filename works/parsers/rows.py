"""Pure parsing of a works metadata CSV, streamed. No ORM.

A works file is CSV (RFC 4180 quoting) with a header row, UTF-8 with or
without BOM, LF or CRLF. ``WorksReader`` yields one ``WorkRow`` per data
record: the raw values as read, and the forms the reconciliation compares
(repaired display spellings, normal forms, the normalised ISWC). A record that
cannot be used carries its ``reason``; it is still yielded, so it is kept.
"""

import csv
import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from common.identifiers import isrc_normalise, iswc_normalise
from common.text import name_forms, name_token_set, text_normal_form, text_repair
from works.parsers.lines import LinesCut

REQUIRED_COLUMNS = ("title", "contributors")
# The columns a record is read for, in the order ``_record_parse`` takes them.
READ_COLUMNS = ("source", "id", "title", "contributors", "iswc", "isrcs")
# What errors="surrogateescape" makes of bytes that are not UTF-8.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
CONTRIBUTOR_SEPARATOR = "|"
ISRC_SEPARATOR = "|"

# File errors: nothing of the file is stored.
FILE_EMPTY = "{name}: file is empty, expected a header row"
FILE_MISSING_COLUMNS = (
    "{name}: line 1: missing required column(s) {columns}; found {found}"
)
FILE_DUPLICATE_COLUMNS = "{name}: line 1: column(s) {columns} appear more than once"
FILE_HEADER_ENCODING = "{name}: line 1: header is not valid UTF-8"
FILE_CSV = "{name}: line {line}: not readable as CSV ({detail})"

# Row errors: the row is kept as rejected, the rest of the file imports.
ROW_FIELD_COUNT = "expected at most {expected} comma-separated fields, found {found}"
ROW_ENCODING = "record is not valid UTF-8"
ROW_TITLE_EMPTY = "title is empty"
ROW_CONTRIBUTORS_EMPTY = "contributors has no name"
ROW_NUL = "record holds a NUL character, which no database stores (kept as U+FFFD)"
ROW_SOURCE_TOO_LONG = "source is longer than {limit} characters"
ROW_LINE_TOO_LONG = (
    "line is longer than {limit:,} characters (WORKS_MAX_LINE_CHARS); not kept"
)
ROW_FIELD_TOO_LONG = (
    "a field is longer than {limit:,} characters (WORKS_MAX_FIELD_CHARS); not kept"
)
# What the csv module says when a field passes csv.field_size_limit().
_CSV_FIELD_LIMIT = "field larger than field limit"
SOURCE_MAX = 200  # SourceRow.source is varchar(200)
DEFAULT_MAX_LINE_CHARS = 1_048_576
DEFAULT_MAX_FIELD_CHARS = 131_072
# The column a row error is about, when it is about one.
_FAULT_COLUMNS = {ROW_TITLE_EMPTY: "title", ROW_CONTRIBUTORS_EMPTY: "contributors"}


class WorksFormatError(ValueError):
    """The file cannot be read as a works file at all; none of it is stored."""


class Contributor(NamedTuple):
    name: str  # the repaired spelling, displayed
    key: str  # the name's tokens, sorted: what is compared


class WorkRow(NamedTuple):
    line: int
    source: str
    provider_id: str
    raw_title: str
    raw_contributors: str
    raw_iswc: str
    title: str
    title_normal: str
    contributors: tuple[Contributor, ...]
    iswc: str  # normalised, "" when absent or invalid
    iswc_invalid: bool
    reason: str  # why the row is rejected, "" when it is not
    fingerprint: str  # identifies the same row in any file
    raw_isrcs: str = ""  # the optional pipe-separated ``isrcs`` column

    @property
    def contributors_key(self) -> str:
        return CONTRIBUTOR_SEPARATOR.join(sorted(c.key for c in self.contributors))


def contributor_key(*, name: str) -> str:
    """Names compare as sets of tokens: ``O'Brien Edward`` is ``Edward O Brien``."""
    return " ".join(sorted(name_token_set(value=name)))


def contributors_parse(*, value: str) -> tuple[Contributor, ...]:
    """Pipe-separated names, repaired, without empty or repeated (same key) ones."""
    seen: dict[str, Contributor] = {}
    for part in value.split(CONTRIBUTOR_SEPARATOR):
        name, tokens = name_forms(value=part)
        key = " ".join(sorted(tokens))  # contributor_key, from the same repair
        if key and key not in seen:
            seen[key] = Contributor(name, key)
    return tuple(seen.values())


def row_fingerprint(*, source: str, provider_id: str, raw: tuple[str, ...]) -> str:
    """A digest of what the provider said, so a row read twice is one row."""
    text = "\x1f".join((source, provider_id, *raw))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def row_build(
    *,
    line: int,
    source: str,
    provider_id: str,
    raw_title: str,
    raw_contributors: str,
    raw_iswc: str,
    reason: str = "",
    raw_isrcs: str = "",
) -> WorkRow:
    """The row with its compared forms; ``reason`` set when it cannot be used."""
    title = text_repair(value=raw_title)
    title_normal = text_normal_form(value=title)
    contributors = contributors_parse(value=raw_contributors)
    iswc, iswc_invalid = "", False
    if raw_iswc.strip():
        normalised, valid = iswc_normalise(value=raw_iswc)
        iswc, iswc_invalid = (normalised, False) if valid else ("", True)
    if not reason and not title_normal:
        reason = ROW_TITLE_EMPTY
    if not reason and not contributors:
        reason = ROW_CONTRIBUTORS_EMPTY
    raw = (raw_title, raw_contributors, raw_iswc)
    if raw_isrcs.strip():
        # Only then: rows of files without ISRCs keep their fingerprints.
        raw = (*raw, raw_isrcs)
    return WorkRow(
        line=line,
        source=source,
        provider_id=provider_id,
        raw_title=raw_title,
        raw_contributors=raw_contributors,
        raw_iswc=raw_iswc,
        title=title,
        title_normal=title_normal,
        contributors=contributors,
        iswc=iswc,
        iswc_invalid=iswc_invalid,
        reason=reason,
        fingerprint=row_fingerprint(source=source, provider_id=provider_id, raw=raw),
        raw_isrcs=raw_isrcs,
    )


def isrcs_parse(*, value: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ``isrcs`` column: pipe-separated ISRCs in any spelling. Returns the
    valid ones in normal form (each once, in order) and the invalid ones as
    written (trimmed); empty parts are ignored."""
    valid: dict[str, None] = {}
    invalid = []
    for part in value.split(ISRC_SEPARATOR):
        if not part.strip():
            continue
        isrc, ok = isrc_normalise(value=part)
        if ok:
            valid.setdefault(isrc)
        else:
            invalid.append(isrc)
    return tuple(valid), tuple(invalid)


def row_fault(row: WorkRow) -> tuple[str, str]:
    """The column at fault in a rejected row and its raw value; two empty
    strings when the whole record is (or the row is not rejected)."""
    column = _FAULT_COLUMNS.get(row.reason, "")
    return column, getattr(row, f"raw_{column}") if column else ""


class WorksReader:
    """Stream a works CSV as ``WorkRow`` items; memory is bounded by one record.

    ``source`` names the provider of rows whose ``source`` column is absent or
    empty. ``rows_read`` counts the data records seen so far. A line longer
    than ``max_line_chars`` or a field longer than ``max_field_chars`` is a
    rejected row, read past without being kept.
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

    def __iter__(self) -> Iterator[WorkRow]:
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

    def _records(self, records, lines: LinesCut) -> Iterator[WorkRow]:
        line = 1
        try:
            places = self._header_parse(next(records, None))
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
                yield self._record_parse(start, fields, places)
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

    def _header_parse(self, fields: list[str] | None) -> tuple[int, ...]:
        """The place of each of ``READ_COLUMNS`` in a record, -1 if absent."""
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
        self.width = len(names)
        places = {name: index for index, name in enumerate(names) if name}
        return tuple(places.get(column, -1) for column in READ_COLUMNS)

    def _record_parse(
        self, line: int, fields: list[str], places: tuple[int, ...]
    ) -> WorkRow:
        reason = ""
        if len(fields) > self.width:
            reason = ROW_FIELD_COUNT.format(expected=self.width, found=len(fields))
        # One look at the whole record: nearly every record is plain text.
        record = "".join(fields)
        if not record.isascii() and _undecodable(record):
            reason = ROW_ENCODING
            fields = [_replaced(f) for f in fields]
        if "\x00" in record:
            reason = ROW_NUL
            fields = [f.replace("\x00", "\ufffd") for f in fields]

        # A short record (no trailing commas) has its missing fields empty.
        count = len(fields)
        source, provider_id, title, contributors, iswc, isrcs = (
            fields[place] if 0 <= place < count else "" for place in places
        )
        source = source.strip() or self.source
        if len(source) > SOURCE_MAX:
            reason = reason or ROW_SOURCE_TOO_LONG.format(limit=SOURCE_MAX)
            source = self.source
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


def _undecodable(value: str) -> bool:
    return _ESCAPED_BYTE.search(value) is not None


def _replaced(value: str) -> str:
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
