"""The engine on the delivered samples and one file per edge case (no database)."""

import pytest

from plays.engine import EngineLimits, PlayFileError, PlayTotals, PlayTotalsRun
from plays.engine.database import _passes
from plays.engine.errors import (
    BAD_DATE,
    EMPTY_FILE,
    EMPTY_SONG,
    FIELD_COUNT,
    LINE_TOO_LONG,
    NEGATIVE,
    NOT_UTF8,
    NOT_WHOLE,
    PLAYS_MAX,
    TOO_LARGE,
    WRONG_HEADER,
)
from plays.engine.lines import lines_check

HEADER = "Song,Date,Number of Plays"
OUTPUT_HEADER = "Song,Date,Total Number of Plays for Date\n"


def aggregate(data_dir, tmp_path, limits, name: str) -> tuple[PlayTotals, str]:
    target = tmp_path / "out" / "totals.csv"
    run = PlayTotalsRun(source=data_dir / name, target=target, limits=limits)
    totals = run.execute()
    return totals, target.read_text(encoding="utf-8")


def failure(data_dir, tmp_path, limits, name: str) -> str:
    target = tmp_path / "out" / "totals.csv"
    run = PlayTotalsRun(source=data_dir / name, target=target, limits=limits)
    with pytest.raises(PlayFileError) as caught:
        run.execute()
    assert not target.parent.exists() or not any(target.parent.iterdir())
    return caught.value.message


def test_sample_sums_per_song_and_date_ordered(data_dir, tmp_path, limits):
    totals, text = aggregate(data_dir, tmp_path, limits, "initial_test.csv")
    assert text == OUTPUT_HEADER + (
        "In The End,2020-01-01,1500\n"
        "In The End,2020-01-02,500\n"
        "Umbrella,2020-01-01,150\n"
        "Umbrella,2020-01-02,250\n"
    )
    assert totals == PlayTotals(rows_in=7, rows_out=4)


def test_sample_with_invalid_value_names_line_column_value(data_dir, tmp_path, limits):
    message = failure(data_dir, tmp_path, limits, "initial_test_with_invalid_value.csv")
    assert message == "line 4, Number of Plays: 'patata' is not a whole number"
    assert message == NOT_WHOLE.format(line=4, value="patata")


def test_quoting_and_non_latin_songs_survive_the_round_trip(data_dir, tmp_path, limits):
    totals, text = aggregate(data_dir, tmp_path, limits, "quoted_commas.csv")
    # Sorted by the songs' UTF-8 bytes, then date.
    assert text == OUTPUT_HEADER + (
        '"Hello, Goodbye",2020-01-01,8\n'
        '"Say ""Hi""",2020-01-01,4\n'
        '"Two\nLines",2020-01-01,2\n'
        "Песня,2020-01-02,1\n"
        "夜に駆ける,2020-01-02,7\n"
    )
    assert totals == PlayTotals(rows_in=6, rows_out=5)


def test_bom_and_crlf(data_dir, tmp_path, limits):
    totals, text = aggregate(data_dir, tmp_path, limits, "bom_crlf.csv")
    assert text == OUTPUT_HEADER + "Umbrella,2020-01-02,250\n"
    assert totals == PlayTotals(rows_in=2, rows_out=1)


def test_header_only_gives_a_header_only_result(data_dir, tmp_path, limits):
    totals, text = aggregate(data_dir, tmp_path, limits, "header_only.csv")
    assert text == OUTPUT_HEADER
    assert totals == PlayTotals(rows_in=0, rows_out=0)


def test_huge_plays_sum_exactly_past_64_bits(data_dir, tmp_path, limits):
    totals, text = aggregate(data_dir, tmp_path, limits, "huge_plays.csv")
    assert text == OUTPUT_HEADER + (
        f"Umbrella,2020-01-01,{2 * PLAYS_MAX}\nUmbrella,2020-01-02,0\n"
    )
    assert totals == PlayTotals(rows_in=3, rows_out=2)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("empty.csv", EMPTY_FILE),
        (
            "no_header.csv",
            WRONG_HEADER.format(found="Umbrella,2020-01-02,200", expected=HEADER),
        ),
        (
            "wrong_header.csv",
            WRONG_HEADER.format(found="song,date,plays", expected=HEADER),
        ),
        (
            "too_large_plays.csv",
            TOO_LARGE.format(line=3, value="18446744073709551616", maximum=PLAYS_MAX),
        ),
        ("negative_plays.csv", NEGATIVE.format(line=3, value="-5")),
        # DuckDB would read 1.5 as 2: the strict check catches it.
        ("fractional_plays.csv", NOT_WHOLE.format(line=2, value="1.5")),
        ("empty_plays.csv", NOT_WHOLE.format(line=3, value="")),
        ("bad_date.csv", BAD_DATE.format(line=3, value="2020-02-30")),
        ("bad_date_format.csv", BAD_DATE.format(line=2, value="01/02/2020")),
        ("empty_date.csv", BAD_DATE.format(line=2, value="")),
        ("empty_song.csv", EMPTY_SONG.format(line=3)),
        ("missing_field.csv", FIELD_COUNT.format(line=2, found=2)),
        ("extra_field.csv", FIELD_COUNT.format(line=2, found=4)),
        ("not_utf8.csv", NOT_UTF8.format(line=3)),
        # The earliest line wins, whichever check finds it...
        ("first_error_wins.csv", NOT_WHOLE.format(line=2, value="x")),
        # ...and on one line, the columns in order.
        ("date_before_plays.csv", BAD_DATE.format(line=3, value="2020-13-01")),
    ],
)
def test_invalid_file_fails_as_a_whole(data_dir, tmp_path, limits, name, expected):
    assert failure(data_dir, tmp_path, limits, name) == expected


def test_rerun_replaces_the_result_with_the_same_file(data_dir, tmp_path, limits):
    _, first = aggregate(data_dir, tmp_path, limits, "initial_test.csv")
    _, second = aggregate(data_dir, tmp_path, limits, "initial_test.csv")
    assert first == second
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["totals.csv"]


def test_rows_read_is_exact_once_validated(data_dir, tmp_path, limits):
    run = PlayTotalsRun(
        source=data_dir / "initial_test.csv",
        target=tmp_path / "totals.csv",
        limits=limits,
    )
    assert run.rows_read() == 0
    run.execute()
    assert run.rows_read() == 7


@pytest.mark.parametrize("name", ["initial_test.csv", "quoted_commas.csv"])
def test_aggregating_in_passes_gives_the_same_file(data_dir, tmp_path, name):
    """Files past rows_per_pass are loaded once and aggregated per song hash."""
    one_pass = EngineLimits(memory_limit="128MB", temp_directory=tmp_path / "a")
    passes = EngineLimits(
        memory_limit="128MB", temp_directory=tmp_path / "b", rows_per_pass=2
    )
    results = []
    for limits in (one_pass, passes):
        target = tmp_path / limits.temp_directory.name / "totals.csv"
        run = PlayTotalsRun(source=data_dir / name, target=target, limits=limits)
        results.append((run.execute(), target.read_bytes()))
    assert results[0] == results[1]


BAD_FILES = [
    "bad_date.csv",
    "bad_date_format.csv",
    "empty_date.csv",
    "empty_plays.csv",
    "empty_song.csv",
    "extra_field.csv",
    "first_error_wins.csv",
    "fractional_plays.csv",
    "initial_test_with_invalid_value.csv",
    "missing_field.csv",
    "negative_plays.csv",
    "not_utf8.csv",
    "too_large_plays.csv",
]


@pytest.mark.parametrize("name", BAD_FILES)
def test_buckets_blame_the_line_one_pass_blames(data_dir, tmp_path, name):
    """Past rows_per_pass the file is read once into buckets: the checks
    travel with it and name the same line, field and value, and neither a
    result nor a bucket is left behind."""
    messages = []
    for rows_per_pass in (10_000_000, 1):
        limits = EngineLimits(
            memory_limit="128MB",
            temp_directory=tmp_path / str(rows_per_pass),
            rows_per_pass=rows_per_pass,
        )
        messages.append(failure(data_dir, tmp_path, limits, name))
        assert list(limits.temp_directory.iterdir()) == []
    assert messages[0] == messages[1]


def test_passes_take_whole_buckets_up_to_their_rows():
    assert _passes(counts=[(0, 3), (1, 4), (2, 1), (5, 9)], rows_per_pass=7) == [
        [0, 1],
        [2],
        [5],
    ]
    assert _passes(counts=[], rows_per_pass=7) == []


def test_more_fields_than_the_header_are_blamed_before_a_bad_value(
    data_dir, tmp_path, limits
):
    """1,000 fields with the second not a date blamed Date (issue 25, 8)."""
    message = failure(data_dir, tmp_path, limits, "many_fields_bad_date.csv")
    assert message == FIELD_COUNT.format(line=3, found=1000)


def long_line_file(tmp_path, line: str):
    path = tmp_path / "long.csv"
    path.write_text(f"{HEADER}\nUmbrella,2020-01-01,1\n{line}\nB,2020-01-01,2\n")
    return path


@pytest.mark.parametrize(
    "line",
    [
        "x" * 3_000_000 + ",2020-01-01,1",
        '"' + "x" * 3_000_000 + '",2020-01-01,1',
        '"' + "x\n" * 600_000 + '",2020-01-01,1',
    ],
    ids=["unquoted", "quoted", "quoted-over-many-lines"],
)
def test_a_line_past_the_limit_is_named_with_the_limit(tmp_path, limits, line):
    """DuckDB said "unterminated quote", its own maximum, or dropped the line."""
    path = long_line_file(tmp_path, line)
    run = PlayTotalsRun(source=path, target=tmp_path / "out.csv", limits=limits)
    with pytest.raises(PlayFileError) as caught:
        run.execute()
    assert caught.value.message == LINE_TOO_LONG.format(line=3, limit=1_048_576)


def test_a_song_longer_than_128_kib_is_read(tmp_path, limits):
    """The strict check read songs with the csv module's 128 KiB field limit:
    "field larger than field limit (131072)", an internal error."""
    path = long_line_file(tmp_path, "y" * 200_000 + ",2020-01-01,1.5")
    run = PlayTotalsRun(source=path, target=tmp_path / "out.csv", limits=limits)
    with pytest.raises(PlayFileError) as caught:
        run.execute()
    assert caught.value.message == NOT_WHOLE.format(line=3, value="1.5")


def test_lines_check_finds_the_first_long_line_wherever_pieces_end(tmp_path):
    for limit in (5, 9, 70_000):
        for long_at in (2, 3, 40):
            lines = ["a" * (n % limit) for n in range(60)]
            lines[long_at - 1] = "b" * (limit + 1)
            path = tmp_path / "lines.csv"
            path.write_bytes("\n".join(lines).encode())
            with pytest.raises(PlayFileError) as caught:
                lines_check(source=path, max_line_bytes=limit)
            assert caught.value.message == LINE_TOO_LONG.format(
                line=long_at, limit=limit
            )
            lines[long_at - 1] = "b" * limit
            path.write_bytes("\n".join(lines).encode())
            lines_check(source=path, max_line_bytes=limit)
