from itertools import count
from pathlib import Path

import pytest

from works.reconciliation import WorkPool

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "works" / "works_metadata.csv"
DATA_DIR = ROOT / "tests" / "data" / "works"


@pytest.fixture
def sample() -> Path:
    """The works file delivered with the specification."""
    return SAMPLE


@pytest.fixture
def data_dir() -> Path:
    return DATA_DIR


@pytest.fixture
def pool() -> WorkPool:
    """An empty pool numbering new works 1, 2, 3..."""
    ids = count(1)
    return WorkPool(next_id=lambda: next(ids))
