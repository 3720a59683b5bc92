"""The DSR file-name grammar, read from the right. No ORM."""

from dataclasses import dataclass
from datetime import date

from dsrs.iso import country_lookup, currency_lookup

FILENAME_GRAMMAR = "<DSP>_<Offer>[_<Society>]_<TT>_<CUR>_<YYYYMMDD>-<YYYYMMDD>.tsv[.gz]"
FILENAME_SUFFIXES = (".tsv.gz", ".tsv")

# File-name errors.
NAME_SHAPE = "{name}: file name does not match " + FILENAME_GRAMMAR
NAME_TERRITORY = "{name}: territory {value!r} is not an ISO 3166-1 alpha-2 code"
NAME_CURRENCY = "{name}: currency {value!r} is not an ISO 4217 code"
NAME_PERIOD = "{name}: period {value!r} is not two real dates YYYYMMDD-YYYYMMDD"
NAME_PERIOD_ORDER = "{name}: period starts {start} after it ends {end}"


class DSRFileNameError(ValueError):
    """The file name does not follow the DSR grammar."""


@dataclass(frozen=True)
class DSRFileName:
    dsp: str
    offer: str
    society: str
    territory: str
    currency: str
    period_start: date
    period_end: date


def dsr_filename_parse(name: str) -> DSRFileName:
    """Parse ``name`` (no directories) by the DSR grammar, from the right.

    Reading from the right keeps territory, currency and period in place
    whatever the offer and society look like.
    """
    stem = next((name[: -len(s)] for s in FILENAME_SUFFIXES if name.endswith(s)), None)
    parts = stem.split("_") if stem else []
    if not 5 <= len(parts) <= 6 or not all(parts):
        raise DSRFileNameError(NAME_SHAPE.format(name=name))
    dsp, offer, *society, territory, currency, period = parts
    country = country_lookup(territory)
    if country is None or territory != territory.upper():
        raise DSRFileNameError(NAME_TERRITORY.format(name=name, value=territory))
    money = currency_lookup(currency)
    if money is None or currency != currency.upper():
        raise DSRFileNameError(NAME_CURRENCY.format(name=name, value=currency))
    start, end = _period_parse(name, period)
    return DSRFileName(
        dsp=dsp,
        offer=offer,
        society=society[0] if society else "",
        territory=country.code_2,
        currency=money.code,
        period_start=start,
        period_end=end,
    )


def _period_parse(name: str, period: str) -> tuple[date, date]:
    bounds = period.split("-")
    try:
        if len(bounds) != 2 or not all(len(b) == 8 and b.isdigit() for b in bounds):
            raise ValueError(period)
        start, end = (date(int(b[:4]), int(b[4:6]), int(b[6:])) for b in bounds)
    except ValueError:
        raise DSRFileNameError(NAME_PERIOD.format(name=name, value=period)) from None
    if start > end:
        raise DSRFileNameError(
            NAME_PERIOD_ORDER.format(name=name, start=start, end=end)
        )
    return start, end
