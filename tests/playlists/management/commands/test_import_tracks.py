"""import_tracks: bad rows reported on stderr, the summary on stdout."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def test_import_tracks_reports_bad_rows(capsys, data_dir):
    call_command("import_tracks", str(data_dir / "tracks_bad_rows.csv"))
    captured = capsys.readouterr()
    assert "tracks_bad_rows.csv:2: cm_track:" in captured.err
    assert "tracks_bad_rows.csv:5: (line):" in captured.err
    assert "1 recordings stored" in captured.out
    assert "3 rows rejected" in captured.out


def test_import_tracks_exits_1_on_a_bad_file(capsys, data_dir):
    with pytest.raises(CommandError) as error:
        call_command("import_tracks", str(data_dir / "tracks_missing_column.csv"))
    assert error.value.returncode == 1
    assert "missing column(s) isrc" in capsys.readouterr().err


def test_import_tracks_names_a_missing_path(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_tracks", str(tmp_path / "cm_track.csv"))
