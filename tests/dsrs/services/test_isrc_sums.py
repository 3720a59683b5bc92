"""Each import queues the fold of the per-ISRC sums for after its commit."""

import pytest

from common.db import is_postgresql
from dsrs.services import dsr_import
from dsrs.services.isrc_sums import isrc_sums_fold_run

pytestmark = pytest.mark.django_db


def test_an_import_queues_the_fold_once_it_commits(
    samples, django_capture_on_commit_callbacks
):
    """PostgreSQL: one fold per import, after commit; SQLite keeps no sums."""
    with django_capture_on_commit_callbacks() as callbacks:
        assert dsr_import(path=samples[0]).status == "ingested"
        assert dsr_import(path=samples[1]).status == "ingested"
    assert len(callbacks) == (2 if is_postgresql() else 0)
    folded = [callback() for callback in callbacks]
    assert [result.get() for result in folded] == [2, 0][: len(folded)]
    assert isrc_sums_fold_run() == []
