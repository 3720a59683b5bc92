"""Catalogue rows of ``cm_track.csv``: one recording per line, with its ISRC."""

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from common.identifiers import isrc_normalise
from common.text import text_repair

COLUMNS = ("cm_track", "track", "isrc", "cm_artist", "artist")
MISSING_COLUMNS = "missing column(s) {columns}; the header must name {expected}"
FIELD_COUNT = "expected {expected} fields, got {got}"
NOT_AN_ID = "expected a whole number, got {value!r}"
EMPTY = "empty, a value is required"


class TrackFileError(Exception):
    """The file cannot be read as a catalogue (no header, missing columns)."""


@dataclass(frozen=True, slots=True)
class TrackRow:
    line: int
    cm_track: int
    title: str
    isrc: str
    isrc_valid: bool
    cm_artist: str
    artist: str


@dataclass(frozen=True, slots=True)
class TrackRowError:
    line: int
    field: str
    value: str
    reason: str


def track_rows_read(*, stream: TextIO) -> Iterator[TrackRow | TrackRowError]:
    """Rows of a catalogue CSV (UTF-8, BOM and CRLF allowed), columns by name."""
    reader = csv.reader(stream)
    header = next(reader, None)
    if header is None:
        raise TrackFileError(MISSING_COLUMNS.format(columns=COLUMNS, expected=COLUMNS))
    names = [name.strip().lstrip("\ufeff") for name in header]
    missing = [column for column in COLUMNS if column not in names]
    if missing:
        raise TrackFileError(
            MISSING_COLUMNS.format(columns=", ".join(missing), expected=COLUMNS)
        )
    where = {column: names.index(column) for column in COLUMNS}
    for values in reader:
        if not values:
            continue
        yield track_row_parse(
            line=reader.line_num, values=values, where=where, width=len(names)
        )


def track_row_parse(
    *, line: int, values: list[str], where: dict[str, int], width: int
) -> TrackRow | TrackRowError:
    if len(values) != width:
        return TrackRowError(
            line,
            "",
            ",".join(values),
            FIELD_COUNT.format(expected=width, got=len(values)),
        )
    row = {column: values[index].strip() for column, index in where.items()}
    for column in ("cm_track", "cm_artist"):
        if not row[column].isdigit():
            return TrackRowError(
                line, column, row[column], NOT_AN_ID.format(value=row[column])
            )
    for column in ("track", "artist"):
        if not row[column]:
            return TrackRowError(line, column, "", EMPTY)
    isrc, valid = isrc_normalise(value=row["isrc"])
    return TrackRow(
        line=line,
        cm_track=int(row["cm_track"]),
        title=text_repair(value=row["track"]),
        isrc=isrc,
        isrc_valid=valid,
        cm_artist=row["cm_artist"],
        artist=text_repair(value=row["artist"]),
    )
