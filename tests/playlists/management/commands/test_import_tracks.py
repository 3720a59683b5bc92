"""import_tracks: bad rows reported on stderr, the summary on stdout."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_import_tracks_reports_bad_rows(capsys, data_dir):
    call_command("import_tracks", str(data_dir / "tracks_bad_rows.csv"))
    captured = capsys.readouterr()
    assert "tracks_bad_rows.csv:2: cm_track:" in captured.err
    assert "1 recordings stored" in captured.out
