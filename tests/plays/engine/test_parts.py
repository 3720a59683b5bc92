"""A file in parts gives the whole file's result and error (no database)."""

import pytest

from plays.engine import (
    PlayFileError,
    PlayPartRun,
    PlayTotalsMerge,
    PlayTotalsRun,
    byte_ranges_cut,
)
from plays.engine.errors import LINE_TOO_LONG, NOT_WHOLE, first_error

SAMPLES = [
    "initial_test.csv",
    "quoted_commas.csv",
    "bom_crlf.csv",
    "huge_plays.csv",
    "header_only.csv",
]
INVALID = [
    "first_error_wins.csv",
    "date_before_plays.csv",
    "extra_field.csv",
    "not_utf8.csv",
    "too_large_plays.csv",
    "initial_test_with_invalid_value.csv",
]


def whole(source, tmp_path, limits) -> bytes | str:
    target = tmp_path / "whole.csv"
    try:
        PlayTotalsRun(source=source, target=target, limits=limits).execute()
    except PlayFileError as error:
        return error.message
    return target.read_bytes()


def in_parts(source, tmp_path, limits, parts: int) -> bytes | str:
    """Every part run, then the merge, or the first error as a job reports it."""
    paths, errors = [], []
    for number, byte_range in enumerate(byte_ranges_cut(source=source, parts=parts)):
        target = tmp_path / "parts" / f"{number}.parquet"
        run = PlayPartRun(
            source=source, byte_range=byte_range, target=target, limits=limits
        )
        try:
            run.execute()
        except PlayFileError as error:
            errors.append(error)
        paths.append(target)
    if errors:
        return first_error(errors).message
    target = tmp_path / "merged.csv"
    PlayTotalsMerge(sources=paths, target=target, limits=limits).execute()
    return target.read_bytes()


@pytest.mark.parametrize("parts", [2, 5])
@pytest.mark.parametrize("name", SAMPLES + INVALID)
def test_parts_merge_to_the_whole_files_bytes(data_dir, tmp_path, limits, name, parts):
    source = data_dir / name
    assert in_parts(source, tmp_path, limits, parts) == whole(source, tmp_path, limits)


@pytest.fixture
def generated(tmp_path):
    """300 rows after a quoted line break: records and lines differ."""

    def write(**changes: str) -> object:
        rows = ["Song,Date,Number of Plays", '"Two\nLines",2020-01-01,1']
        rows += [f"Song {i % 17},2020-01-{i % 28 + 1:02d},{i}" for i in range(300)]
        for record, row in changes.items():
            rows[int(record.removeprefix("record")) - 1] = row
        path = tmp_path / "generated.csv"
        path.write_text("\n".join(rows) + "\n")
        return path

    return write


@pytest.mark.parametrize("parts", [3, 40])
def test_the_totals_of_many_parts(generated, tmp_path, limits, parts):
    source = generated()
    assert in_parts(source, tmp_path, limits, parts) == whole(source, tmp_path, limits)


@pytest.mark.parametrize("parts", [1, 6])
def test_an_error_in_a_later_part_names_the_line_in_the_file(
    generated, tmp_path, limits, parts
):
    source = generated(record250="Song 1,2020-01-01,x", record280="Song 2,2020-01-01,y")
    expected = NOT_WHOLE.format(line=250, value="x")  # records, not lines
    assert whole(source, tmp_path, limits) == expected
    assert in_parts(source, tmp_path, limits, parts) == expected


@pytest.mark.parametrize("parts", [1, 6])
def test_a_long_line_anywhere_wins_as_in_the_whole_file(
    generated, tmp_path, limits, parts
):
    limits = type(limits)(**{**vars(limits), "max_line_bytes": 1 << 16})
    long_song = "S" * (1 << 17)
    source = generated(
        record50="Song 1,2020-01-01,x", record290=f"{long_song},2020-01-01,1"
    )
    # Physical lines: the quoted line break on line 2 counts.
    expected = LINE_TOO_LONG.format(line=291, limit=1 << 16)
    assert whole(source, tmp_path, limits) == expected
    assert in_parts(source, tmp_path, limits, parts) == expected


def test_a_part_run_twice_writes_the_same_totals(data_dir, tmp_path, limits):
    source = data_dir / "quoted_commas.csv"
    first = in_parts(source, tmp_path, limits, 3)
    assert in_parts(source, tmp_path, limits, 3) == first
