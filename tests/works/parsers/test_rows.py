"""Reading works files: one edge case per file in tests/data/works."""

import pytest

from works.parsers import (
    FILE_CSV,
    FILE_DUPLICATE_COLUMNS,
    FILE_EMPTY,
    FILE_MISSING_COLUMNS,
    ROW_CONTRIBUTORS_EMPTY,
    ROW_ENCODING,
    ROW_FIELD_COUNT,
    ROW_FIELD_TOO_LONG,
    ROW_LINE_TOO_LONG,
    ROW_NUL,
    ROW_TITLE_EMPTY,
    WorksFormatError,
    WorksReader,
    contributor_key,
    row_fault,
)


def read(path, source="provider"):
    reader = WorksReader(path=path, source=source)
    return list(reader), reader


def test_sample_rows(sample):
    rows, reader = read(sample)
    assert reader.rows_read == 6
    assert [r.line for r in rows] == [2, 3, 4, 5, 6, 7]
    assert rows[3].raw_title == "Me EnamorÃ©"
    assert rows[3].title == "Me Enamoré"  # displayed: repaired spelling
    assert rows[3].title_normal == "me enamore"  # compared
    # The fifth row has no trailing comma: its ISWC is empty, not an error.
    assert (rows[4].raw_iswc, rows[4].iswc, rows[4].reason) == ("", "", "")
    assert [c.name for c in rows[1].contributors] == [
        "O Brien Edward John",
        "Yorke Thomas Edward",
        "Greenwood Colin Charles",
    ]


@pytest.mark.parametrize("name", ["bom_crlf.csv", "lf.csv"])
def test_bom_and_line_endings(data_dir, name):
    (row,), _ = read(data_dir / name)
    assert (row.title, row.iswc, row.reason) == ("Shape of You", "T9204649558", "")
    assert row.raw_iswc.endswith("8")  # no CR left in the last field


def test_short_record_has_its_missing_fields_empty(data_dir):
    (row,), _ = read(data_dir / "short_row.csv", source="fallback")
    assert (row.iswc, row.provider_id, row.source, row.reason) == (
        "",
        "",
        "fallback",
        "",
    )


def test_record_longer_than_the_header_is_rejected(data_dir):
    rows, _ = read(data_dir / "long_row.csv")
    assert rows[0].reason == ROW_FIELD_COUNT.format(expected=3, found=4)
    assert rows[1].reason == ""


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty_title.csv", ROW_TITLE_EMPTY),
        ("no_contributors.csv", ROW_CONTRIBUTORS_EMPTY),
        ("bad_encoding.csv", ROW_ENCODING),
    ],
)
def test_unusable_rows_are_yielded_with_their_reason(data_dir, name, reason):
    rows, reader = read(data_dir / name)
    assert [(r.line, r.reason) for r in rows] == [(2, reason), (3, "")]
    assert reader.rows_read == 2


@pytest.mark.parametrize(
    ("name", "fault"),
    [
        ("empty_title.csv", ("title", "  ")),
        ("no_contributors.csv", ("contributors", " | ")),
        ("bad_encoding.csv", ("", "")),
        ("long_row.csv", ("", "")),
    ],
)
def test_a_rejected_row_names_the_column_at_fault(data_dir, name, fault):
    rejected, usable = read(data_dir / name)[0][:2]
    assert (row_fault(rejected), row_fault(usable)) == (fault, ("", ""))


def test_undecodable_bytes_are_kept_replaced(data_dir):
    rows, _ = read(data_dir / "bad_encoding.csv")
    assert rows[0].raw_title == "Caf\ufffd"


def test_invalid_iswc_is_flagged_not_used(data_dir):
    (row,), _ = read(data_dir / "invalid_iswc.csv")
    assert (row.iswc, row.iswc_invalid, row.raw_iswc) == ("", True, "T9204649559")
    assert row.reason == ""


def test_quoting_header_case_source_and_id(data_dir):
    rows, _ = read(data_dir / "quoted.csv")
    assert [(r.line, r.title, r.source, r.provider_id) for r in rows] == [
        (2, "Hello, Goodbye", "EMI", "w-1"),
        (4, "Yesterday", "EMI", "w-2"),
    ]


def test_blank_lines_are_skipped(data_dir):
    rows, reader = read(data_dir / "blank_line.csv")
    assert [r.line for r in rows] == [2, 4]
    assert (reader.rows_read, reader.blank_lines) == (2, 1)


def test_header_only(data_dir):
    rows, reader = read(data_dir / "header_only.csv")
    assert rows == [] and reader.rows_read == 0


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.csv", FILE_EMPTY.format(name="empty.csv")),
        (
            "missing_column.csv",
            FILE_MISSING_COLUMNS.format(
                name="missing_column.csv", columns="contributors", found="title, iswc"
            ),
        ),
        (
            "duplicate_column.csv",
            FILE_DUPLICATE_COLUMNS.format(name="duplicate_column.csv", columns="title"),
        ),
        (
            "unterminated_quote.csv",
            FILE_CSV.format(
                name="unterminated_quote.csv", line=2, detail="unexpected end of data"
            ),
        ),
    ],
)
def test_file_errors(data_dir, name, message):
    with pytest.raises(WorksFormatError) as error:
        read(data_dir / name)
    assert str(error.value) == message


def test_contributors_compare_as_token_sets():
    assert contributor_key(name="O'Brien Edward John") == contributor_key(
        name="O Brien Edward John"
    )
    assert contributor_key(name="Edward John O Brien") == "brien edward john o"


def test_the_same_row_has_the_same_fingerprint_in_any_file(sample, data_dir):
    (row,), _ = read(data_dir / "lf.csv", source="works_metadata")
    sample_rows, _ = read(sample, source="works_metadata")
    assert row.fingerprint == sample_rows[0].fingerprint
    other_source, _ = read(data_dir / "lf.csv", source="another")
    assert other_source[0].fingerprint != row.fingerprint


def test_a_nul_byte_rejects_the_row_kept_as_u_fffd(data_dir):
    rows, _ = read(data_dir / "nul_byte.csv")
    assert [(r.line, r.reason) for r in rows] == [(2, ""), (3, ROW_NUL), (4, "")]
    assert rows[1].raw_title == "Bad\ufffdSong"


@pytest.mark.parametrize(
    ("limits", "reason"),
    [
        ({"max_line_chars": 40}, ROW_LINE_TOO_LONG.format(limit=40)),
        ({"max_field_chars": 20}, ROW_FIELD_TOO_LONG.format(limit=20)),
    ],
)
def test_records_past_a_limit_are_read_past_whole(tmp_path, limits, reason):
    """Lines of a quoted field after the one past the limit are not records."""
    long = "x" * 60
    path = tmp_path / "limits.csv"
    path.write_text(
        "title,contributors\n"
        "A,Ann\n"
        f"{long},Bo\n"
        f'"{long}\nstill, quoted\n""{long}",Bo\n'
        f'"two\nlines",Cy\n'
        f'Z,"{long}\n"\n'
        "B,Di\n"
    )
    reader = WorksReader(path=path, source="s", **limits)
    rows = list(reader)
    assert [(r.line, r.reason, r.raw_title) for r in rows] == [
        (2, "", "A"),
        (3, reason, ""),
        (4, reason, ""),
        (7, "", "two\nlines"),
        (9, reason, ""),
        (11, "", "B"),
    ]
    assert reader.rows_read == 6
    assert len({r.fingerprint for r in rows}) == 6
