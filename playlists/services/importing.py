"""Importing crawl files: one file, one transaction, one ``ImportResult``."""

import datetime
from pathlib import Path

from django.conf import settings

from common.ingest.batches import (
    BatchCounts,
    ProgressCallback,
    batched,
    batches_ingest,
)
from common.ingest.json_items import ItemLimits
from common.ingest.results import ImportResult, timed
from common.ingest.services import file_ingest, set_aside_keeper
from playlists.models import DeadLetter, PlaylistImport, Source
from playlists.parsers import CrawlFileError, DeadLetterRecord, crawl_records_read
from playlists.services.crawls import crawls_load
from playlists.services.parts import crawl_parts_stage
from playlists.services.staging import stager_for_connection

BATCH_RECORDS = 20_000
DEFAULT_CRAWL_GAP = datetime.timedelta(hours=1)
UNKNOWN_SOURCE = "unknown source {source!r}; expected one of {expected}"
# What a result reports beyond the records read, imported and dead.
DETAILS = ("records_duplicate", "snapshots_created")

_MICROSECOND = datetime.timedelta(microseconds=1)


@timed
def crawl_file_import(
    *,
    path: Path,
    source: str = Source.YOUTUBE,
    crawl_gap: datetime.timedelta = DEFAULT_CRAWL_GAP,
    on_progress: ProgressCallback | None = None,
) -> ImportResult:
    """Import one JSON array of crawl records; never raises for the file's content.

    Bad records become dead letters and the rest imports; a file that stops
    being JSON imports nothing. The same bytes again are skipped, and records
    already stored (same crawl and position) are counted as duplicates
    (``details["records_duplicate"]``).
    """
    if source not in Source.values:
        message = UNKNOWN_SOURCE.format(source=source, expected=Source.values)
        return ImportResult(path=str(path), message=message)
    return file_ingest(
        path=path,
        model=PlaylistImport,
        load=lambda record: _file_load(record, crawl_gap, on_progress),
        file_errors=(CrawlFileError,),
        error_message=lambda error: f"{path}: {error}",
        failures_kept=False,
        details=DETAILS,
        source=source,
    )


def _file_load(
    record: PlaylistImport,
    crawl_gap: datetime.timedelta,
    on_progress: ProgressCallback | None,
) -> BatchCounts:
    """Stage the good records, keep the dead letters, then load the crawls.

    A file of several parts is read in parts (``crawl_parts_stage``); a file
    of one part, or whose parts do not read, is read whole here."""
    stager = stager_for_connection()
    stager.begin()
    keep = set_aside_keeper(model=DeadLetter, file=record)
    counts = crawl_parts_stage(
        path=Path(record.path),
        stager=stager,
        keep=keep,
        limits=_record_limits(),
        on_progress=on_progress,
    )
    if counts is None:
        with open(record.path, "rb") as stream:
            records = crawl_records_read(stream=stream, limits=_record_limits())
            counts = batches_ingest(
                batches=batched(records, size=BATCH_RECORDS),
                stage=stager.stage,
                keep=keep,
                reject_type=DeadLetterRecord,
                on_progress=on_progress,
            )
    stager.analyze()
    loaded = crawls_load(source=record.source, crawl_gap_us=crawl_gap // _MICROSECOND)
    stager.end()
    record.rows_read, record.rows_rejected = counts.read, counts.rejected
    record.rows_imported = loaded.entries_inserted
    record.records_duplicate = stager.staged - loaded.entries_inserted
    record.snapshots_created = loaded.snapshots_created
    return counts


def _record_limits() -> ItemLimits:
    return ItemLimits(
        max_depth=settings.PLAYLISTS_MAX_RECORD_DEPTH,
        max_bytes=settings.PLAYLISTS_MAX_RECORD_CHARS,
        depth_setting="PLAYLISTS_MAX_RECORD_DEPTH",
        bytes_setting="PLAYLISTS_MAX_RECORD_CHARS",
    )
