"""rows_stage: lines cast in SQL store exactly what the Python parser stores."""

from pathlib import Path

import pytest
from django.db import connection, transaction

from dsrs.models import DSR, DSRRowError, Resource, ResourceTotal, Usage
from dsrs.services import dsr_import, loading, staging
from dsrs.storage.postgresql import casting
from tests.dsrs.conftest import DATA_DIR, SAMPLES_DIR

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgresql,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the SQL cast is PostgreSQL's"
    ),
]

FILES = sorted(p for p in DATA_DIR.iterdir() if p.is_file()) + sorted(
    SAMPLES_DIR.glob("*.tsv.gz")
)


RESULT_FIELDS = (
    "status",
    "message",
    "rows_read",
    "rows_imported",
    "rows_rejected",
    "warnings",
    "details",
    "rejects",
)


def stored(result) -> dict[str, object]:
    """Everything an import leaves behind, by natural keys (ids differ)."""
    return {
        "result": {name: getattr(result, name) for name in RESULT_FIELDS},
        "dsrs": list(
            DSR.objects.order_by("path").values(
                "path", "status", "error", "rows_read", "rows_imported"
            )
        ),
        "warnings": [dsr.warnings for dsr in DSR.objects.order_by("path")],
        "row_errors": list(
            DSRRowError.objects.order_by("line").values_list(
                "line", "field", "value", "reason"
            )
        ),
        "usages": list(
            Usage.objects.order_by("line").values_list(
                "line",
                "resource__dsp_id",
                "usages",
                "revenue",
                "title",
                "artists",
                "isrc",
            )
        ),
        "resources": list(
            Resource.objects.order_by("dsp_id").values_list(
                "dsp", "dsp_id", "title", "artists", "isrc", "metadata_period_end"
            )
        ),
        "totals": list(
            ResourceTotal.objects.order_by("dsp_id").values_list(
                "dsp_id", "usages", "revenue_eur"
            )
        ),
    }


def imported(path: Path, settings, *, cast_in_sql: bool) -> dict[str, object]:
    """Import ``path`` and roll it back; return what it stored."""
    settings.DSRS_IMPORT_CAST_IN_SQL = cast_in_sql
    with transaction.atomic():
        everything = stored(dsr_import(path=path))
        transaction.set_rollback(True)
    return everything


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
@pytest.mark.parametrize(
    "limits", [None, (64, 4)], ids=["default limits", "small limits"]
)
def test_sql_cast_stores_what_the_parser_stores(path, limits, settings):
    """The rule: every file, both paths, the same rows, errors, warnings, counts."""
    if limits:
        settings.DSRS_MAX_LINE_BYTES, settings.DSRS_MAX_FIELD_CHARS = limits
    parsed = imported(path, settings, cast_in_sql=False)
    cast = imported(path, settings, cast_in_sql=True)
    assert cast == parsed


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
