from pathlib import Path

import pytest

from dsrs.services import dsr_import
from works.services import work_import

ROOT = Path(__file__).resolve().parents[2]
DSR_SAMPLES = sorted((ROOT / "data").glob("*.tsv.gz"))
WORKS_WITH_ISRCS = ROOT / "data" / "works" / "works_recordings.csv"
# The work data/works/works_recordings.csv links to two of the DSR samples'
# ISRCs (each reported in all four samples).
SAMPLE_ISWC = "T9260000019"
SAMPLE_ISRCS = ("UGOBU8365238", "USVDU0215539")


@pytest.fixture
def dsrs_imported(db):
    results = [dsr_import(path=path) for path in DSR_SAMPLES]
    assert [r.status for r in results] == ["ingested"] * 4
    return results


@pytest.fixture
def works_linked(db):
    result = work_import(path=WORKS_WITH_ISRCS)
    assert result.status == "ingested", result.message
    return result
