"""export_playlists: the rows written, in the format asked for."""

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_export_playlists(capsys, imported_crawls, tmp_path):
    call_command("export_playlists", str(tmp_path), "--format", "csv")
    assert "5,354 rows" in capsys.readouterr().out


def test_export_playlists_reports_a_bad_path_in_one_sentence(tmp_path):
    """It was a raw traceback (issue 25, item 9)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(CommandError) as raised:
        call_command("export_playlists", str(blocker / "out"))
    assert str(raised.value) == (
        f"cannot write the export to {blocker / 'out'}: not a directory."
    )
