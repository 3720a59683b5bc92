from pathlib import Path

import pytest
from rest_framework.test import APIClient

from plays.engine import EngineLimits
from tests.accounts.factories import SubmitterFactory

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "plays"


@pytest.fixture
def data_dir() -> Path:
    return DATA_DIR


@pytest.fixture
def limits(tmp_path) -> EngineLimits:
    return EngineLimits(memory_limit="128MB", temp_directory=tmp_path / "spill")


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    """Uploads, results and DuckDB's spill files in a directory of the test's.

    Every plays test gets it: a job a factory saves must not land in the
    project's own media/.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PLAYS_WORK_DIR = tmp_path / "work"
    return settings.MEDIA_ROOT


@pytest.fixture
def submitter(db):
    return SubmitterFactory()


@pytest.fixture
def api(submitter) -> APIClient:
    """A client logged in as a submitter, who owns the jobs it uploads."""
    client = APIClient()
    client.force_authenticate(submitter)
    return client
