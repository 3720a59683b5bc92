"""The rows of a works metadata CSV and what is compared of them. No ORM.

A works file is CSV (RFC 4180 quoting) with a header row, UTF-8 with or
without BOM, LF or CRLF. ``WorksReader`` yields one ``WorkRow`` per data
record: the raw values as read, and the forms the reconciliation compares
(repaired display spellings, normal forms, the normalised ISWC). A record that
cannot be used carries its ``reason``; it is still yielded, so it is kept.
"""

import hashlib
from typing import NamedTuple

from common.identifiers import isrc_normalise, iswc_normalise
from common.text import name_forms, name_token_set, text_normal_form, text_repair

REQUIRED_COLUMNS = ("title", "contributors")
# The columns a record is read for, in the order ``record_parse`` takes them.
READ_COLUMNS = ("source", "id", "title", "contributors", "iswc", "isrcs")
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
