"""``manage.py prune_play_jobs [--days N]``: remove finished jobs and their files."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plays.services import play_count_job_prune

DAYS_NEGATIVE = "--days must be 0 or more, got {days}"
PRUNED = "{jobs} finished job(s) older than {days} day(s) removed, {mib:.1f} MiB freed"


class Command(BaseCommand):
    help = (
        "Delete done and failed play-count jobs finished more than N days ago, "
        "with their uploads and results (default: PLAYS_RETENTION_DAYS)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.PLAYS_RETENTION_DAYS)

    def handle(self, *args, days: int, **options):
        if days < 0:
            raise CommandError(DAYS_NEGATIVE.format(days=days), returncode=2)
        result = play_count_job_prune(
            finished_before=timezone.now() - timedelta(days=days)
        )
        mib = result.bytes_freed / 2**20
        self.stdout.write(PRUNED.format(jobs=result.jobs, days=days, mib=mib))
