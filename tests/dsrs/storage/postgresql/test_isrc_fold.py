"""Imports leave their per-ISRC sums to a fold after commit; answers never wait.

An import writes no per-ISRC part or total: once its transaction commits, a
task folds the DSRs not folded yet (``isrc_sums_fold``). Until then, the
unmatched walk computes their parts from their usages and adds them in, so
its rows, their order and the total are the same as after the fold, and the
same as a computation from every usage line (the oracle here), through
imports, replaces and deletes, filtered or not, across the head's end.
"""

from collections import defaultdict
from decimal import Decimal, localcontext

import pytest
from django.db import connection

from common.ingest.status import ImportStatus
from dsrs.selectors.isrcs import isrc_revenue_ranked, usage_revenue_by_isrc
from dsrs.services import dsr_delete, dsr_import
from dsrs.services.isrc_sums import isrc_sums_fold_run
from dsrs.services.summaries import EXACT
from dsrs.storage.postgresql import heads
from dsrs.storage.postgresql.isrc_sums import isrc_sums_pending
from dsrs.storage.sql import ISRCRevenue
from tests.dsrs.storage.postgresql.test_isrc_sums import LINES, tsv

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

# Reported by the ES and NO samples: a pending DSR moves them up the ranking.
SAMPLE_ISRC = "UGOBU8365238"
NO_LINES = [
    *LINES,
    *((f"S{n}", SAMPLE_ISRC, 7, "9999999999999999") for n in range(20)),
]
FILTERS = ({}, {"territory": "ES"}, {"territory": "NO"})


@pytest.fixture(autouse=True)
def small_heads(monkeypatch):
    """Heads of three rows: the walks read across their end."""
    monkeypatch.setattr(heads, "HEAD_ROWS", 3)
    monkeypatch.setattr(heads, "HEAD_SHARE", 0)


def oracle(**filters) -> tuple[list[ISRCRevenue], Decimal]:
    """Every usage line summed by key, largest EUR first, and the total."""
    tallies = defaultdict(lambda: [0, Decimal(0)])
    total = Decimal(0)
    with localcontext(EXACT):
        for row in usage_revenue_by_isrc(**filters):
            key = (row.isrc, row.dsp, row.dsp_id, row.reported_isrc)
            tallies[key][0] += row.usages
            tallies[key][1] += row.revenue_eur
            total += row.revenue_eur
    ranked = sorted(tallies.items(), key=lambda item: (-item[1][1], item[0]))
    return [ISRCRevenue(*key, n, amount) for key, (n, amount) in ranked], total


def ranked(*, wanted: int, **filters) -> tuple[list[ISRCRevenue], Decimal]:
    return isrc_revenue_ranked(wanted=wanted, keep=lambda rows: rows, **filters)


def pending() -> list[int]:
    with connection.cursor() as cursor:
        return isrc_sums_pending(cursor=cursor)


def assert_answers_are_the_usages() -> None:
    for filters in FILTERS:
        rows, total = oracle(**filters)
        assert len(rows) > 3, filters
        for wanted in (1, 3, 10**6):
            assert ranked(wanted=wanted, **filters) == (rows[:wanted], total), (
                filters,
                wanted,
            )


def test_an_import_writes_no_parts_and_queues_the_fold(
    samples, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        result = dsr_import(path=samples[0])
    assert result.status == ImportStatus.INGESTED
    assert pending() == [result.import_id]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM dsrs_isrc_dsr_total")
        assert cursor.fetchone() == (0,)
    assert len(callbacks) == 1
    callbacks[0]()  # the task, run at once without a broker
    assert pending() == []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM dsrs_isrc_dsr_total WHERE dsr_id = %s",
            [result.import_id],
        )
        assert cursor.fetchone()[0] > 0


def test_answers_are_the_same_before_and_after_each_fold(samples, tmp_path):
    for path in samples:
        assert dsr_import(path=path).status == ImportStatus.INGESTED
    assert len(pending()) == 4
    assert_answers_are_the_usages()
    assert len(isrc_sums_fold_run()) == 4
    assert_answers_are_the_usages()

    # A new DSR, pending, raises a key the folded totals already hold.
    twins = tsv(tmp_path, NO_LINES)
    new = dsr_import(path=twins)
    assert new.status == ImportStatus.INGESTED and pending() == [new.import_id]
    rows, _ = ranked(wanted=1)
    assert rows[0].isrc == SAMPLE_ISRC
    assert_answers_are_the_usages()

    # Folded, then replaced: pending again, with its new lines.
    assert isrc_sums_fold_run() == [new.import_id]
    assert_answers_are_the_usages()
    tsv(tmp_path, LINES)
    assert dsr_import(path=twins, force=True).status == ImportStatus.INGESTED
    assert pending() == [new.import_id]
    assert_answers_are_the_usages()


def test_a_fold_skips_deleted_dsrs_and_runs_twice(samples):
    results = [dsr_import(path=path) for path in samples[:2]]
    dsr_delete(dsr_ids=[results[0].import_id])
    assert pending() == [results[1].import_id]
    assert isrc_sums_fold_run() == [results[1].import_id]
    assert isrc_sums_fold_run() == []
    assert_answers_are_the_usages_unfiltered()


def test_a_replaced_dsr_is_pending_until_folded_again(samples):
    first = dsr_import(path=samples[1])
    isrc_sums_fold_run()
    again = dsr_import(path=samples[1], force=True)
    assert again.status == ImportStatus.INGESTED
    assert pending() == [first.import_id]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM dsrs_isrc_total")
        assert cursor.fetchone() == (0,)
    assert_answers_are_the_usages_unfiltered()
    assert isrc_sums_fold_run() == [first.import_id]
    assert_answers_are_the_usages_unfiltered()


def assert_answers_are_the_usages_unfiltered() -> None:
    rows, total = oracle()
    assert ranked(wanted=10**6) == (rows, total)
    assert ranked(wanted=2) == (rows[:2], total)
