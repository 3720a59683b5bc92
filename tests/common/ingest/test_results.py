"""The one result type."""

import pytest

from common.ingest.batches import BatchCounts
from common.ingest.results import ALREADY_INGESTED, ImportResult, timed
from common.ingest.status import ImportStatus


@pytest.mark.parametrize(
    ("status", "ok"),
    [
        (ImportStatus.INGESTED, True),
        (ImportStatus.SKIPPED, True),
        (ImportStatus.DRY_RUN, True),
        (ImportStatus.DONE, True),
        (ImportStatus.FAILED, False),
        (ImportStatus.REJECTED, False),
        ("ingested", True),
    ],
)
def test_ok_follows_the_status(status, ok):
    assert ImportResult(path="f", status=status).ok is ok


def test_a_result_starts_failed_with_nothing_counted():
    result = ImportResult(path="f")
    assert (result.status, result.ok, result.rows_read, result.details) == (
        "failed",
        False,
        0,
        {},
    )


class Record:
    """What a result reads of an import record."""

    pk, status, rows_read, rows_rejected = 7, "ingested", 10, 2
    works_created = 3

    class _meta:  # a model's options, as Django names them
        verbose_name = "crawl file"


def test_the_counts_come_from_the_record():
    result = ImportResult(path="f")
    result.record_take(Record(), details=["works_created"])
    assert (result.import_id, result.status, result.ok) == (7, "ingested", True)
    assert (result.rows_read, result.rows_rejected) == (10, 2)
    assert result.details == {"works_created": 3}


def test_a_skip_names_the_earlier_record():
    result = ImportResult(path="f").skip(earlier=Record())
    assert (result.status, result.import_id, result.ok) == ("skipped", 7, True)
    assert result.message == ALREADY_INGESTED.format(name="crawl file", import_id=7)
    assert result.message == "already imported as crawl file #7 (same SHA-256)"


def test_the_batch_loop_gives_the_rejects():
    result = ImportResult(path="f")
    result.batch_take(BatchCounts(read=5, rejected=4, first_rejects=["a", "b"]))
    assert (result.rows_rejected, result.rejects) == (4, ["a", "b"])


def test_timed_sets_the_seconds():
    @timed
    def service(*, path: str) -> ImportResult:
        return ImportResult(path=path)

    result = service(path="f")
    assert result.path == "f" and result.seconds >= 0
    assert service.__name__ == "service"
