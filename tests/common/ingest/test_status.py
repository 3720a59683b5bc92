"""The one vocabulary of import states."""

from common.ingest.status import SUCCESSFUL, ImportStatus, status_choices


def test_each_word_once():
    values = [status.value for status in ImportStatus]
    assert len(values) == len(set(values))
    assert set(values) == {
        "queued",
        "running",
        "ingested",
        "done",
        "failed",
        "skipped",
        "rejected",
        "dry-run",
    }


def test_what_counts_as_success():
    assert {str(status) for status in SUCCESSFUL} == {
        "ingested",
        "done",
        "skipped",
        "dry-run",
    }
    # Results carry plain strings: they are found all the same.
    assert "ingested" in SUCCESSFUL and "failed" not in SUCCESSFUL


def test_a_field_holds_only_its_states():
    assert status_choices(ImportStatus.INGESTED, ImportStatus.DRY_RUN) == [
        ("ingested", "Ingested"),
        ("dry-run", "Dry run"),
    ]
