"""The admin: works with their evidence, the review queue, merge and dismiss."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from tests.works.factories import ReviewItemFactory, SourceRowFactory, WorkFactory
from works.admin import OUTCOME_LABELS, REVIEW_KIND_LABELS
from works.models import ReviewItem, Work
from works.reconciliation import Outcome, ReviewKind
from works.services import work_import
from works.services.reviewing import MERGE_TWO_ISWCS

pytestmark = pytest.mark.django_db

WORKS = reverse("admin:works_work_changelist")
REVIEWS = reverse("admin:works_reviewitem_changelist")


def merge_url(item):
    return reverse("admin:works_reviewitem_merge", args=[item.pk])


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("T-920.464.955-8", 1),  # an ISWC in any spelling
        ("adventure", 1),  # a title
        ("Selway", 1),  # a contributor
        ("nothing like it", 0),
    ],
)
def test_works_search(admin_client, sample, query, count):
    work_import(path=sample)
    response = admin_client.get(WORKS, {"q": query})
    assert response.status_code == 200
    assert response.context["cl"].result_count == count


def test_work_page_shows_contributors_titles_and_source_rows(admin_client, sample):
    work_import(path=sample)
    work = Work.objects.get(iswc="T0101974597")
    response = admin_client.get(reverse("admin:works_work_change", args=[work.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Selway Philip James" in page and "Greenwood Colin Charles" in page
    assert page.count("matched by ISWC") == 1  # the second source row
    assert "iswc_match" not in page


def test_works_cannot_be_added_or_edited(admin_client):
    work = WorkFactory()
    assert admin_client.get(reverse("admin:works_work_add")).status_code == 403
    response = admin_client.post(
        reverse("admin:works_work_change", args=[work.pk]), {"title": "x"}
    )
    assert response.status_code == 403


def test_review_queue_lists_open_items(admin_client):
    ReviewItemFactory(kind="conflict")
    ReviewItemFactory(status="dismissed")
    response = admin_client.get(REVIEWS, {"status__exact": "open"})
    assert response.context["cl"].result_count == 1


def test_merge_from_the_review_queue(admin_client, admin_user):
    other = WorkFactory(title="Intro", contributors=["Smith John"])
    item = ReviewItemFactory(work=WorkFactory(title="Intro"), candidates=[other.pk])
    SourceRowFactory(work=other)
    page = admin_client.get(merge_url(item))
    assert page.status_code == 200
    assert page.context["form"].initial == {"other": other.pk}
    response = admin_client.post(merge_url(item), {"other": other.pk, "keep": "other"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:works_work_change", args=[other.pk])
    assert list(Work.objects.values_list("pk", flat=True)) == [other.pk]
    item.refresh_from_db()
    assert (item.status, item.work_id, item.resolved_by) == (
        "merged",
        other.pk,
        admin_user,
    )
    assert LogEntry.objects.count() == 2


@pytest.mark.parametrize("status", ["merged", "dismissed"])
def test_a_resolved_item_cannot_be_merged_again(admin_client, status):
    other = WorkFactory()
    item = ReviewItemFactory(status=status)
    assert admin_client.get(merge_url(item)).status_code == 404
    response = admin_client.post(merge_url(item), {"other": other.pk, "keep": "this"})
    assert response.status_code == 404
    assert Work.objects.count() == 2


def test_merge_refused_for_two_iswcs_shows_why(admin_client):
    item = ReviewItemFactory(work=WorkFactory(iswc="T9204649558"))
    other = WorkFactory(iswc="T0101974597")
    response = admin_client.post(merge_url(item), {"other": other.pk, "keep": "this"})
    assert response.status_code == 200
    assert MERGE_TWO_ISWCS.format(keep="T9204649558", merge="T0101974597") in (
        response.content.decode()
    )
    assert Work.objects.count() == 2


def test_dismiss_action(admin_client):
    items = ReviewItemFactory.create_batch(2)
    response = admin_client.post(
        REVIEWS,
        {"action": "dismiss", "_selected_action": [i.pk for i in items]},
    )
    assert response.status_code == 302
    assert set(ReviewItem.objects.values_list("status", flat=True)) == {"dismissed"}
    assert LogEntry.objects.count() == 2


def test_merging_needs_the_change_permission(client):
    user = User.objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_reviewitem"))
    client.force_login(user)
    item = ReviewItemFactory()
    assert client.get(REVIEWS).status_code == 200
    assert client.get(merge_url(item)).status_code == 403


def test_works_list_shows_contributors(admin_client, sample):
    work_import(path=sample)
    page = admin_client.get(WORKS).content.decode()
    assert "Greenwood Colin Charles, O Brien Edward John" in page


def test_review_filters_and_source_rows_read_as_words(admin_client, sample):
    work_import(path=sample)
    queue = admin_client.get(reverse("admin:works_reviewitem_changelist"))
    page = queue.content.decode()
    assert "invalid ISWC (shape or check digit)" in page
    assert ">invalid_iswc<" not in page
    rows = admin_client.get(reverse("admin:works_sourcerow_changelist"))
    assert "created a work" in rows.content.decode()


def test_every_review_kind_and_outcome_has_words():
    assert set(REVIEW_KIND_LABELS) == set(ReviewKind)
    assert set(OUTCOME_LABELS) == set(Outcome)
