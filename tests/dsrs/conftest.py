from pathlib import Path

import pytest
from rest_framework.renderers import JSONRenderer

from common.json_stream import json_array_join
from dsrs.parsers import (
    DSRReader,
    ParsedRow,
    RowError,
)
from dsrs.selectors import resource_json_top_percentile, resource_list_top_percentile
from dsrs.serializers import ResourceSerializer
from dsrs.services import dsr_import

ROOT = Path(__file__).resolve().parents[2]
SAMPLES_DIR = ROOT / "data"
DATA_DIR = ROOT / "tests" / "data" / "dsrs"


def dsr_read(path: Path) -> tuple[list[ParsedRow], list[RowError], DSRReader]:
    """A DSR file read whole: its rows, its row errors and the reader."""
    reader = DSRReader(path)
    items = list(reader)
    rows = [item for item in items if isinstance(item, ParsedRow)]
    errors = [item for item in items if isinstance(item, RowError)]
    return rows, errors, reader


@pytest.fixture
def samples() -> list[Path]:
    """The four DSRs delivered with the specification."""
    return sorted(SAMPLES_DIR.glob("*.tsv.gz"))


@pytest.fixture
def data_dir() -> Path:
    return DATA_DIR


@pytest.fixture
def imported_samples(db, samples):
    """The four samples imported; returns their ``ImportResult``s."""
    results = [dsr_import(path=path) for path in samples]
    assert [r.status for r in results] == ["ingested"] * 4, [r.message for r in results]
    return results


def json_of_sql(**query) -> bytes:
    pieces = resource_json_top_percentile(**query)
    assert pieces is not None
    return b"".join(json_array_join(pieces=pieces))


def json_of_python(**query) -> bytes:
    resources = resource_list_top_percentile(**query)
    return JSONRenderer().render(ResourceSerializer(resources, many=True).data)
