"""Numbers, amounts, rates and periods as the admin shows them; no database."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from common.formatting import amount_format
from dsrs.admin.formatting import period_format, rate_format


class TestFormatting:
    def test_by_the_active_locale(self):
        with translation.override("de"):
            assert amount_format(Decimal("1234567.125"), "EUR") == "1.234.567,12 EUR"
        with translation.override("en"):
            assert amount_format(Decimal("1234567.125"), "EUR") == "1,234,567.12 EUR"

    def test_rates_keep_only_their_digits(self):
        assert rate_format(Decimal("1.0000000000")) == "1"
        assert rate_format(Decimal("9.9384227270")) == "9.938422727"
        assert rate_format(Decimal("1E+1")) == "10"

    @pytest.mark.parametrize(
        ("start", "end", "shown"),
        [
            ((2020, 1, 1), (2020, 1, 31), "Jan 2020"),
            ((2020, 1, 1), (2020, 3, 31), "Jan\N{EN DASH}Mar 2020"),
            ((2019, 12, 1), (2020, 1, 31), "Dec 2019\N{EN DASH}Jan 2020"),
            ((2020, 2, 1), (2020, 2, 28), "1\N{EN DASH}28 Feb 2020"),
            ((2020, 1, 5), (2020, 2, 4), "5 Jan\N{EN DASH}4 Feb 2020"),
        ],
    )
    def test_periods_are_one_short_range(self, start, end, shown):
        assert period_format(datetime.date(*start), datetime.date(*end)) == shown
