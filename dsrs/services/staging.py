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
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, BinaryIO

from django.conf import settings

from common.ingest.batches import (
    BatchCounts,
    ProgressCallback,
    batched,
    batches_ingest,
)
from common.ingest.services import set_aside_keeper
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

Batch = list[ParsedRow | RowError]


def rows_stage(
    *,
    reader: DSRReader,
    dsr: DSR,
    loader: Loader,
    on_progress: ProgressCallback | None,
) -> BatchCounts:
    """Stage the valid rows, store the rejected ones; return the counts."""
    raw_lines = storage().RawLines
    if raw_lines is not None and settings.DSRS_IMPORT_CAST_IN_SQL:
        counts = _rows_cast(reader, dsr, loader, raw_lines(), on_progress)
        if counts is not None:
            return counts
    return _batches_stage(batches(reader), reader, dsr, loader, on_progress)


def batches(reader: DSRReader) -> Iterator[Batch]:
    """The parser's rows and row errors, ``BATCH_ROWS`` at a time."""
    return batched(reader, size=BATCH_ROWS)


def _rows_cast(
    reader: DSRReader,
    dsr: DSR,
    loader: Loader,
    lines: "RawLines",
    on_progress: ProgressCallback | None,
) -> BatchCounts | None:
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
    counts = _batches_stage(leftovers, reader, dsr, loader, on_progress)
    if reader.rows_read == 0:
        reader.warnings[WARN_NO_ROWS] += 1
    return counts


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
) -> BatchCounts:
    return batches_ingest(
        batches=items,
        stage=loader.stage,
        keep=set_aside_keeper(model=DSRRowError, dsr_id=dsr.pk),
        reject_type=RowError,
        on_progress=on_progress,
        read_so_far=lambda: reader.rows_read,
    )
