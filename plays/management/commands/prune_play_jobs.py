"""``manage.py prune_play_jobs [--days N]``: remove finished jobs and leftovers."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from plays.services import play_count_storage_prune

DAYS_NEGATIVE = "--days must be 0 or more, got {days}"
PRUNED = "{jobs} finished job(s) older than {days} day(s) removed, {mib:.1f} MiB freed"
LEFTOVERS = (
    "{temp_uploads} abandoned temporary upload(s) and {work_entries} work "
    "file(s) of jobs not running removed, {mib:.1f} MiB freed"
)


class Command(BaseCommand):
    help = (
        "Delete done and failed play-count jobs finished more than N days ago, "
        "with their uploads and results (default: PLAYS_RETENTION_DAYS); "
        "temporary uploads older than a day; work files of jobs not running."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.PLAYS_RETENTION_DAYS)

    def handle(self, *args, days: int, **options):
        if days < 0:
            raise CommandError(DAYS_NEGATIVE.format(days=days), returncode=2)
        jobs, leftovers = play_count_storage_prune(days=days)
        mib = jobs.bytes_freed / 2**20
        self.stdout.write(PRUNED.format(jobs=jobs.jobs, days=days, mib=mib))
        self.stdout.write(
            LEFTOVERS.format(
                temp_uploads=leftovers.temp_uploads,
                work_entries=leftovers.work_entries,
                mib=leftovers.bytes_freed / 2**20,
            )
        )
