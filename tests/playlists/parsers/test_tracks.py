"""Catalogue rows read from CSV, one edge case per file, without a database."""

from pathlib import Path

import pytest

from playlists.parsers import TrackFileError, TrackRow, TrackRowError, track_rows_read
from playlists.parsers.tracks import EMPTY, FIELD_COUNT, NOT_AN_ID


def read(path: Path) -> list[TrackRow | TrackRowError]:
    # As the importer opens it: a BOM is not part of the first column's name.
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(track_rows_read(stream=stream))


def test_the_sample(track_sample):
    rows = read(track_sample)
    assert len(rows) == 4538
    assert all(isinstance(row, TrackRow) for row in rows)
    assert sum(not row.isrc_valid for row in rows) == 2
    [row] = [row for row in rows if row.cm_track == 31888366]
    assert (row.title, row.isrc, row.artist) == (
        "FEEL SOMETHING (feat. Marshmello)",
        "USSM12006584",
        "The Kid LAROI",
    )


def test_isrcs_are_normalised_with_bom_and_crlf(data_dir):
    [row] = read(data_dir / "tracks_bom_crlf.csv")
    assert (row.isrc, row.isrc_valid) == ("USS1Z9900001", True)


def test_an_invalid_isrc_is_kept_and_flagged(data_dir):
    rows = read(data_dir / "tracks_invalid_isrc.csv")
    assert [(r.cm_track, r.isrc, r.isrc_valid) for r in rows] == [
        (1, "NOTANISRC", False),
        (2, "USS1Z9900002", True),
    ]


def test_a_missing_column_is_a_file_error(data_dir):
    with pytest.raises(TrackFileError, match=r"missing column\(s\) isrc"):
        read(data_dir / "tracks_missing_column.csv")


def test_bad_rows_are_errors_with_line_and_field(data_dir):
    rows = read(data_dir / "tracks_bad_rows.csv")
    errors = [r for r in rows if isinstance(r, TrackRowError)]
    assert [(e.line, e.field, e.reason) for e in errors] == [
        (2, "cm_track", NOT_AN_ID.format(value="x1")),
        (3, "track", EMPTY),
        (5, "", FIELD_COUNT.format(expected=5, got=2)),
    ]
    assert [r.cm_track for r in rows if isinstance(r, TrackRow)] == [3]
