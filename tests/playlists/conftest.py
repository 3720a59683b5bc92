from pathlib import Path

import pytest

from playlists.services import crawl_file_import

ROOT = Path(__file__).resolve().parents[2]
SAMPLES_DIR = ROOT / "data" / "playlists"
DATA_DIR = ROOT / "tests" / "data" / "playlists"


@pytest.fixture
def data_dir() -> Path:
    return DATA_DIR


@pytest.fixture
def crawl_sample() -> Path:
    return SAMPLES_DIR / "youtube_playlist.json"


@pytest.fixture
def track_sample() -> Path:
    return SAMPLES_DIR / "cm_track.csv"


@pytest.fixture
def imported_crawls(db, crawl_sample):
    result = crawl_file_import(path=crawl_sample)
    assert result.status == "ingested", result.message
    return result
