"""The EUR rate rule, checked against the currencyconverter package's own API."""

import contextlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from currency_converter import CurrencyConverter, RateNotFoundError

from dsrs.currency import EUR_RATE_DECIMAL_PLACES, EurRateUnavailable, eur_rate


def package_mean(currency: str, start: date, end: date) -> tuple[Decimal, int]:
    converter = CurrencyConverter(
        decimal=True, fallback_on_missing_rate=False, fallback_on_wrong_date=False
    )
    quotes = []
    day = start
    while day <= end:
        with contextlib.suppress(RateNotFoundError):
            quotes.append(converter.convert(1, "EUR", currency, date=day))
        day += timedelta(days=1)
    mean = sum(quotes, Decimal(0)) / len(quotes)
    return mean.quantize(Decimal(1).scaleb(-EUR_RATE_DECIMAL_PLACES)), len(quotes)


@pytest.mark.parametrize(
    ("currency", "start", "end"),
    [
        ("NOK", date(2020, 1, 1), date(2020, 1, 31)),
        ("CHF", date(2020, 2, 1), date(2020, 2, 28)),
        ("GBP", date(2020, 3, 1), date(2020, 3, 31)),
    ],
)
def test_sample_periods_use_the_mean_of_the_daily_rates(currency, start, end):
    expected, days = package_mean(currency, start, end)
    rate = eur_rate(currency=currency, period_start=start, period_end=end)
    assert rate.rate == expected
    assert rate.source == f"ECB mean of {days} daily rates {start}..{end}"


def test_sample_rates_pinned():
    rate = eur_rate(
        currency="NOK", period_start=date(2020, 1, 1), period_end=date(2020, 1, 31)
    )
    assert rate.rate == Decimal("9.9384227273")


def test_eur_is_exactly_one():
    rate = eur_rate(
        currency="EUR", period_start=date(2020, 1, 1), period_end=date(2020, 1, 31)
    )
    assert rate.rate == Decimal(1)


def test_period_without_quote_uses_the_last_before_and_says_so():
    # 2020-01-04 and 05 are a weekend: no ECB fixing.
    rate = eur_rate(
        currency="GBP", period_start=date(2020, 1, 4), period_end=date(2020, 1, 5)
    )
    assert rate.rate == Decimal("0.8511500000")
    assert "ECB rate of 2020-01-03, the last before 2020-01-05" in rate.source


@pytest.mark.parametrize(
    ("currency", "start"), [("ARS", date(2020, 1, 1)), ("GBP", date(1990, 1, 1))]
)
def test_no_quote_at_all_is_an_error(currency, start):
    with pytest.raises(
        EurRateUnavailable, match=f"no ECB reference rate for {currency}"
    ):
        eur_rate(
            currency=currency, period_start=start, period_end=start + timedelta(days=3)
        )
