"""Summary records (SY01, SY02): the DSRs of a report and their revenue. No ORM."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from dsrs.iso import country_lookup, currency_lookup
from dsrs.parsers.dsrf import layout as L
from dsrs.parsers.dsrf.records import Record
from dsrs.parsers.numbers import FieldRejected, revenue_parse, usages_parse
from dsrs.parsers.rows import RowError

ROW_SUMMARY_ID_EMPTY = "{type}: SummaryRecordId is empty"
ROW_SUMMARY_DUPLICATE = "SummaryRecordId {value!r} already read on line {line}"
ROW_TERRITORY = "{type}: not an ISO 3166-1 alpha-2 territory code"
ROW_CURRENCY = "{type}: not an ISO 4217 currency code"
ROW_FIELD = "{type}: {reason}"
ROW_EXCHANGE_RATE = "{type}: not a decimal number"

# A DSR of the report: a territory and a currency of its summary records.
Group = tuple[str, str]


@dataclass(frozen=True)
class Summary:
    line: int
    id: str
    territory: str
    currency: str
    revenue: Decimal
    usages: int | None  # as the record declares them, when it does
    exchange_rate: Decimal | None
    transaction_currency: str

    @property
    def group(self) -> Group:
        return self.territory, self.currency


def summary_read(*, record: Record) -> Summary | RowError:
    """Read a summary record, or say why it is set aside."""
    kind, line = record.type, record.line
    summary_id = record.get(L.SUMMARY_ID)
    if not summary_id:
        return RowError(line, L.SUMMARY_ID, "", ROW_SUMMARY_ID_EMPTY.format(type=kind))
    territory = record.get(L.TERRITORY)
    country = country_lookup(territory)
    if country is None:
        return RowError(line, L.TERRITORY, territory, ROW_TERRITORY.format(type=kind))
    currency = record.get(L.CURRENCY)
    money = currency_lookup(currency) if currency.isupper() else None
    if money is None:
        return RowError(line, L.CURRENCY, currency, ROW_CURRENCY.format(type=kind))
    try:
        revenue = Decimal(revenue_parse(record.get(L.NET_REVENUE) or "0"))
        declared = record.columns.first(L.SUMMARY_USAGES)
        usages_text = record.get(declared) if declared else ""
        usages = usages_parse(usages_text) if usages_text else None
    except FieldRejected as rejected:
        field = L.NET_REVENUE if rejected.field == "revenue" else declared
        reason = ROW_FIELD.format(type=kind, reason=rejected.reason)
        return RowError(line, field or "", rejected.value, reason)
    rate_text = record.get(L.EXCHANGE_RATE)
    try:
        rate = Decimal(rate_text) if rate_text else None
        if rate is not None and not rate.is_finite():
            raise InvalidOperation(rate_text)
    except InvalidOperation:
        reason = ROW_EXCHANGE_RATE.format(type=kind)
        return RowError(line, L.EXCHANGE_RATE, rate_text, reason)
    return Summary(
        line=line,
        id=summary_id,
        territory=country.code_2,
        currency=money.code,
        revenue=revenue,
        usages=usages,
        exchange_rate=rate,
        transaction_currency=record.get(L.TRANSACTION_CURRENCY),
    )


def summary_known(
    *, item: Summary | RowError, summaries: dict[str, Summary]
) -> Summary | RowError:
    """``item``, kept in ``summaries``; a second record of its id is an error."""
    if isinstance(item, RowError):
        return item
    earlier = summaries.setdefault(item.id, item)
    if earlier.line == item.line:
        return item
    reason = ROW_SUMMARY_DUPLICATE.format(value=item.id, line=earlier.line)
    return RowError(item.line, L.SUMMARY_ID, item.id, reason)
