"""export of snapshots and entries, flat, as CSV and Parquet."""

import csv

import duckdb
import pytest

from playlists.services.exporting import (
    COLUMNS,
    OUT_UNUSABLE,
    UNKNOWN_FORMAT,
    PlaylistsExportError,
    playlists_export,
)
from tests.playlists.factories import PlaylistEntryFactory

pytestmark = pytest.mark.django_db


def test_csv_one_row_per_playlist_crawl_and_position(imported_crawls, tmp_path):
    result = playlists_export(out_dir=tmp_path / "out", file_format="csv")
    assert result.rows == 5354
    with open(result.path, encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0]) == list(COLUMNS)
    keys = {(r["playlist_id"], r["snapshot_id"], r["position"]) for r in rows}
    assert len(keys) == 5354
    row = next(
        r
        for r in rows
        if r["video_id"] == "XXYlFuWEuKI"
        and r["playlist_id"] == "PLx0sYbCqOb8Q_CLZC2BdBSKEEB59BOPUM"
        and r["taken_at"].startswith("2022-05-20")
    )
    assert (row["position"], row["playlist_views"], row["num_videos"]) == (
        "36",
        "615521031",
        "40",
    )


def test_parquet_has_typed_columns(imported_crawls, tmp_path):
    result = playlists_export(out_dir=tmp_path, file_format="parquet")
    assert result.path.name == "playlist_entries.parquet"
    relation = duckdb.sql(f"SELECT * FROM '{result.path}'")
    assert relation.columns == list(COLUMNS)
    types = dict(zip(relation.columns, map(str, relation.types), strict=True))
    assert types["taken_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["position"] == "INTEGER"
    assert duckdb.sql(f"SELECT count(*) FROM '{result.path}'").fetchall() == [(5354,)]
    assert [p.name for p in tmp_path.iterdir()] == ["playlist_entries.parquet"]


def test_an_unknown_format_is_refused(tmp_path, db):
    with pytest.raises(ValueError, match="xlsx"):
        playlists_export(out_dir=tmp_path, file_format="xlsx")
    assert UNKNOWN_FORMAT.startswith("unknown format")


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_leading_cells_are_escaped_as_owasp_says(lead, tmp_path):
    """A spreadsheet ran ``=HYPERLINK(…)`` from a playlist name (issue 25, 9)."""
    name = f'{lead}HYPERLINK("http://evil.example","x")'
    entry = PlaylistEntryFactory(
        snapshot__name=name, video__source_id=f"{lead}1+1", position=3
    )
    result = playlists_export(out_dir=tmp_path, file_format="csv")
    with open(result.path, encoding="utf-8", newline="") as stream:
        (row,) = csv.DictReader(stream)
    assert row["playlist_name"] == "'" + name
    assert row["video_id"] == f"'{lead}1+1"
    assert row["position"] == "3"
    assert row["snapshot_id"] == str(entry.snapshot_id)


def test_parquet_keeps_text_as_it_is(tmp_path):
    PlaylistEntryFactory(snapshot__name="=1+1")
    result = playlists_export(out_dir=tmp_path, file_format="parquet")
    query = f"SELECT playlist_name FROM '{result.path}'"
    assert duckdb.sql(query).fetchall() == [("=1+1",)]


def test_a_bad_path_is_one_sentence(tmp_path, db):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(PlaylistsExportError) as raised:
        playlists_export(out_dir=blocker / "out", file_format="csv")
    assert str(raised.value) == OUT_UNUSABLE.format(
        path=blocker / "out", reason="not a directory"
    )
