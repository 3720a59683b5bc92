"""One CWR record read from, or written to, one line, by its layout. No ORM."""

from decimal import Decimal

from works.parsers.cwr.layouts import Field

FIELD_NOT_NUMERIC = "{value!r} is not numeric"
FIELD_NOT_DATE = "{value!r} is not a date (YYYYMMDD)"
FIELD_NOT_FLAG = "{value!r} is not Y, N or U"
FIELD_MISSING = "required field is missing"
FIELD_TOO_LONG = "{value!r} is longer than {length} characters"
_FLAGS = frozenset({"", "Y", "N", "U"})
_SHARE_UNIT = Decimal("0.01")


class CwrFieldError(ValueError):
    """A field of a record that does not hold what its layout says."""

    def __init__(self, *, field: str, value: str, reason: str):
        super().__init__(reason)
        self.field, self.value, self.reason = field, value, reason


def record_parse(*, line: str, layout: tuple[Field, ...]) -> dict[str, object]:
    """The record's fields by name: text stripped, shares as ``Decimal``.

    A record shorter than its layout has its missing trailing fields empty,
    unless one of them is required. Zero-filled numbers and dates read as
    they are (``"00000000"``); blank ones as ``""``.
    """
    values: dict[str, object] = {}
    for field in layout:
        raw = line[field.start - 1 : field.end]
        if field.required and not raw.strip():
            raise CwrFieldError(field=field.name, value=raw, reason=FIELD_MISSING)
        values[field.name] = _value(field, raw)
    return values


def _value(field: Field, raw: str) -> object:
    text = raw.strip()
    if field.type in "NDTP" and text and not text.isdigit():
        reason = FIELD_NOT_DATE if field.type == "D" else FIELD_NOT_NUMERIC
        raise CwrFieldError(
            field=field.name, value=raw, reason=reason.format(value=text)
        )
    if field.type == "F" and text not in _FLAGS:
        raise CwrFieldError(
            field=field.name, value=raw, reason=FIELD_NOT_FLAG.format(value=text)
        )
    if field.type == "P":
        return (Decimal(int(text)) * _SHARE_UNIT) if text else None
    return text


def record_format(*, values: dict[str, object], layout: tuple[Field, ...]) -> str:
    """The line for ``values`` (absent fields blank), as long as the layout."""
    parts = []
    for field in layout:
        value = values.get(field.name)
        parts.append(_formatted(field, value))
    return "".join(parts)


def _formatted(field: Field, value: object) -> str:
    if value is None or value == "":
        return " " * field.length
    if field.type == "P":
        text = f"{int(Decimal(value) * 100):0{field.length}d}"
    elif field.type == "N" and isinstance(value, int):
        text = f"{value:0{field.length}d}"
    elif field.type in "AL":
        # Text longer than its field is cut, as every CWR writer does.
        text = str(value)[: field.length]
    else:
        text = str(value)
    if len(text) > field.length:
        raise CwrFieldError(
            field=field.name,
            value=text,
            reason=FIELD_TOO_LONG.format(value=text, length=field.length),
        )
    return text.ljust(field.length)
