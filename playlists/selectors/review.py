"""Reads: the review queue, videos whose recording staff are to decide."""

from django.db.models import QuerySet

from playlists.models import VideoMatch, VideoReview


def video_review_list(
    *, matches: QuerySet[VideoReview] | None = None
) -> QuerySet[VideoReview]:
    """Videos the matcher left without a recording and no one decided on,
    ambiguous ones first; ``matches`` narrows a queryset already built."""
    if matches is None:
        matches = VideoReview.objects.all()
    return (
        matches.filter(track=None)
        .exclude(method=VideoMatch.Method.MANUAL)
        .order_by("-ambiguous", "video_id")
    )


def video_review_count() -> int:
    return video_review_list().count()
