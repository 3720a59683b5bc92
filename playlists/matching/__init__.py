"""Video -> recording matching, pure Python (no ORM): the rules in one place."""

from playlists.matching.catalogue import (
    Catalogue,
    CatalogueRow,
    RecordingGroup,
    canonical_order,
)
from playlists.matching.matcher import (
    EXACT,
    FUZZY,
    FUZZY_THRESHOLD,
    NONE,
    TITLE,
    MatchDecision,
    video_match,
)
from playlists.matching.videos import VideoText, video_readings

__all__ = [
    "EXACT",
    "FUZZY",
    "FUZZY_THRESHOLD",
    "NONE",
    "TITLE",
    "Catalogue",
    "CatalogueRow",
    "MatchDecision",
    "RecordingGroup",
    "VideoText",
    "canonical_order",
    "video_match",
    "video_readings",
]
