"""``manage.py match_videos``: decide which recording each video is."""

from django.core.management.base import BaseCommand

from common.ingest.progress import ProgressLine
from playlists.services import videos_match

SUMMARY = (
    "{videos:,} videos in {seconds:.2f} s: {matched:,} matched "
    "({stages}), {ambiguous:,} ambiguous (for review), {unmatched:,} unmatched"
)
STAGES = ("exact", "title", "fuzzy")


class Command(BaseCommand):
    help = (
        "Match every video not decided by staff to a recording: exact, parsed "
        "title, then fuzzy. Safe to run again."
    )

    def handle(self, *args, **options):
        progress = (
            ProgressLine(name="match_videos", stream=self.stderr, unit="videos")
            if self.stderr.isatty()
            else None
        )
        summary = videos_match(on_progress=progress)
        if progress:
            progress.done()
        self.stdout.write(
            SUMMARY.format(
                videos=summary.videos,
                seconds=summary.seconds,
                matched=summary.matched,
                stages=", ".join(f"{s} {summary.per_method[s]:,}" for s in STAGES),
                ambiguous=summary.ambiguous,
                unmatched=summary.videos - summary.matched - summary.ambiguous,
            )
        )
