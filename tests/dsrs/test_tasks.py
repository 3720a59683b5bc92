"""The per-ISRC fold runs on a real Celery worker once the import commits.

``import_dsrs`` runs in a process of its own with a broker (RabbitMQ, a
queue of this test's own): its DSR is ingested and pending, the fold sits in
the queue; a worker started afterwards folds it. Processes share the test
database, so the test commits (``transaction=True``): PostgreSQL only.
"""

import subprocess
import sys

import pytest
from django.db import connection
from kombu import Connection

from dsrs.models import DSR
from dsrs.services import dsr_delete
from dsrs.storage.postgresql.isrc_sums import isrc_sums_pending
from tests.dsrs.conftest import SAMPLES_DIR
from tests.plays.test_tasks import ROOT, environment, stop, wait_until, worker

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

__all__ = ["environment"]  # a fixture of the end-to-end plays tests


@pytest.fixture(autouse=True)
def delete_everything_after(environment):
    """Flushing tables leaves the per-ISRC sums, which have no model; and
    the queue is this test's."""
    yield
    dsr_delete(dsr_ids=list(DSR.objects.values_list("pk", flat=True)))
    with Connection(environment["CELERY_BROKER_URL"]) as broker:
        broker.default_channel.queue_delete(environment["CELERY_TASK_DEFAULT_QUEUE"])


def pending() -> list[int]:
    with connection.cursor() as cursor:
        return isrc_sums_pending(cursor=cursor)


def parts_of(dsr_id: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM dsrs_isrc_dsr_total WHERE dsr_id = %s", [dsr_id]
        )
        return cursor.fetchone()[0]


def test_a_worker_folds_what_an_import_queued(environment, tmp_path):
    sample = sorted(SAMPLES_DIR.glob("*.tsv.gz"))[0]
    done = subprocess.run(
        [sys.executable, "manage.py", "import_dsrs", str(sample)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    dsr = DSR.objects.get()
    assert dsr.status == "ingested"
    assert pending() == [dsr.pk] and parts_of(dsr.pk) == 0

    log = tmp_path / "worker.log"
    process = worker(environment, log)
    try:
        wait_until(lambda: pending() == [], process, log)
    finally:
        stop(process)
    assert parts_of(dsr.pk) > 0
    assert "dsrs.tasks.isrc_sums_fold_pending" in log.read_text()
