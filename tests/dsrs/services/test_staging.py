"""rows_stage: which lines the SQL casts, which it leaves to the parser, and why
(that both store the same: test_rows_twins)."""

import pytest

from dsrs.models import DSR, Usage
from dsrs.services import dsr_import, loading, staging
from dsrs.storage.postgresql import casting

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgresql,  # the SQL cast is PostgreSQL's
]


@pytest.fixture
def spied(monkeypatch):
    """Count the rows the Python parser staged and the files COPY refused."""
    seen = {"parsed": 0, "refused": []}
    stage, copy = loading.Loader.stage, casting.RawLines.copy

    def stage_counted(self, rows):
        seen["parsed"] += len(rows)
        stage(self, rows)

    def copy_seen(self, **kwargs):
        refused = copy(self, **kwargs)
        seen["refused"].append(refused)
        return refused

    monkeypatch.setattr(loading.Loader, "stage", stage_counted)
    monkeypatch.setattr(casting.RawLines, "copy", copy_seen)
    return seen


def test_samples_are_cast_in_sql_but_one_exponent(spied, samples):
    for path in samples:
        assert dsr_import(path=path).rows_imported == 1000
    assert spied == {"parsed": 1, "refused": ["", "", "", ""]}


@pytest.mark.parametrize(
    ("name", "parsed"),
    [
        ("Test_Whitespace_ES_EUR_20200101-20200131.tsv", 3),  # spaced, lower-case
        ("Test_Scientific_ES_EUR_20200101-20200131.tsv", 2),  # the exponents
        ("Test_IsrcCompact_ES_EUR_20200101-20200131.tsv", 2),  # short, hyphenated
    ],
)
def test_only_the_lines_the_sql_leaves_over_are_parsed(spied, data_dir, name, parsed):
    assert dsr_import(path=data_dir / name).status == "ingested"
    assert spied == {"parsed": parsed, "refused": [""]}


@pytest.mark.parametrize(
    ("name", "refused"),
    [
        ("Test_CopyMarker_ES_EUR_20200101-20200131.tsv", "end-of-data marker"),
        ("Test_ControlBytes_ES_EUR_20200101-20200131.tsv", "delimiter or quote"),
        ("Test_CarriageReturn_ES_EUR_20200101-20200131.tsv", "carriage return"),
        ("Test_Nul_ES_EUR_20200101-20200131.tsv", "NUL"),
        ("Test_Utf8_ES_EUR_20200101-20200131.tsv", "UTF-8"),
        ("Test_LongLine_ES_EUR_20200101-20200131.tsv.gz", "longer than"),
        ("Test_Truncated_ES_EUR_20200101-20200131.tsv.gz", "could not be read"),
    ],
)
def test_bytes_copy_would_read_send_the_file_to_the_parser(
    spied, data_dir, name, refused
):
    dsr_import(path=data_dir / name)
    assert len(spied["refused"]) == 1 and refused in spied["refused"][0]


def test_a_crash_after_the_cast_leaves_nothing(db, samples, monkeypatch):
    def crash(self, *, fields):
        raise RuntimeError("disk full")

    monkeypatch.setattr(loading.Loader, "finish", crash)
    with pytest.raises(RuntimeError, match="disk full"):
        dsr_import(path=samples[0])
    assert not DSR.objects.exists() and not Usage.objects.exists()


def test_leftovers_are_parsed_in_batches(spied, data_dir, monkeypatch):
    monkeypatch.setattr(staging, "BATCH_ROWS", 1)
    path = data_dir / "Test_BadNumbers_ES_EUR_20200101-20200131.tsv"
    result = dsr_import(path=path)
    assert (result.rows_imported, result.rows_rejected) == (2, 8)
