"""The chart page in headless Chromium: it renders, and a screenshot is kept.

The PNG goes to ``$CI_ARTIFACTS`` when set (CI keeps it), else to pytest's
temporary directory.
"""

import os
from pathlib import Path

import pytest

from playlists.models import PlaylistSnapshot
from playlists.services import track_file_import, videos_match
from tests.browser import chromium_driver, requires_chromium

pytestmark = [
    pytest.mark.django_db(transaction=True),
    requires_chromium,
]


@pytest.fixture
def browser():
    with chromium_driver(width=1100, height=800) as driver:
        yield driver


@pytest.fixture
def artifacts(tmp_path) -> Path:
    folder = Path(os.environ.get("CI_ARTIFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_chart_renders_the_top_videos(
    live_server, browser, artifacts, crawl_sample, track_sample
):
    from playlists.services import crawl_file_import

    crawl_file_import(path=crawl_sample)
    track_file_import(path=track_sample)
    videos_match()
    playlist_id = PlaylistSnapshot.objects.get(
        playlist__source_id="PLx0sYbCqOb8Q_CLZC2BdBSKEEB59BOPUM",
        taken_at__date="2022-05-22",
    ).playlist_id

    browser.get(f"{live_server.url}/playlists/{playlist_id}/chart")

    chart = browser.find_element("id", "chart")
    series = chart.find_elements("css selector", "g.series")
    assert len(series) == 10
    assert len(chart.find_elements("css selector", "circle")) > 10
    assert "UK Top 40" in browser.title
    assert chart.size["width"] > 800
    png = artifacts / "playlist-chart.png"
    assert chart.screenshot(str(png))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000  # a blank image compresses to far less


@pytest.mark.parametrize("key", ["999999", "9" * 30])
def test_an_unknown_playlist_is_a_404(client, db, key):
    assert client.get(f"/playlists/{key}/chart").status_code == 404
