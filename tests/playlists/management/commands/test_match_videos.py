"""match_videos: the summary of what matched, and how."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_match_videos_summary(capsys, imported_crawls, track_sample):
    call_command("import_tracks", str(track_sample))
    call_command("match_videos")
    out = capsys.readouterr().out
    assert "1,046 videos" in out
    assert "305 matched (exact 214, title 87, fuzzy 4)" in out
