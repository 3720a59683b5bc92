"""import_playlists: a thin shell; its summary, exit code, bad paths, options."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def test_import_playlists_summary(capsys, crawl_sample):
    call_command("import_playlists", str(crawl_sample))
    out = capsys.readouterr().out
    assert "youtube_playlist.json  ingested  5,354     5,354" in out


def test_a_failed_file_exits_1(capsys, data_dir):
    with pytest.raises(CommandError) as error:
        call_command("import_playlists", str(data_dir / "truncated.json"))
    assert error.value.returncode == 1
    assert "truncated.json" in capsys.readouterr().err


def test_a_missing_path_is_named(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_playlists", str(tmp_path / "nope.json"))


def test_the_crawl_gap_option(capsys, data_dir):
    call_command(
        "import_playlists", str(data_dir / "crawl_gap_chain.json"), "--crawl-gap", "30"
    )
    assert "  3     " in capsys.readouterr().out.splitlines()[-1]
