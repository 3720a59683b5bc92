"""An import and an admin merge at once, on PostgreSQL, with real connections.

Each runs in a thread with its own connection; events order them so that the
merge starts while the import holds its lock and has rows still to write to
the two works being merged. Before the one lock order, the merge's row locks
and the import's table lock waited for each other until PostgreSQL killed the
import ("deadlock detected"), losing its rows (issue 25, item 2).
"""

import threading

import pytest
from django.contrib.auth.models import User

from tests.threads import Worker, lock_waiters
from tests.works.factories import ReviewItemFactory, WorkFactory
from works.models import SourceRow, Work
from works.services import importing, work_import, work_merge

# SQLite has one writer: two writers cannot overlap there.
pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True),
]


def test_a_merge_during_an_import_waits_and_both_finish(tmp_path, monkeypatch):
    keep = WorkFactory(title="Alpha", contributors=["Ann Writer"])
    merge = WorkFactory(title="Beta", contributors=["Bo Writer"])
    item = ReviewItemFactory(work=merge, candidates=[keep.pk], source_row=None)
    staff = User.objects.create_user("staff", is_staff=True)
    # Rows that join the kept work: the import writes rows that point at it.
    rows = [f"Alpha,Ann Writer|Cy Writer {n},,p,{n}" for n in range(50)]
    rows += [f"Song {n},Someone {n},,p,x{n}" for n in range(200)]
    path = tmp_path / "works.csv"
    path.write_text("title,contributors,iswc,source,id\n" + "\n".join(rows) + "\n")

    import_locked, merge_waiting = threading.Event(), threading.Event()
    reconcile = importing._rows_reconcile

    def reconcile_once_the_merge_waits(*args):
        import_locked.set()
        assert merge_waiting.wait(timeout=60)
        return reconcile(*args)

    monkeypatch.setattr(importing, "_rows_reconcile", reconcile_once_the_merge_waits)
    importer = Worker(lambda: work_import(path=path))
    importer.start()
    assert import_locked.wait(timeout=60)
    merger = Worker(
        lambda: work_merge(
            keep_id=keep.pk, merge_id=merge.pk, user_id=staff.pk, review_id=item.pk
        )
    )
    merger.start()
    while not lock_waiters():  # the merge is queued behind the import's lock
        assert merger.is_alive() or merger.outcome()
    merge_waiting.set()

    imported = importer.outcome()
    merged = merger.outcome()
    assert imported.ok, imported.message
    assert imported.rows_read == 250
    assert merged.keep_id == keep.pk
    assert not Work.objects.filter(pk=merge.pk).exists()
    assert SourceRow.objects.filter(work=keep).count() == 50
