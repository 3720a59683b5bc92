"""What one CWR transaction says about a work, read by the layout. No ORM.

A work transaction (``NWR``, ``REV``, ``EXC``) becomes the ``WorkRow`` the
reconciliation takes, like a CSV row, and a ``detail`` that is stored beside
it once the row has found its work: the registration, writers, publishers,
performers, alternative titles and recordings, and shares that add up to
more than 100 % per right. An ``ACK`` or ``ISW`` transaction becomes an
``ack``: a society's answer about a work. A transaction with an error is one
rejected row naming the line, record type, field and reason.
"""

import hashlib
from decimal import Decimal
from typing import NamedTuple

from works.parsers.cwr.layouts import LAYOUTS, RECORD_TYPES
from works.parsers.cwr.reader import Header, Transaction
from works.parsers.cwr.records import CwrFieldError, record_parse
from works.parsers.rows import CONTRIBUTOR_SEPARATOR, WorkRow, row_build

TRANSACTION_ERROR = "line {line}: {record_type} {field}: {reason}"
UNKNOWN_RECORD_TYPE = "{value!r} is not a CWR record type"
SHARES_OVER = "{right} ownership shares add up to {total} %, more than 100 %"
WORK_TYPES = frozenset({"NWR", "REV", "EXC"})
ACK_TYPES = frozenset({"ACK", "ISW"})
RIGHTS = ("PR", "MR", "SR")
# CWR accepts totals within 0.06 of 100 %: shares are rounded to 0.01.
SHARE_TOLERANCE = Decimal("0.06")
_PARTY_TYPES = frozenset({"SPU", "OPU", "SWR", "OWR"})
_CONTROLLED = frozenset({"SPU", "SWR"})


class CwrItem(NamedTuple):
    line: int
    row: WorkRow | None = None  # a work transaction's row
    detail: dict | None = None  # stored with the row's work; JSON-able
    ack: dict | None = None  # an acknowledgement or ISWC notification


class _Broken(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def transaction_read(
    *, transaction: Transaction, header: Header, source: str
) -> CwrItem | None:
    """The item for one transaction; ``None`` for one the importer does not
    use (``AGR`` agreements)."""
    kind = transaction.record_type
    if kind not in WORK_TYPES and kind not in ACK_TYPES:
        return None
    layouts = LAYOUTS[header.version]
    try:
        records = [
            _record(number, text, layouts) for number, text in transaction.records
        ]
    except _Broken as broken:
        if kind in ACK_TYPES:
            return CwrItem(line=transaction.line, ack={"error": broken.message})
        return CwrItem(
            line=transaction.line, row=_broken_row(transaction, source, broken)
        )
    records = [record for record in records if record is not None]
    if kind in ACK_TYPES:
        return CwrItem(line=transaction.line, ack=_ack(records, header))
    return _work(transaction, records, header, source)


def _record(number: int, text: str, layouts: dict) -> tuple[str, dict] | None:
    record_type = text[:3]
    if record_type not in RECORD_TYPES:
        raise _Broken(
            TRANSACTION_ERROR.format(
                line=number,
                record_type=record_type,
                field="Record Type",
                reason=UNKNOWN_RECORD_TYPE.format(value=record_type),
            )
        )
    layout = layouts.get(record_type)
    if layout is None:
        return None  # a record type the importer does not use
    try:
        return record_type, record_parse(line=text, layout=layout)
    except CwrFieldError as error:
        raise _Broken(
            TRANSACTION_ERROR.format(
                line=number,
                record_type=record_type,
                field=error.field,
                reason=error.reason,
            )
        ) from error


def _fingerprint(transaction: Transaction, source: str) -> str:
    # Sequence numbers change from file to file; the rest is what was said.
    digest = hashlib.blake2b(source.encode(), digest_size=16)
    for _, text in transaction.records:
        digest.update(b"\x1e" + (text[:3] + text[19:].rstrip()).encode())
    return digest.hexdigest()


def _broken_row(transaction: Transaction, source: str, broken: _Broken) -> WorkRow:
    first = transaction.records[0][1]
    row = row_build(
        line=transaction.line,
        source=source,
        provider_id=first[81:95].strip(),
        raw_title=first[19:79].strip(),
        raw_contributors="",
        raw_iswc=first[95:106].strip(),
        reason=broken.message,
    )
    return row._replace(fingerprint=_fingerprint(transaction, source))


def _party(record_type: str, values: dict) -> list | None:
    if record_type in ("SWR", "OWR"):
        last, first = values["Writer Last Name"], values["Writer First Name"]
        ipi, base = values["Writer IPI Name #"], values["Writer IPI Base Number"]
        role = values["Writer Designation Code"]
    else:
        last, first = values["Publisher Name"], ""
        ipi, base = values["Publisher IPI Name #"], values["Publisher IPI Base Number"]
        role = values["Publisher Type"]
    if not last:
        return None  # an unknown party: OPU/OWR with blank names
    shares = [values[f"{right} Ownership Share"] for right in RIGHTS]
    return [
        record_type,
        values["Interested Party #"],
        last,
        first,
        ipi,
        base,
        role,
        record_type in _CONTROLLED,
        *(str(share) if share is not None else None for share in shares),
    ]


def _work(
    transaction: Transaction, records: list, header: Header, source: str
) -> CwrItem:
    work = records[0][1]
    detail = _detail(records[1:])
    writers = [p for p in detail["parties"] if p[0] in ("SWR", "OWR")]
    row = row_build(
        line=transaction.line,
        source=source,
        provider_id=work["Submitter Work #"],
        raw_title=work["Work Title"],
        raw_contributors=CONTRIBUTOR_SEPARATOR.join(
            f"{p[3]} {p[2]}".strip() for p in writers
        ),
        raw_iswc=work["ISWC"],
    )
    detail.update(
        sender_id=header.sender_id,
        sender_name=header.sender_name,
        version=header.version,
        transaction_type=transaction.record_type,
        submitter_work_id=work["Submitter Work #"],
        language=work["Language Code"],
    )
    row = row._replace(fingerprint=_fingerprint(transaction, source))
    return CwrItem(line=transaction.line, row=row, detail=detail)


def _detail(records: list) -> dict:
    """Parties, titles, recordings and share totals of a work's detail records."""
    parties, titles, recordings = [], [], []
    totals = dict.fromkeys(RIGHTS, Decimal(0))
    for record_type, values in records:
        if record_type in _PARTY_TYPES:
            for right in RIGHTS:
                totals[right] += values[f"{right} Ownership Share"] or 0
            if (party := _party(record_type, values)) is not None:
                parties.append(party)
        elif record_type == "PER":
            parties.append(_performer(values))
        elif record_type == "ALT":
            titles.append(
                [
                    values["Alternate Title"],
                    values["Title Type"],
                    values["Language Code"],
                ]
            )
        elif record_type == "REC" and values["ISRC"]:
            recordings.append([values["ISRC"], values.get("Recording Title", "")])
    return {
        "parties": parties,
        "titles": titles,
        "recordings": recordings,
        "shares_over": [
            SHARES_OVER.format(right=right, total=total)
            for right, total in totals.items()
            if total > 100 + SHARE_TOLERANCE
        ],
    }


def _performer(values: dict) -> list:
    return [
        "PER",
        "",
        values["Performing Artist Last Name"],
        values["Performing Artist First Name"],
        values["Performing Artist CAE/IPI Name #"],
        values["Performing Artist IPI Base Number"],
        "",
        False,
        None,
        None,
        None,
    ]


def _ack(records: list, header: Header) -> dict:
    record_type, first = records[0]
    enclosed = next((v for t, v in records[1:] if t in WORK_TYPES), {})
    if record_type == "ISW":
        enclosed, first = first, {}
    return {
        "society_id": header.sender_id,
        "society": header.sender_name,
        "transaction_type": record_type,
        "status": first.get("Transaction Status", ""),
        "date": first.get("Processing Date") or header.creation_date,
        "submitter_work_id": first.get("Submitter Creation #")
        or enclosed.get("Submitter Work #", ""),
        "society_work_id": first.get("Recipient Creation #", ""),
        "title": first.get("Creation Title") or enclosed.get("Work Title", ""),
        "iswc": enclosed.get("ISWC", ""),
    }
