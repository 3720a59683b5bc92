"""export_playlists: the rows written, in the format asked for."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_export_playlists(capsys, imported_crawls, tmp_path):
    call_command("export_playlists", str(tmp_path), "--format", "csv")
    assert "5,354 rows" in capsys.readouterr().out
