"""Territories and currencies, created on first use from the ISO registries."""

from dsrs.iso import country_lookup, currency_lookup
from dsrs.models import Currency, Territory

NOT_ISO_CURRENCY = "{code!r} is not an ISO 4217 currency code"
NOT_ISO_TERRITORY = "{code!r} is not an ISO 3166-1 alpha-2 territory code"


def currency_get_or_create(*, code: str) -> Currency:
    """Return the currency with this ISO 4217 code, creating it from the registry."""
    info = currency_lookup(code)
    if info is None:
        raise ValueError(NOT_ISO_CURRENCY.format(code=code))
    currency, _ = Currency.objects.get_or_create(
        code=info.code, defaults={"name": info.name, "symbol": info.symbol}
    )
    return currency


def territory_get_or_create(*, code_2: str) -> Territory:
    """Return the territory with this ISO 3166-1 code, creating it from the registry."""
    country = country_lookup(code_2)
    if country is None:
        raise ValueError(NOT_ISO_TERRITORY.format(code=code_2))
    territory = Territory.objects.filter(code_2=country.code_2).first()
    if territory is not None:
        return territory
    local = None
    if country.currency_code and currency_lookup(country.currency_code):
        local = currency_get_or_create(code=country.currency_code)
    territory, _ = Territory.objects.get_or_create(
        code_2=country.code_2,
        defaults={
            "code_3": country.code_3,
            "name": country.name,
            "local_currency": local,
        },
    )
    return territory
