"""The number grammar of usages and revenue, as the row stream reads it."""

from dsrs.parsers import numbers as number_rules
from tests.dsrs.conftest import dsr_read


class TestNumberGrammar:
    def test_one_grammar_for_both_columns(self, data_dir):
        rows, errors, _ = dsr_read(
            data_dir / "Test_NumberGrammar_ES_EUR_20200101-20200131.tsv"
        )
        not_number, not_whole = number_rules.ROW_NOT_NUMBER, number_rules.ROW_NOT_WHOLE
        assert [(e.line, e.field, e.value, e.reason) for e in errors] == [
            (2, "revenue", "1_000", not_number),
            (3, "revenue", "\u0661\u0662\u0663", not_number),
            (4, "revenue", "+5", not_number),
            (5, "revenue", ".5", not_number),
            (6, "revenue", "5.", not_number),
            (8, "usages", "\u0661", not_whole),
            (9, "usages", "+5", not_whole),
            (10, "usages", "1_000", not_whole),
            (13, "revenue", "1e", not_number),
        ]
        # Minus zero is zero in both columns; an exponent is written out.
        assert [(r.line, r.usages, r.revenue) for r in rows] == [
            (7, 0, "0"),
            (11, 1, "0.0015"),
            (12, 0, "0.00"),
        ]
