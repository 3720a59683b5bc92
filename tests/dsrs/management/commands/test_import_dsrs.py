"""The import_dsrs command: a thin shell, an honest summary and exit code."""

import os
import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from common.ingest import files
from dsrs.models import DSR, Usage
from dsrs.services import importing
from tests.dsrs.parsers.dsrf.helpers import SAMPLE, sample_lines, variant_write

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_dsrs", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_directory_of_samples(samples):
    out, _ = run(samples[0].parent)
    lines = out.splitlines()
    assert lines[0].split() == [
        "file",
        "status",
        "imported",
        "rejected",
        "warnings",
        "EUR",
        "rate",
        "seconds",
    ]
    assert [line.split()[1] for line in lines[2:]] == ["ingested"] * 4
    duo = next(line for line in lines if line.startswith("Spotify_SpotifyDuo_NO_NOK"))
    assert duo.split() == [
        "Spotify_SpotifyDuo_NO_NOK_20200101-20200131.tsv.gz",
        "ingested",
        "1,000",
        "0",
        "78",
        "9.9384227273",
        duo.split()[-1],
    ]
    assert "9.9384227273" in out
    assert DSR.objects.count() == 4 and Usage.objects.count() == 4000


def test_second_run_skips_and_succeeds(samples):
    run(samples[0])
    out, err = run(samples[0])
    assert "skipped" in out
    assert "already imported as DSR #" in err


def test_bad_file_among_good_ones_exits_1_and_the_others_import(data_dir, samples):
    with pytest.raises(CommandError) as raised:
        run(data_dir / "BadName.tsv", samples[0])
    assert raised.value.returncode == 1
    assert "1 of 2 file(s) not imported" in str(raised.value)
    assert DSR.objects.count() == 1


def test_dry_run(samples):
    out, _ = run("--dry-run", samples[0])
    assert "dry-run" in out
    assert not DSR.objects.exists()


def test_missing_path(tmp_path):
    with pytest.raises(CommandError, match="no such file or directory"):
        run(tmp_path / "nope.tsv")


def test_what_is_no_regular_file_is_reported_as_such(tmp_path, data_dir):
    shutil.copy(data_dir / "Test_Lf_ES_EUR_20200101-20200131.tsv", tmp_path)
    os.mkfifo(tmp_path / "Test_Fifo_ES_EUR_20200101-20200131.tsv")
    loop = tmp_path / "Test_Loop_ES_EUR_20200101-20200131.tsv"
    loop.symlink_to(loop)
    with pytest.raises(CommandError, match="2 of 3 file"):
        run(tmp_path)
    out, err = run_failing(tmp_path)
    assert f"{tmp_path}/Test_Fifo_ES_EUR_20200101-20200131.tsv: " in err
    assert files.PATH_NOT_REGULAR.format(name="", kind="FIFO") in err
    assert files.PATH_LOOP.format(name=loop) in err
    lf = next(line for line in out.splitlines() if line.startswith("Test_Lf"))
    assert lf.split()[1] == "skipped"


def test_an_unexpected_error_fails_that_file_only(samples, monkeypatch):
    real = importing._rows_load

    def disk_full(reader, *args):
        if "_NO_" in str(reader.path):
            raise OSError(28, "No space left on device")
        return real(reader, *args)

    monkeypatch.setattr(importing, "_rows_load", disk_full)
    out, err = run_failing(*samples)
    assert "unexpected OSError: [Errno 28] No space left on device" in err
    assert [line.split()[1] for line in out.splitlines()[2:]] == [
        "failed",
        "ingested",
        "ingested",
        "ingested",
    ]
    assert DSR.objects.count() == 3


def run_failing(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_dsrs", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


class TestDSRF:
    """import_dsrs takes a DSRF report beside the TSV files, by its content."""

    def test_a_dsrf_report_imports_as_its_dsrs(self):
        out, _ = run(SAMPLE)
        row = out.splitlines()[2].split()
        assert row[:5] == [SAMPLE.name, "ingested", "7", "0", "0"]
        assert DSR.objects.count() == 2 and Usage.objects.count() == 7

    def test_strict_fails_on_foot_counts(self, tmp_path):
        lines = sample_lines()
        lines[-1] = "FOOT\t25\t25\t2\t3\t3"
        path = variant_write(tmp_path, lines)
        with pytest.raises(CommandError):
            run("--strict", path)
        assert not DSR.objects.exists()
        out, _ = run(path)
        assert "ingested" in out and SAMPLE.name in out
        assert DSR.objects.get(territory__code_2="GB").warnings == {
            "FOOT NumberOfLinesInFile says 25, the file has 24": 1
        }
