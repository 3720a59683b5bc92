"""The DSRF file-name grammar. No ORM.

``DSR_<Sender>_<Recipient>_<Service>_<Period>_<Territory>_<x>of<y>_<Created>``
with ``.tsv`` or ``.tsv.gz``; the territory may be empty when the summary
records name several. The period is ``yyyy``, ``yyyy-mm``, ``yyyy-Qq``,
``yyyy-Www`` (ISO week) or ``yyyy-mm-dd--yyyy-mm-dd``.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

DSRF_FILENAME_GRAMMAR = (
    "DSR_<Sender>_<Recipient>_<Service>_<Period>_<Territory>_<x>of<y>_<Created>"
    ".tsv[.gz]"
)
DSRF_SUFFIXES = (".tsv.gz", ".tsv")

NAME_SHAPE = "{name}: file name does not match " + DSRF_FILENAME_GRAMMAR
NAME_PERIOD = (
    "{name}: period {value!r} is not yyyy, yyyy-mm, yyyy-Qq, yyyy-Www "
    "or yyyy-mm-dd--yyyy-mm-dd"
)
NAME_PART = "{name}: part {value!r} is not <x>of<y> with 1 <= x <= y"

_PART = re.compile(r"([0-9]+)of([0-9]+)")
_PERIODS = (
    (re.compile(r"([0-9]{4})"), "year"),
    (re.compile(r"([0-9]{4})-([0-9]{2})"), "month"),
    (re.compile(r"([0-9]{4})-Q([1-4])"), "quarter"),
    (re.compile(r"([0-9]{4})-W([0-9]{2})"), "week"),
    (
        re.compile(
            r"([0-9]{4})-([0-9]{2})-([0-9]{2})--([0-9]{4})-([0-9]{2})-([0-9]{2})"
        ),
        "dates",
    ),
)


class DSRFFileNameError(ValueError):
    """The file name does not follow the DSRF grammar."""


@dataclass(frozen=True)
class DSRFFileName:
    sender: str
    recipient: str
    service: str
    period_start: date
    period_end: date
    territory: str
    part: int
    parts: int
    created: str
    suffix: str
    period_text: str

    def part_name(self, part: int) -> str:
        """The name of part ``part`` of the same report, created at the same time."""
        return (
            "_".join(
                (
                    "DSR",
                    self.sender,
                    self.recipient,
                    self.service,
                    self.period_text,
                    self.territory,
                    f"{part}of{self.parts}",
                    self.created,
                )
            )
            + self.suffix
        )


def dsrf_filename_parse(name: str) -> DSRFFileName:
    """Parse ``name`` (no directories) by the DSRF grammar.

    Sender and recipient are read from the left, period, territory, part and
    creation time from the right: the service is what lies between.
    """
    suffix = next((s for s in DSRF_SUFFIXES if name.endswith(s)), None)
    parts = name[: -len(suffix)].split("_") if suffix else []
    if len(parts) < 8 or parts[0] != "DSR":
        raise DSRFFileNameError(NAME_SHAPE.format(name=name))
    _, sender, recipient, *service, period, territory, part, created = parts
    if not (sender and recipient and service and created):
        raise DSRFFileNameError(NAME_SHAPE.format(name=name))
    start, end = dsrf_period_parse(name=name, value=period)
    match = _PART.fullmatch(part)
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise DSRFFileNameError(NAME_PART.format(name=name, value=part))
    return DSRFFileName(
        sender=sender,
        recipient=recipient,
        service="_".join(service),
        period_start=start,
        period_end=end,
        territory=territory,
        part=int(match[1]),
        parts=int(match[2]),
        created=created,
        suffix=suffix,
        period_text=period,
    )


def dsrf_period_parse(*, name: str, value: str) -> tuple[date, date]:
    """The first and last day (inclusive) of a DSRF period."""
    try:
        for pattern, kind in _PERIODS:
            match = pattern.fullmatch(value)
            if match:
                start, end = _period_bounds(kind, [int(g) for g in match.groups()])
                if start <= end:
                    return start, end
                break
    except ValueError:
        pass
    raise DSRFFileNameError(NAME_PERIOD.format(name=name, value=value))


def _period_bounds(kind: str, numbers: list[int]) -> tuple[date, date]:
    year = numbers[0]
    if kind == "year":
        return date(year, 1, 1), date(year, 12, 31)
    if kind == "month":
        month = numbers[1]
        return date(year, month, 1), date(
            year, month, calendar.monthrange(year, month)[1]
        )
    if kind == "quarter":
        first = 3 * numbers[1] - 2
        last = first + 2
        return date(year, first, 1), date(
            year, last, calendar.monthrange(year, last)[1]
        )
    if kind == "week":
        start = date.fromisocalendar(year, numbers[1], 1)
        return start, start + timedelta(days=6)
    return date(*numbers[:3]), date(*numbers[3:])
