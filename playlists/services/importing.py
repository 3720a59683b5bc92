"""Importing crawl files: one file, one transaction, one ``CrawlImportResult``."""

import datetime
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone

from common.ingest.filehash import file_sha256
from playlists.models import DeadLetter, PlaylistImport, Source
from playlists.parsers import (
    CrawlFileError,
    CrawlRecord,
    DeadLetterRecord,
    crawl_records_read,
)
from playlists.services.crawls import crawls_load
from playlists.services.staging import Stager, stager_for_connection

BATCH_RECORDS = 20_000
DEFAULT_CRAWL_GAP = datetime.timedelta(hours=1)
ALREADY_IMPORTED = "already imported as crawl file #{import_id} (same SHA-256)"
UNKNOWN_SOURCE = "unknown source {source!r}; expected one of {expected}"


class ImportStatus:
    IMPORTED = "imported"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass
class CrawlImportResult:
    path: str
    status: str
    message: str = ""
    import_id: int | None = None
    records_read: int = 0
    records_imported: int = 0
    records_duplicate: int = 0
    dead_letters: int = 0
    snapshots_created: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status != ImportStatus.FAILED


ProgressCallback = Callable[[int], None]


def crawl_file_import(
    *,
    path: Path,
    source: str = Source.YOUTUBE,
    crawl_gap: datetime.timedelta = DEFAULT_CRAWL_GAP,
    on_progress: ProgressCallback | None = None,
) -> CrawlImportResult:
    """Import one JSON array of crawl records; never raises for the file's content.

    Bad records become dead letters and the rest imports; a file that stops
    being JSON imports nothing. The same bytes again are skipped, and records
    already stored (same crawl and position) are counted as duplicates.
    """
    started = time.monotonic()
    result = CrawlImportResult(path=str(path), status=ImportStatus.FAILED)
    if source not in Source.values:
        result.message = UNKNOWN_SOURCE.format(source=source, expected=Source.values)
        return result
    sha256 = file_sha256(path=path)
    if _skipped_as_imported(result, sha256):
        return result
    try:
        with transaction.atomic():
            record = _file_load(path, source, sha256, crawl_gap, on_progress)
    except CrawlFileError as error:
        result.message = f"{path}: {error}"
        return result
    except IntegrityError:
        # The same bytes, imported by another process meanwhile: its unique
        # SHA-256 stopped this one, which rolled back whole.
        if _skipped_as_imported(result, sha256):
            return result
        raise
    result.status, result.import_id = ImportStatus.IMPORTED, record.pk
    result.records_read, result.records_imported = (
        record.records_read,
        record.records_imported,
    )
    result.records_duplicate = record.records_duplicate
    result.dead_letters = record.dead_letters_count
    result.snapshots_created = record.snapshots_created
    result.seconds = time.monotonic() - started
    return result


def _skipped_as_imported(result: CrawlImportResult, sha256: str) -> bool:
    existing = PlaylistImport.objects.filter(sha256=sha256).first()
    if existing is None:
        return False
    result.status, result.import_id = ImportStatus.SKIPPED, existing.pk
    result.message = ALREADY_IMPORTED.format(import_id=existing.pk)
    return True


def _file_load(
    path: Path,
    source: str,
    sha256: str,
    crawl_gap: datetime.timedelta,
    on_progress: ProgressCallback | None,
) -> PlaylistImport:
    record = PlaylistImport.objects.create(
        path=str(path), source=source, sha256=sha256, imported_at=timezone.now()
    )
    stager = stager_for_connection()
    stager.begin()
    with open(path, "rb") as stream:
        _records_stage(stream, record, stager, on_progress)
    stager.analyze()
    loaded = crawls_load(source=source, crawl_gap_us=crawl_gap // _MICROSECOND)
    stager.end()
    record.records_imported = loaded.entries_inserted
    record.records_duplicate = stager.staged - loaded.entries_inserted
    record.snapshots_created = loaded.snapshots_created
    record.save()
    return record


_MICROSECOND = datetime.timedelta(microseconds=1)


def _records_stage(
    stream, record: PlaylistImport, stager: Stager, on_progress: ProgressCallback | None
) -> None:
    """Stage the good records, store the dead letters, count both."""
    for batch in _batches(crawl_records_read(stream=stream)):
        good = [item for item in batch if isinstance(item, CrawlRecord)]
        dead = [
            DeadLetter(
                file=record, index=item.index, record=item.record, reason=item.reason
            )
            for item in batch
            if isinstance(item, DeadLetterRecord)
        ]
        if good:
            stager.stage(good)
        if dead:
            DeadLetter.objects.bulk_create(dead)
        record.records_read += len(batch)
        record.dead_letters_count += len(dead)
        if on_progress:
            on_progress(record.records_read)


def _batches(items: Iterator) -> Iterator[list]:
    while batch := list(islice(items, BATCH_RECORDS)):
        yield batch
