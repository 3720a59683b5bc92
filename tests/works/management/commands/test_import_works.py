from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from common.ingest.commands import NO_FILES, NOT_FOUND
from works.models import SourceRow, Work

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_works", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_directory_of_samples_prints_a_summary(sample):
    out, _ = run(sample.parent)
    # data/works/ also holds works_recordings.csv, the sample with ISRCs.
    header, _rule, line, _recordings = out.splitlines()
    assert header.split("  ")[0] == "file"
    assert line.split() == [
        "works_metadata.csv",
        "ingested",
        "6",
        "4",
        "2",
        "0",
        "0",
        "0",
        "0",
        line.split()[-1],
    ]
    assert Work.objects.count() == 5


def test_source_option_names_the_provider(sample):
    run(sample, "--source", "acme")
    assert set(SourceRow.objects.values_list("source", flat=True)) == {"acme"}


def test_a_failed_file_exits_non_zero_after_the_others(sample, data_dir):
    with pytest.raises(CommandError) as error:
        run(data_dir / "missing_column.csv", sample)
    assert error.value.returncode == 1
    assert str(error.value) == "1 of 2 file(s) not imported"
    assert Work.objects.count() == 4


def test_missing_path(tmp_path):
    with pytest.raises(CommandError) as error:
        run(tmp_path / "x")
    assert str(error.value) == NOT_FOUND.format(path=tmp_path / "x")


def test_directory_without_csv(tmp_path):
    with pytest.raises(CommandError) as error:
        run(tmp_path)
    patterns = "*.csv or *.V21 or *.V22 or *.SUB or *.ISR or *.ACK or *.zip"
    assert str(error.value) == NO_FILES.format(path=tmp_path, patterns=patterns)


def test_cwr_files_in_a_directory_and_strict(data_dir, tmp_path):
    cwr = data_dir / "cwr"
    for name in ("CW210001DMP_000.V21", "untidy.V21"):
        (tmp_path / name).write_bytes((cwr / name).read_bytes())
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 of 2 file"):
        call_command("import_works", str(tmp_path), "--strict", stdout=out, stderr=err)
    assert "transaction count says 3, the file has 2" in err.getvalue()
    assert [line.split()[:3] for line in out.getvalue().splitlines()[2:]] == [
        ["CW210001DMP_000.V21", "ingested", "1"],
        ["untidy.V21", "failed", "2"],  # read before the trailer failed it
    ]
