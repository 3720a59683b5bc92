"""Counts the home page shows: every job, and the failed ones."""

import pytest

from plays.models import PlayCountJob
from plays.selectors import play_count_job_count
from tests.plays.factories import PlayCountJobFactory

pytestmark = pytest.mark.django_db


def test_every_job_or_the_failed_ones():
    for status in PlayCountJob.Status:
        PlayCountJobFactory(status=status)
    PlayCountJobFactory(status=PlayCountJob.Status.FAILED)
    assert play_count_job_count() == len(PlayCountJob.Status) + 1
    assert play_count_job_count(failed=True) == 2
