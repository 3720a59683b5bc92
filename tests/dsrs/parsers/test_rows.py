"""The row stream: rows, row errors, warnings and limits, without a database."""

import gzip
from decimal import Decimal

import pytest

from common.identifiers import isrc_normalise
from dsrs.parsers import (
    DSRFormatError,
    DSRReader,
    ParsedRow,
    RowError,
)
from dsrs.parsers import numbers as number_rules
from dsrs.parsers import rows as row_rules
from tests.dsrs.conftest import dsr_read


class TestFileEncodings:
    @pytest.mark.parametrize(
        "name",
        [
            "Test_Lf_ES_EUR_20200101-20200131.tsv",
            "Test_Crlf_ES_EUR_20200101-20200131.tsv",
            "Test_Bom_ES_EUR_20200101-20200131.tsv",
            "Test_Gzip_ES_EUR_20200101-20200131.tsv.gz",
            "Test_GzipNoSuffix_ES_EUR_20200101-20200131.tsv",
        ],
    )
    def test_same_rows_whatever_the_encoding(self, data_dir, name):
        rows, errors, reader = dsr_read(data_dir / name)
        assert errors == []
        assert reader.rows_read == 3
        assert rows[0] == ParsedRow(
            2,
            "RES0000000000000000000000000001",
            "First song",
            "Ana|Bea",
            "ESAB12000001",
            10,
            "1.50",
        )
        assert [r.revenue for r in rows] == [
            "1.50",
            "2.25",
            "0.0000000000000000000000000000001",
        ]

    def test_header_in_another_order_with_an_extra_column(self, data_dir):
        rows, errors, _ = dsr_read(
            data_dir / "Test_Reordered_ES_EUR_20200101-20200131.tsv"
        )
        assert errors == []
        assert rows == [
            ParsedRow(
                2,
                "RES0000000000000000000000000001",
                "First song",
                "Ana|Bea",
                "ESAB12000001",
                10,
                "1.50",
            )
        ]

    def test_invalid_utf8_line_is_rejected_with_its_line(self, data_dir):
        rows, errors, _ = dsr_read(data_dir / "Test_Utf8_ES_EUR_20200101-20200131.tsv")
        assert [r.title for r in rows] == ["Canción"]
        assert [(e.line, e.reason) for e in errors] == [(2, row_rules.ROW_ENCODING)]


class TestFileErrors:
    def test_missing_column_names_it(self, data_dir):
        with pytest.raises(
            DSRFormatError, match=r"line 1: missing required column\(s\) revenue"
        ):
            dsr_read(data_dir / "Test_MissingColumn_ES_EUR_20200101-20200131.tsv")

    def test_empty_file(self, data_dir):
        with pytest.raises(DSRFormatError, match="file is empty"):
            dsr_read(data_dir / "Test_Empty_ES_EUR_20200101-20200131.tsv")

    def test_truncated_gzip_names_the_line(self, data_dir):
        with pytest.raises(
            DSRFormatError, match=r"line \d+: compressed data is corrupt"
        ):
            dsr_read(data_dir / "Test_Truncated_ES_EUR_20200101-20200131.tsv.gz")

    def test_duplicate_column(self, tmp_path):
        path = tmp_path / "A_B_ES_EUR_20200101-20200131.tsv"
        path.write_text("dsp_id\tusages\trevenue\tusages\n")
        with pytest.raises(DSRFormatError, match="usages appear more than once"):
            dsr_read(path)

    def test_header_only_is_a_warning(self, data_dir):
        rows, errors, reader = dsr_read(
            data_dir / "Test_HeaderOnly_ES_EUR_20200101-20200131.tsv"
        )
        assert (rows, errors) == ([], [])
        assert reader.warnings == {row_rules.WARN_NO_ROWS: 1}


class TestRows:
    def test_empty_numbers_read_as_zero_with_warnings(self, data_dir):
        rows, errors, reader = dsr_read(
            data_dir / "Test_EmptyFields_ES_EUR_20200101-20200131.tsv"
        )
        assert errors == []
        assert [(r.usages, r.revenue) for r in rows] == [(0, "1.5"), (7, "0"), (0, "0")]
        assert reader.warnings == {
            row_rules.WARN_USAGES_EMPTY: 2,
            row_rules.WARN_REVENUE_EMPTY: 2,
            row_rules.WARN_ISRC_EMPTY: 1,
        }

    def test_bad_numbers_are_rejected_with_line_field_value_reason(self, data_dir):
        rows, errors, _ = dsr_read(
            data_dir / "Test_BadNumbers_ES_EUR_20200101-20200131.tsv"
        )
        assert [r.line for r in rows] == [2, 11]
        assert [tuple(e) for e in errors] == [
            (3, "usages", "abc", number_rules.ROW_NOT_WHOLE),
            (4, "usages", "-5", number_rules.ROW_NEGATIVE),
            (5, "usages", "1.5", number_rules.ROW_NOT_WHOLE),
            (6, "revenue", "-2.5", number_rules.ROW_NEGATIVE),
            (7, "revenue", "NaN", number_rules.ROW_NOT_NUMBER),
            (
                8,
                "revenue",
                "12345678901234567.0",
                number_rules.ROW_REVENUE_INTEGER_DIGITS,
            ),
            (
                9,
                "revenue",
                "0.12345678901234567890123456789012",
                number_rules.ROW_REVENUE_DECIMAL_PLACES,
            ),
            (10, "dsp_id", "", row_rules.ROW_DSP_ID_EMPTY),
        ]

    def test_wrong_field_count(self, data_dir):
        rows, errors, _ = dsr_read(
            data_dir / "Test_FieldCount_ES_EUR_20200101-20200131.tsv"
        )
        assert [r.line for r in rows] == [2, 5]
        assert [(e.line, e.reason) for e in errors] == [
            (3, "expected 6 tab-separated fields, found 5"),
            (4, "expected 6 tab-separated fields, found 7"),
        ]

    def test_scientific_notation_is_written_out_exactly(self, data_dir):
        rows, errors, _ = dsr_read(
            data_dir / "Test_Scientific_ES_EUR_20200101-20200131.tsv"
        )
        assert errors == []
        assert [r.revenue for r in rows] == [
            "0.0000000000000002220446049250313",
            "1000",
            "64686762792547.5",
        ]
        assert Decimal(rows[0].revenue) == Decimal("2.220446049250313e-16")

    def test_isrc_is_normalised_and_invalid_ones_kept(self, data_dir):
        rows, _, reader = dsr_read(data_dir / "Test_Isrc_ES_EUR_20200101-20200131.tsv")
        assert [r.isrc for r in rows] == ["ESAB12000001", "NOT-AN-ISRC"]
        assert reader.warnings == {row_rules.WARN_ISRC_INVALID: 1}

    @pytest.mark.parametrize(
        ("reported", "stored", "valid"),
        [
            ("ES-AB1-20-00001", "ESAB12000001", True),
            ("esab12000001", "ESAB12000001", True),
            ("ESAB1200000", "ESAB1200000", False),
            ("12AB12000001", "12AB12000001", False),
            # The right shape, but XX is no country: python-stdnum's rule
            # (common.identifiers) rejects what the old shape check accepted.
            ("XXAB12000001", "XXAB12000001", False),
        ],
    )
    def test_isrc_by_the_shared_rule(self, tmp_path, reported, stored, valid):
        path = tmp_path / "A_B_ES_EUR_20200101-20200131.tsv"
        path.write_text(f"dsp_id\tisrc\tusages\trevenue\nR1\t{reported}\t1\t1\n")
        [row], _, reader = dsr_read(path)
        assert row.isrc == stored
        assert isrc_normalise(value=reported) == (stored, valid)
        invalid = reader.warnings.get(row_rules.WARN_ISRC_INVALID, 0)
        assert invalid == (0 if valid else 1)

    def test_stream_does_not_hold_the_file(self, tmp_path):
        path = tmp_path / "A_B_ES_EUR_20200101-20200131.tsv.gz"
        with gzip.open(path, "wt") as stream:
            stream.write("dsp_id\tusages\trevenue\n")
            for n in range(20_000):
                stream.write(f"R{n}\t1\t0.5\n")
        items = iter(DSRReader(path))
        first = next(items)
        assert first == ParsedRow(2, "R0", "", "", "", 1, "0.5")
        assert sum(1 for _ in items) == 19_999


class TestLimits:
    def test_a_huge_line_is_a_row_error_and_the_file_goes_on(self, data_dir):
        rows, errors, _ = dsr_read(
            data_dir / "Test_LongLine_ES_EUR_20200101-20200131.tsv.gz"
        )
        assert [r.line for r in rows] == [2, 4]
        reason = row_rules.ROW_LINE_LONG.format(limit=row_rules.LINE_MAX_BYTES)
        assert errors == [RowError(3, "", "", reason)]

    def test_a_long_text_field_is_a_row_error(self, data_dir):
        rows, errors, _ = dsr_read(
            data_dir / "Test_LongField_ES_EUR_20200101-20200131.tsv"
        )
        assert [r.line for r in rows] == [2]
        [error] = errors
        assert (error.line, error.field) == (3, "title")
        assert error.reason == row_rules.ROW_FIELD_LONG.format(
            limit=row_rules.FIELD_MAX_CHARS
        )
        assert len(error.value) == row_rules.ERROR_VALUE_MAX_LENGTH

    def test_limits_are_parameters(self, data_dir):
        path = data_dir / "Test_LongField_ES_EUR_20200101-20200131.tsv"
        reader = DSRReader(path, max_field_chars=10_000, max_line_bytes=100)
        items = list(reader)
        assert [type(item).__name__ for item in items] == ["ParsedRow", "RowError"]
        assert items[1].reason == row_rules.ROW_LINE_LONG.format(limit=100)

    def test_a_huge_header_fails_the_file_in_few_words(self, data_dir):
        with pytest.raises(DSRFormatError) as raised:
            dsr_read(data_dir / "Test_LongHeader_ES_EUR_20200101-20200131.tsv.gz")
        assert str(raised.value) == row_rules.FILE_HEADER_LONG.format(
            name="Test_LongHeader_ES_EUR_20200101-20200131.tsv.gz",
            limit=row_rules.LINE_MAX_BYTES,
        )

    def test_a_corrupt_header_is_line_1(self, data_dir):
        with pytest.raises(DSRFormatError, match=r": line 1: compressed data"):
            dsr_read(data_dir / "Test_CorruptHeader_ES_EUR_20200101-20200131.tsv.gz")

    def test_a_nul_is_a_row_error_naming_its_field(self, data_dir):
        rows, errors, _ = dsr_read(data_dir / "Test_Nul_ES_EUR_20200101-20200131.tsv")
        assert [r.line for r in rows] == [2, 4]
        assert errors == [RowError(3, "title", repr("bad\x00title"), row_rules.ROW_NUL)]


class TestSamples:
    def test_every_sample_row_parses(self, samples):
        for path in samples:
            rows, errors, reader = dsr_read(path)
            assert (len(rows), errors, reader.rows_read) == (1000, [], 1000)
