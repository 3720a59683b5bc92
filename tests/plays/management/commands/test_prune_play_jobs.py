"""``prune_play_jobs``: the retention from settings or --days."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from plays.management.commands.prune_play_jobs import DAYS_NEGATIVE
from plays.models import PlayCountJob
from tests.plays.factories import PlayCountJobFactory

pytestmark = pytest.mark.django_db


def finished(days_ago: int) -> PlayCountJob:
    return PlayCountJobFactory(
        status=PlayCountJob.Status.DONE,
        finished_at=timezone.now() - timedelta(days=days_ago),
    )


def test_default_retention_comes_from_settings(media, settings):
    settings.PLAYS_RETENTION_DAYS = 7
    kept, pruned = finished(3), finished(8)
    out = StringIO()
    call_command("prune_play_jobs", stdout=out)
    assert list(PlayCountJob.objects.values_list("pk", flat=True)) == [kept.pk]
    assert out.getvalue().startswith("1 finished job(s) older than 7 day(s) removed")
    assert pruned.pk not in PlayCountJob.objects.values_list("pk", flat=True)


def test_days_option_and_its_bounds(media):
    finished(3)
    call_command("prune_play_jobs", "--days", "2", stdout=StringIO())
    assert not PlayCountJob.objects.exists()
    with pytest.raises(CommandError, match=DAYS_NEGATIVE.format(days=-1)):
        call_command("prune_play_jobs", "--days", "-1")
