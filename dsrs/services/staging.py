"""Staging a DSR's rows: cast in SQL where the database can, parsed in Python.

On PostgreSQL the data lines are copied raw and cast in SQL
(``storage().RawLines``); only the lines the SQL leaves over, and the whole
file when its bytes cannot go through ``COPY`` as they are, are read by the
Python parser. Either way the rows, row errors, warnings and counts are the
parser's: the SQL takes a line only where the parser would certainly give
the same row (``dsrs.storage.postgresql.casting``).
"""

import functools
import string
import zlib
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, BinaryIO

from django.conf import settings

from dsrs.models import DSR, DSRRowError
from dsrs.parsers import DSRFormatError, DSRReader, ParsedRow, RowError
from dsrs.parsers.rows import (
    WARN_ISRC_EMPTY,
    WARN_ISRC_INVALID,
    WARN_NO_ROWS,
    WARN_REVENUE_EMPTY,
    WARN_USAGES_EMPTY,
    dsr_open,
    isrc_read,
)
from dsrs.services.loading import Loader
from dsrs.storage import storage

if TYPE_CHECKING:
    from dsrs.storage.postgresql.casting import RawLines

BATCH_ROWS = 50_000

ProgressCallback = Callable[[int], None]
Batch = list[ParsedRow | RowError]


def rows_stage(
    *,
    reader: DSRReader,
    dsr: DSR,
    loader: Loader,
    on_progress: ProgressCallback | None,
) -> int:
    """Stage the valid rows, store the rejected ones; return how many were."""
    raw_lines = storage().RawLines
    if raw_lines is not None and settings.DSRS_IMPORT_CAST_IN_SQL:
        rejected = _rows_cast(reader, dsr, loader, raw_lines(), on_progress)
        if rejected is not None:
            return rejected
    return _batches_stage(batches(reader), reader, dsr, loader, on_progress)


def batches(reader: DSRReader) -> Iterator[Batch]:
    """The parser's rows and row errors, ``BATCH_ROWS`` at a time."""
    items = iter(reader)
    while batch := list(islice(items, BATCH_ROWS)):
        yield batch


def _rows_cast(
    reader: DSRReader,
    dsr: DSR,
    loader: Loader,
    lines: "RawLines",
    on_progress: ProgressCallback | None,
) -> int | None:
    """Cast the lines in SQL; ``None`` if the file must be parsed whole."""
    with dsr_open(reader.path) as stream:
        if not _header_read(reader, stream):
            return None
        refused = lines.copy(
            stream=stream,
            columns=reader.columns,
            width=reader.width,
            max_line_bytes=reader.max_line_bytes,
            max_field_chars=reader.max_field_chars,
        )
        if refused:
            return None
    cast = lines.cast(columns=reader.columns, isrc_countries=_isrc_countries())
    reader.rows_read += cast.rows
    warned = (WARN_USAGES_EMPTY, WARN_REVENUE_EMPTY, WARN_ISRC_EMPTY, WARN_ISRC_INVALID)
    for name, count in zip(warned, cast[1:], strict=True):
        if count:
            reader.warnings[name] += count
    if on_progress:
        on_progress(reader.rows_read)
    leftovers = (
        [
            item
            for line, raw in batch
            if (item := reader.line_parse(line, raw)) is not None
        ]
        for batch in lines.leftovers(batch_rows=BATCH_ROWS)
    )
    rejected = _batches_stage(leftovers, reader, dsr, loader, on_progress)
    if reader.rows_read == 0:
        reader.warnings[WARN_NO_ROWS] += 1
    return rejected


def _header_read(reader: DSRReader, stream: BinaryIO) -> bool:
    """Read the header as the parser would; false for any file error.

    The parser reading the whole file then raises the error in its words.
    """
    try:
        raw = stream.readline(reader.max_line_bytes + 1)
        if len(raw) > reader.max_line_bytes and not raw.endswith(b"\n"):
            return False
        reader.header_parse(raw)
    except (EOFError, OSError, zlib.error, DSRFormatError):
        return False
    return True


@functools.cache
def _isrc_countries() -> list[str]:
    """The country codes the parser accepts in a compact ISRC."""
    letters = string.ascii_uppercase
    codes = (first + second for first in letters for second in letters)
    return [code for code in codes if isrc_read(f"{code}AAA0000000")[1]]


def _batches_stage(
    items: Iterable[Batch],
    reader: DSRReader,
    dsr: DSR,
    loader: Loader,
    on_progress: ProgressCallback | None,
) -> int:
    rejected = 0
    for batch in items:
        rows = [item for item in batch if isinstance(item, ParsedRow)]
        errors = [
            DSRRowError(
                dsr_id=dsr.pk,
                line=e.line,
                field=e.field,
                value=e.value,
                reason=e.reason,
            )
            for e in batch
            if isinstance(e, RowError)
        ]
        if rows:
            loader.stage(rows)
        if errors:
            DSRRowError.objects.bulk_create(errors)
            rejected += len(errors)
        if on_progress:
            on_progress(reader.rows_read)
    return rejected
