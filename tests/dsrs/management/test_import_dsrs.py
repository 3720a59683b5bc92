"""The import_dsrs command: a thin shell, an honest summary and exit code."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dsrs.models import DSR, Usage

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    from io import StringIO

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
