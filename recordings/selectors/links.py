"""Reads: recordings, their links and what the link rules decide for them."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet

from common.identifiers import isrc_normalise
from recordings.models import LinkReview, Recording, RecordingWork
from recordings.rules.links import Claim, LinkDecision, links_decide


def recording_get(*, isrc: str) -> Recording | None:
    """The recording of an ISRC in any spelling, or ``None``."""
    normal, valid = isrc_normalise(value=isrc)
    if not valid:
        return None
    return Recording.objects.filter(isrc=normal).first()


def recording_decisions(*, isrcs: Iterable[str]) -> dict[str, LinkDecision]:
    """Per ISRC (normal form) with links, the works its revenue goes to."""
    claims: dict[str, list[Claim]] = defaultdict(list)
    rows = RecordingWork.objects.filter(recording__isrc__in=list(isrcs)).values_list(
        "recording__isrc", "iswc", "source", "share"
    )
    for isrc, iswc, source, share in rows:
        claims[isrc].append(Claim(iswc, source, share))
    return {isrc: links_decide(claims=found) for isrc, found in claims.items()}


def recording_isrcs_linked_to(*, iswc: str) -> list[str]:
    """The ISRCs some source links to the work ``iswc`` (normal form)."""
    return sorted(
        set(
            RecordingWork.objects.filter(iswc=iswc).values_list(
                "recording__isrc", flat=True
            )
        )
    )


def recording_links(*, isrc: str) -> QuerySet[RecordingWork]:
    return RecordingWork.objects.filter(recording__isrc=isrc).order_by("iswc", "source")


def link_review_count_open() -> int:
    return LinkReview.objects.filter(status=LinkReview.Status.OPEN).count()


def recording_count() -> int:
    return Recording.objects.count()
