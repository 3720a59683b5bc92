"""The HEAD record of a DSRF file: what the report is. No ORM."""

from dataclasses import dataclass
from datetime import date

from dsrs.parsers.dsrf import layout as L
from dsrs.parsers.dsrf.records import Record
from dsrs.parsers.rows import DSRFormatError

FILE_NO_HEAD = "{name}: line {line}: expected the HEAD record first, found {type!r}"
FILE_NOT_DSRF = (
    "{name}: line {line}: HEAD MessageVersion {value!r} does not start with 'dsrf'"
)
FILE_PROFILE = (
    "{name}: the profile is {profile} {version}; only BasicAudioProfile 1.x "
    "is imported, so the file was refused."
)
FILE_HEAD_DATE = "{name}: line {line}: HEAD {field} {value!r} is not a date yyyy-mm-dd"
FILE_HEAD_PERIOD = (
    "{name}: line {line}: HEAD UsageStartDate {start} is after UsageEndDate {end}"
)
FILE_HEAD_EMPTY = "{name}: line {line}: HEAD {field} is empty"

# What the DSR model holds of a sender, service or recipient name.
NAME_MAX_CHARS = 100


class DSRFProfileRefused(DSRFormatError):
    """A DSRF file of a profile this import does not read."""


@dataclass(frozen=True)
class Head:
    line: int
    message_id: str
    profile: str
    profile_version: str
    sender: str
    service: str
    recipient: str
    period_start: date
    period_end: date


def head_read(*, name: str, record: Record) -> Head:
    """Read the HEAD ``record`` of file ``name``; raise ``DSRFormatError``."""
    line = record.line
    if record.type != L.HEAD:
        raise DSRFormatError(
            FILE_NO_HEAD.format(name=name, line=line, type=record.type)
        )
    version = record.get(L.MESSAGE_VERSION)
    if not version.lower().startswith(L.MESSAGE_VERSION_PREFIX):
        raise DSRFormatError(FILE_NOT_DSRF.format(name=name, line=line, value=version))
    profile, profile_version = record.get(L.PROFILE_NAME), record.get(L.PROFILE_VERSION)
    if profile != L.PROFILE or profile_version.split(".")[0] != L.PROFILE_VERSION_MAJOR:
        raise DSRFProfileRefused(
            FILE_PROFILE.format(
                name=name, profile=profile or "(none)", version=profile_version
            )
        )
    start = _date(name, record, L.USAGE_START)
    end = _date(name, record, L.USAGE_END)
    if start > end:
        raise DSRFormatError(
            FILE_HEAD_PERIOD.format(name=name, line=line, start=start, end=end)
        )
    return Head(
        line=line,
        message_id=record.get(L.MESSAGE_ID),
        profile=profile,
        profile_version=profile_version,
        sender=_name(name, record, L.SENDER_NAME, L.SENDER_ID),
        service=_name(name, record, L.SERVICE),
        recipient=_name(name, record, L.RECIPIENT_NAME, L.RECIPIENT_ID),
        period_start=start,
        period_end=end,
    )


def _date(name: str, record: Record, field: str) -> date:
    value = record.get(field)
    try:
        if len(value) != len("yyyy-mm-dd"):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise DSRFormatError(
            FILE_HEAD_DATE.format(name=name, line=record.line, field=field, value=value)
        ) from None


def _name(name: str, record: Record, *fields: str) -> str:
    """The first non-empty of ``fields``, cut to what the DSR model holds."""
    value = next((v for f in fields if (v := record.get(f))), "")
    if not value:
        raise DSRFormatError(
            FILE_HEAD_EMPTY.format(name=name, line=record.line, field=fields[0])
        )
    return value[:NAME_MAX_CHARS]
