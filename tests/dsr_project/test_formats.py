"""One way to write dates and numbers on every page (dsr_project/formats)."""

from datetime import UTC, date, datetime
from decimal import Decimal

from django.utils import formats

from common.formatting import amount_format, count_format


def test_dates_are_written_one_way():
    assert formats.date_format(date(2020, 1, 1)) == "1 Jan 2020"
    moment = datetime(2026, 12, 7, 5, 41, tzinfo=UTC)
    assert formats.date_format(moment, "DATETIME_FORMAT") == "7 Dec 2026 05:41"
    assert formats.date_format(date(2020, 1, 1), "YEAR_MONTH_FORMAT") == "Jan 2020"
    assert formats.localize(date(2020, 1, 31)) == "31 Jan 2020"


def test_typed_dates_are_iso():
    assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%Y-%m-%d"


def test_counts_and_money():
    assert count_format(615781185) == "615,781,185"
    assert amount_format(Decimal("1234.565"), "EUR") == "1,234.56 EUR"
    assert amount_format(Decimal("1234.575"), "NOK") == "1,234.58 NOK"
