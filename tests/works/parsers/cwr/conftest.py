from pathlib import Path

import pytest

CWR_DIR = Path(__file__).resolve().parents[4] / "tests" / "data" / "works" / "cwr"


@pytest.fixture
def cwr_dir() -> Path:
    """Public CWR samples and the small files written by the layouts."""
    return CWR_DIR
