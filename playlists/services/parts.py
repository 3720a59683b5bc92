"""A large crawl file read in parts by forked processes, staged here in order.

The file is cut into parts of about ``PLAYLISTS_IMPORT_PART_BYTES``
(``common.ingest.json_array_parts``). Up to ``PLAYLISTS_IMPORT_PROCESSES``
forked processes each read a part with the same parser as a whole file
would be read with, and write its staged rows and its dead letters to files
of their own; they never touch the database. This process stages each part
in file order as soon as it is read (while the others go on reading), keeps
its dead letters with their index in the whole file, and reports progress.
When a part does not read as a JSON array of at least one item (a cut fell
inside a value, or the file is broken), everything staged and kept from the
parts is undone and the caller reads the whole file instead, which gives its
error.
"""

import multiprocessing
import pickle
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from django.conf import settings
from django.db import transaction

from common.ingest.batches import (
    FIRST_REJECTS_KEPT,
    BatchCounts,
    ProgressCallback,
    batched,
)
from common.ingest.json_array_parts import ArrayPart, json_array_parts
from common.ingest.json_items import ItemLimits
from playlists.parsers import CrawlFileError, DeadLetterRecord, crawl_records_read
from playlists.services.staging import Stager, stage_row
from playlists.storage import storage

BATCH_RECORDS = 20_000


@dataclass
class PartRead:
    """What a reader made of one part: its counts and its two files."""

    number: int
    rows_path: Path
    dead_path: Path
    read: int = 0
    staged: int = 0
    rejected: int = 0
    failed: bool = False


class _PartFailed(Exception):
    """A part is not a JSON array: the parts' work is undone."""


# What the forked readers need, inherited, never sent to them.
_folder: Path | None = None
_limits: ItemLimits | None = None


def crawl_parts_stage(
    *,
    path: Path,
    stager: Stager,
    keep: Callable[[list[DeadLetterRecord]], object],
    limits: ItemLimits,
    on_progress: ProgressCallback | None = None,
) -> BatchCounts | None:
    """Stage ``path`` part by part; ``None`` when it is one part or a part does
    not read (then nothing of the parts is staged or kept)."""
    parts = json_array_parts(path=path, part_bytes=settings.PLAYLISTS_IMPORT_PART_BYTES)
    if len(parts) < 2:
        return None
    global _folder, _limits
    counts = BatchCounts()
    with tempfile.TemporaryDirectory(prefix="playlists-parts-") as folder:
        _folder, _limits = Path(folder), limits
        try:
            with transaction.atomic():
                for part in _parts_read(parts):
                    if part.failed:
                        raise _PartFailed
                    _part_take(part, stager=stager, keep=keep, counts=counts)
                    if on_progress:
                        on_progress(counts.read)
        except _PartFailed:
            stager.staged = 0
            return None
    return counts


def _parts_read(parts: list[ArrayPart]) -> Iterator[PartRead]:
    """Each part read, in order, as soon as it and those before it are."""
    processes = min(settings.PLAYLISTS_IMPORT_PROCESSES, len(parts))
    if processes < 2:
        yield from map(_part_read, parts)
        return
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        yield from pool.imap(_part_read, parts)


def _part_take(
    part: PartRead, *, stager: Stager, keep: Callable, counts: BatchCounts
) -> None:
    """Stage a part's rows, keep its dead letters numbered in the whole file."""
    stager.part_stage(path=part.rows_path, records=part.staged)
    offset = counts.read
    with open(part.dead_path, "rb") as stream:
        while True:
            try:
                dead = pickle.load(stream)  # this import's own file
            except EOFError:
                break
            dead = [replace(letter, index=offset + letter.index) for letter in dead]
            room = FIRST_REJECTS_KEPT - len(counts.first_rejects)
            counts.first_rejects.extend(dead[:room])
            keep(dead)
    counts.read += part.read
    counts.staged += part.staged
    counts.rejected += part.rejected


def _part_read(part: ArrayPart) -> PartRead:
    """In a reader: the part's rows and dead letters, each to its file."""
    read = PartRead(
        part.number,
        _folder / f"{part.number}.rows",
        _folder / f"{part.number}.dead",
    )
    write = storage().part_rows_write
    with (
        part.open() as stream,
        open(read.rows_path, "wb") as rows_file,
        open(read.dead_path, "wb") as dead_file,
    ):
        try:
            records = crawl_records_read(stream=stream, limits=_limits)
            for batch in batched(records, size=BATCH_RECORDS):
                dead = [item for item in batch if type(item) is DeadLetterRecord]
                rows = [
                    stage_row(item, part=part.number)
                    for item in batch
                    if type(item) is not DeadLetterRecord
                ]
                write(rows_file, rows=rows)
                if dead:
                    pickle.dump(dead, dead_file, protocol=pickle.HIGHEST_PROTOCOL)
                read.read += len(batch)
                read.staged += len(rows)
                read.rejected += len(dead)
        except CrawlFileError:
            read.failed = True
    # An empty part hides a comma with no item before it ("[,{}]").
    read.failed = read.failed or read.read == 0
    return read
