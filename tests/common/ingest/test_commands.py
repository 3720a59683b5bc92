import os

import pytest
from django.core.management import CommandError

from common.ingest.commands import NO_FILES, NOT_FOUND, files_collect, text_table


def test_table_aligns_names_left_and_figures_right():
    table = text_table(
        header=("file", "status", "rows"), rows=[("a.csv", "ok", "1,000")]
    )
    assert table.splitlines() == [
        "file   status   rows",
        "-----  ------  -----",
        "a.csv  ok      1,000",
    ]


def test_directories_give_their_entries_with_the_suffixes_sorted(tmp_path):
    for name in ("b.csv", "a.csv", "notes.txt"):
        (tmp_path / name).write_text("x")
    assert files_collect(paths=[tmp_path], suffixes=(".csv",)) == [
        tmp_path / "a.csv",
        tmp_path / "b.csv",
    ]


def test_a_fifo_in_a_directory_is_kept_to_be_reported(tmp_path):
    os.mkfifo(tmp_path / "pipe.csv")
    assert files_collect(paths=[tmp_path], suffixes=(".csv",)) == [
        tmp_path / "pipe.csv"
    ]


def test_a_directory_without_such_files_is_an_error(tmp_path):
    with pytest.raises(CommandError) as error:
        files_collect(paths=[tmp_path], suffixes=(".tsv", ".tsv.gz"))
    assert str(error.value) == NO_FILES.format(
        path=tmp_path, patterns="*.tsv or *.tsv.gz"
    )


def test_a_missing_path_is_an_error(tmp_path):
    with pytest.raises(CommandError) as error:
        files_collect(paths=[tmp_path / "missing.csv"], suffixes=(".csv",))
    assert str(error.value) == NOT_FOUND.format(path=tmp_path / "missing.csv")
