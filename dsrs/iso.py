"""ISO 3166 territories and ISO 4217 currencies, from pycountry and babel. No ORM."""

from dataclasses import dataclass
from datetime import date

import pycountry
from babel.numbers import get_currency_symbol, get_territory_currencies


@dataclass(frozen=True)
class Country:
    code_2: str
    code_3: str
    name: str
    currency_code: str | None


@dataclass(frozen=True)
class CurrencyInfo:
    code: str
    name: str
    symbol: str


def country_lookup(code_2: str) -> Country | None:
    """Return the ISO 3166-1 country with this alpha-2 code, or None."""
    if len(code_2) != 2 or not code_2.isascii() or not code_2.isalpha():
        return None
    country = pycountry.countries.get(alpha_2=code_2.upper())
    if country is None:
        return None
    currencies = get_territory_currencies(country.alpha_2, date.today())
    return Country(
        code_2=country.alpha_2,
        code_3=country.alpha_3,
        name=country.name,
        currency_code=currencies[0] if currencies else None,
    )


def currency_lookup(code: str) -> CurrencyInfo | None:
    """Return the ISO 4217 currency with this alphabetic code, or None."""
    if len(code) != 3 or not code.isascii() or not code.isalpha():
        return None
    currency = pycountry.currencies.get(alpha_3=code.upper())
    if currency is None:
        return None
    return CurrencyInfo(
        code=currency.alpha_3,
        name=currency.name,
        symbol=get_currency_symbol(currency.alpha_3, locale="en"),
    )
