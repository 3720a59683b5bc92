"""The commands are thin: summaries, exit codes, bad paths."""

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


def test_match_videos_summary(capsys, imported_crawls, track_sample):
    call_command("import_tracks", str(track_sample))
    call_command("match_videos")
    out = capsys.readouterr().out
    assert "1,046 videos" in out
    assert "305 matched (exact 214, title 87, fuzzy 4)" in out


def test_export_playlists(capsys, imported_crawls, tmp_path):
    call_command("export_playlists", str(tmp_path), "--format", "csv")
    assert "5,354 rows" in capsys.readouterr().out


def test_export_playlists_reports_a_bad_path_in_one_sentence(tmp_path, db):
    """It was a raw traceback (issue 25, item 9)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(CommandError) as raised:
        call_command("export_playlists", str(blocker / "out"))
    assert str(raised.value) == (
        f"cannot write the export to {blocker / 'out'}: not a directory."
    )
