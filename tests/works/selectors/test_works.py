"""Counts the home page shows: works, and the review items still open."""

import pytest

from tests.works.factories import ReviewItemFactory, WorkFactory
from works.models import ReviewItem
from works.selectors import review_item_count_open, work_count

pytestmark = pytest.mark.django_db


def test_work_count():
    WorkFactory.create_batch(3)
    assert work_count() == 3


def test_only_open_review_items_count():
    ReviewItemFactory()
    ReviewItemFactory(status=ReviewItem.Status.MERGED)
    ReviewItemFactory(status=ReviewItem.Status.DISMISSED)
    assert review_item_count_open() == 1
