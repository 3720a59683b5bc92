"""Merging works and dismissing review items."""

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.auth.models import User

from tests.works.factories import ReviewItemFactory, SourceRowFactory, WorkFactory
from works.models import Contributor, ReviewItem, SourceRow, Work, WorkTitle
from works.services import WorkMergeError, review_dismiss, work_merge
from works.services.reviewing import MERGE_SAME_WORK, MERGE_TWO_ISWCS

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return User.objects.create_user("staff", is_staff=True)


def test_merge_moves_rows_contributors_titles_and_iswc(staff):
    keep = WorkFactory(title="Intro", contributors=["Smith John"])
    merge = WorkFactory(
        title="The Intro", iswc="T9204649558", contributors=["John Smith", "Doe Jane"]
    )
    SourceRowFactory(work=keep)
    SourceRowFactory.create_batch(2, work=merge)
    item = ReviewItemFactory(work=merge, candidates=[keep.pk], source_row=None)

    result = work_merge(
        keep_id=keep.pk, merge_id=merge.pk, user_id=staff.pk, review_id=item.pk
    )

    assert (result.rows, result.contributors, result.titles) == (2, 1, 1)
    assert not Work.objects.filter(pk=merge.pk).exists()
    keep.refresh_from_db()
    assert (keep.iswc, keep.title) == ("T9204649558", "Intro")
    assert SourceRow.objects.filter(work=keep).count() == 3
    assert sorted(
        Contributor.objects.filter(work=keep).values_list("name", flat=True)
    ) == [
        "Doe Jane",
        "Smith John",
    ]
    assert sorted(
        WorkTitle.objects.filter(work=keep).values_list("title", flat=True)
    ) == [
        "Intro",
        "The Intro",
    ]
    item.refresh_from_db()
    assert (item.status, item.work, item.resolved_by) == ("merged", keep, staff)
    entries = LogEntry.objects.order_by("pk")
    assert [(e.action_flag, e.object_id) for e in entries] == [
        (CHANGE, str(keep.pk)),
        (DELETION, str(merge.pk)),
    ]
    assert entries[0].user == staff
    assert "2 source rows" in entries[0].change_message


def test_two_different_iswcs_never_merge(staff):
    keep = WorkFactory(iswc="T9204649558")
    merge = WorkFactory(iswc="T0101974597")
    with pytest.raises(WorkMergeError) as error:
        work_merge(keep_id=keep.pk, merge_id=merge.pk, user_id=staff.pk)
    assert str(error.value) == MERGE_TWO_ISWCS.format(
        keep="T9204649558", merge="T0101974597"
    )
    assert Work.objects.count() == 2 and not LogEntry.objects.exists()


def test_a_work_is_not_merged_into_itself(staff):
    work = WorkFactory()
    with pytest.raises(WorkMergeError, match=MERGE_SAME_WORK):
        work_merge(keep_id=work.pk, merge_id=work.pk, user_id=staff.pk)


def test_dismiss_only_open_items_and_log_them(staff):
    open_item = ReviewItemFactory()
    done = ReviewItemFactory(status=ReviewItem.Status.MERGED)
    assert review_dismiss(review_ids=[open_item.pk, done.pk], user_id=staff.pk) == 1
    open_item.refresh_from_db()
    assert (open_item.status, open_item.resolved_by) == ("dismissed", staff)
    (entry,) = LogEntry.objects.all()
    assert (entry.object_id, entry.action_flag) == (str(open_item.pk), CHANGE)
