"""The records of a block: its resources (AS01, AS02) and sales (SU01, SU02).

No ORM. A sale names its resource by ``TransactedResource``, which is the
``ResourceReference`` of an AS record of the same block (not the DSP's
``DspResourceId``), and its summary record by ``SummaryRecordId``.
"""

from collections import Counter
from typing import NamedTuple

from dsrs.parsers.dsrf import layout as L
from dsrs.parsers.dsrf.records import Record
from dsrs.parsers.dsrf.summaries import Summary
from dsrs.parsers.numbers import FieldRejected, revenue_parse, usages_parse
from dsrs.parsers.plain import isrc_read
from dsrs.parsers.rows import (
    DSP_ID_MAX_LENGTH,
    ERROR_VALUE_MAX_LENGTH,
    WARN_ISRC_EMPTY,
    WARN_ISRC_INVALID,
    ParsedRow,
    RowError,
)

ROW_NO_BLOCK_ID = "{type}: BlockId is empty"
ROW_BLOCK_NO_RESOURCE = "{type}: block {block!r} has no resource (no AS01/AS02 record)"
ROW_UNKNOWN_RESOURCE = (
    "{type}: no AS01/AS02 record of block {block!r} has ResourceReference {value!r}"
)
ROW_UNKNOWN_SUMMARY = "{type}: no summary record has SummaryRecordId {value!r}"
ROW_DSP_ID_EMPTY = "{type}: DspResourceId is empty"
ROW_DSP_ID_LONG = (
    f"{{type}}: DspResourceId is longer than {DSP_ID_MAX_LENGTH} characters"
)
ROW_FIELD_LONG = "{type}: longer than {limit} characters or holds a NUL character"
ROW_FIELD = "{type}: {reason}"
ROW_NO_USAGES = "{type}: the header declares none of " + ", ".join(L.SALE_USAGES)


# What a resource takes of its AS record, ``DspResourceId`` first.
_RESOURCE_FIELDS = (L.DSP_RESOURCE_ID, L.TITLE, L.DISPLAY_ARTIST, L.ISRC)


class Resource(NamedTuple):
    """What a usage stores of its resource, in ``ParsedRow``'s order."""

    dsp_id: str
    title: str
    artists: str
    isrc: str


class WorkLink(NamedTuple):
    """An ISWC reported beside an ISRC: a link for the recordings catalogue."""

    line: int
    isrc: str
    iswc: str


def work_links(*, record: Record, isrc: str) -> list[WorkLink]:
    """The ISWC links an AS record gives beside its resource's ISRC."""
    iswcs = (iswc.strip() for iswc in record.get(L.ISWC).split(L.VALUE_SEPARATOR))
    return [WorkLink(record.line, isrc, iswc) for iswc in iswcs if iswc]


class Block:
    """The block being read: its first record and its resources by reference."""

    def __init__(self, block_id: str, record: Record):
        self.id, self.line, self.type = block_id, record.line, record.type
        self.resources: dict[str, Resource] = {}
        self.sales = 0

    def unresolved(self) -> RowError | None:
        """The error of a block that ended with neither resource nor sale."""
        if self.resources or self.sales:
            return None
        reason = ROW_BLOCK_NO_RESOURCE.format(type=self.type, block=self.id)
        return RowError(self.line, L.BLOCK_ID, self.id, reason)


def resource_read(
    *, record: Record, max_field_chars: int, warnings: Counter[str]
) -> Resource | RowError:
    """An AS record's resource, counting ISRC warnings into ``warnings``."""
    kind, line = record.type, record.line
    dsp_id, *texts = record.take(_RESOURCE_FIELDS)
    if not dsp_id:
        return RowError(line, L.DSP_RESOURCE_ID, "", ROW_DSP_ID_EMPTY.format(type=kind))
    if len(dsp_id) > DSP_ID_MAX_LENGTH:
        reason = ROW_DSP_ID_LONG.format(type=kind)
        return RowError(line, L.DSP_RESOURCE_ID, _cut(dsp_id), reason)
    for name, value in zip(_RESOURCE_FIELDS[1:], texts, strict=True):
        if len(value) > max_field_chars or "\x00" in value:
            reason = ROW_FIELD_LONG.format(type=kind, limit=max_field_chars)
            return RowError(line, name, _cut(value), reason)
    title, artists, isrcs = texts
    # An AS record may list several ISRCs; the first is the resource's.
    isrc = isrcs.split(L.VALUE_SEPARATOR)[0].strip()
    if isrc:
        isrc, valid = isrc_read(isrc)
        if not valid:
            warnings[WARN_ISRC_INVALID] += 1
    else:
        warnings[WARN_ISRC_EMPTY] += 1
    return Resource(dsp_id, title, artists, isrc)


def sale_read(
    *, record: Record, block: Block, summaries: dict[str, Summary]
) -> tuple[str | None, ParsedRow | RowError]:
    """A sale record as (its summary id, a row or why it is set aside).

    The row's revenue is the record's own ``NetRevenue``, or None when its
    summary record's revenue is to be allocated. The summary id is None when
    no summary record places the error.
    """
    kind, line = record.type, record.line
    declared = record.columns.first(L.SALE_USAGES)
    summary_id, reference, text, revenue_cell = record.take(
        (L.SUMMARY_ID, L.TRANSACTED_RESOURCE, declared or "", L.SALE_REVENUE)
    )
    if summary_id not in summaries:
        reason = ROW_UNKNOWN_SUMMARY.format(type=kind, value=summary_id)
        return None, RowError(line, L.SUMMARY_ID, _cut(summary_id), reason)
    resource = block.resources.get(reference)
    if resource is None:
        template = ROW_UNKNOWN_RESOURCE if block.resources else ROW_BLOCK_NO_RESOURCE
        reason = template.format(type=kind, block=block.id, value=reference)
        return summary_id, RowError(
            line, L.TRANSACTED_RESOURCE, _cut(reference), reason
        )
    if declared is None:
        return summary_id, RowError(line, "", "", ROW_NO_USAGES.format(type=kind))
    try:
        usages = usages_parse(text) if text else 0
        revenue = revenue_parse(revenue_cell) if revenue_cell else None
    except FieldRejected as rejected:
        name = L.SALE_REVENUE if rejected.field == "revenue" else declared
        reason = ROW_FIELD.format(type=kind, reason=rejected.reason)
        return summary_id, RowError(line, name, _cut(rejected.value), reason)
    return summary_id, ParsedRow(line, *resource, usages, revenue)


def _cut(value: str) -> str:
    return value[:ERROR_VALUE_MAX_LENGTH]
