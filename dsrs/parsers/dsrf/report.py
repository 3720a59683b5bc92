"""A DSRF report read as the DSRs it holds: one per territory and currency.

No ORM. ``DSRFReport`` reads the report's files twice, streaming: ``survey``
reads the HEAD, the summary records, the usages each summary record's sale
records add up to and the FOOT counts; ``rows`` then yields one DSR's sale
records as ``ParsedRow`` items (revenue their own, or allocated from their
summary record, ``dsrs.parsers.dsrf.allocation``) and its ``RowError`` items.
Memory holds the summary records and one block's resources, whatever the
size of the file.
"""

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from dsrs.parsers.dsrf import layout as L
from dsrs.parsers.dsrf.allocation import RevenueAllocation, revenue_text
from dsrs.parsers.dsrf.head import Head, head_read
from dsrs.parsers.dsrf.records import Record, RecordStream
from dsrs.parsers.dsrf.summaries import (
    ROW_SUMMARY_DUPLICATE,
    Group,
    Summary,
    summary_read,
)
from dsrs.parsers.numbers import FieldRejected, revenue_parse, usages_parse
from dsrs.parsers.plain import isrc_read
from dsrs.parsers.rows import (
    DSP_ID_MAX_LENGTH,
    FIELD_MAX_CHARS,
    LINE_MAX_BYTES,
    WARN_ISRC_EMPTY,
    WARN_ISRC_INVALID,
    DSRFormatError,
    ParsedRow,
    RowError,
)

FILE_EMPTY = "{name}: file is empty, expected a HEAD record"
FILE_NO_SUMMARY = "{name}: no usable summary record (SY01, SY02): nothing to import"

ROW_UNKNOWN_TYPE = "{type}: record type is not in BasicAudioProfile 1.x"
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
ROW_FIELD_LONG = "{type}: longer than {limit} characters"
ROW_FIELD = "{type}: {reason}"
ROW_NO_USAGES = "{type}: the header declares none of " + ", ".join(L.SALE_USAGES)
ROW_SECOND_HEAD = "HEAD: a second HEAD record in one file"

WARN_FOOT = "FOOT {field} says {declared}, the file has {read}"
WARN_FOOT_MISSING = "no FOOT record"
WARN_SUMMARY_USAGES = (
    "summary record {id} declares {declared} usages, its sale records add up to {read}"
)
WARN_NOT_ALLOCATED = (
    "summary record {id}: some sale records carry revenue, its NetRevenue "
    "is not allocated"
)
WARN_NO_USAGES = (
    "summary record {id}: NetRevenue {revenue} but no usages to allocate it to"
)
WARN_SKIPPED = "{type} records not imported"
WARN_EXCHANGE_RATES = "summary records of one DSR give different ExchangeRate values"


class Resource(NamedTuple):
    dsp_id: str
    title: str
    artists: str
    isrc: str


class WorkLink(NamedTuple):
    """An ISWC reported beside an ISRC: a link for the recordings catalogue."""

    line: int
    isrc: str
    iswc: str


@dataclass
class Survey:
    """What the first pass read: the report's DSRs and their checks."""

    head: Head
    summaries: dict[str, Summary]
    groups: list[Group]  # in the order of their first summary record
    usages: Counter[str] = field(default_factory=Counter)  # allocated to, per summary
    carries_revenue: set[str] = field(default_factory=set)
    foot: list[str] = field(default_factory=list)  # FOOT mismatches, as warnings
    warnings: dict[Group, Counter[str]] = field(default_factory=dict)
    exchange: dict[Group, tuple[Decimal | None, str]] = field(default_factory=dict)


class _Block:
    def __init__(self, block_id: str, record: Record):
        self.id, self.line, self.type = block_id, record.line, record.type
        self.resources: dict[str, Resource] = {}
        self.sales = 0


class DSRFReport:
    """One DSRF report, from its files (the parts, in order).

    Lines are numbered through the parts: the first line of part 2 follows
    the last of part 1. ``on_work`` is told each ISWC an AS02 record gives.
    """

    def __init__(
        self,
        paths: list[Path],
        *,
        max_line_bytes: int = LINE_MAX_BYTES,
        max_field_chars: int = FIELD_MAX_CHARS,
        on_work: Callable[[WorkLink], None] | None = None,
    ):
        self.paths = paths
        self.name = paths[0].name
        self.max_line_bytes = max_line_bytes
        self.max_field_chars = max_field_chars
        self.on_work = on_work
        self.rows_read = 0
        self.warnings: Counter[str] = Counter()
        # ISWCs are told once, in the first pass.
        self._works_told = False

    def survey(self) -> Survey:
        """Read the report once: its HEAD, summaries, usages and FOOT counts."""
        survey: Survey | None = None
        summaries: dict[str, Summary] = {}
        skipped: Counter[str] = Counter()
        self._works_told = self.on_work is not None
        for summary_id, item in self._walk(summaries, skipped):
            if isinstance(item, Head):
                survey = survey or Survey(head=item, summaries=summaries, groups=[])
            elif isinstance(item, Summary):
                if item.group not in survey.groups:
                    survey.groups.append(item.group)
            elif isinstance(item, ParsedRow):
                if item.revenue is None:
                    survey.usages[summary_id] += item.usages
                else:
                    survey.carries_revenue.add(summary_id)
        self._works_told = False
        if survey is None:
            raise DSRFormatError(FILE_EMPTY.format(name=self.name))
        if not survey.groups:
            raise DSRFormatError(FILE_NO_SUMMARY.format(name=self.name))
        survey.foot = self._foot_checks
        self._warnings_survey(survey, skipped)
        return survey

    def rows(self, *, survey: Survey, group: Group) -> Iterator[ParsedRow | RowError]:
        """One DSR's sale records and row errors, revenue in place.

        Errors no summary record places (a record type the profile lacks, a
        block without a resource) belong to the report's first DSR.
        """
        self.rows_read = 0
        self.warnings = Counter(survey.warnings.get(group, ()))
        first = group == survey.groups[0]
        allocations: dict[str, RevenueAllocation] = {}
        for summary_id, item in self._walk(dict(survey.summaries), Counter()):
            summary = survey.summaries.get(summary_id)
            mine = summary.group == group if summary else first
            if not mine or isinstance(item, Head | Summary):
                continue
            self.rows_read += 1
            if isinstance(item, RowError) or item.revenue is not None:
                yield item
                continue
            yield item._replace(
                revenue=self._allocated(survey, summary, allocations, item.usages)
            )

    def _allocated(
        self,
        survey: Survey,
        summary: Summary,
        allocations: dict[str, RevenueAllocation],
        usages: int,
    ) -> str:
        if summary.id in survey.carries_revenue:
            return "0"
        allocation = allocations.get(summary.id)
        if allocation is None:
            allocation = allocations[summary.id] = RevenueAllocation(
                revenue=summary.revenue, usages=survey.usages[summary.id]
            )
        return revenue_text(value=allocation.part(usages=usages))

    # The walk both passes share.

    def _walk(
        self, summaries: dict[str, Summary], skipped: Counter[str]
    ) -> Iterator[tuple[str | None, Head | Summary | ParsedRow | RowError]]:
        """Every record of every part, read: ``(summary id, item)``."""
        self._foot_checks: list[str] = []
        self.resource_warnings: Counter[str] = Counter()
        offset = 0
        head_seen = False
        for path in self.paths:
            stream = RecordStream(path, max_line_bytes=self.max_line_bytes)
            state = _PartState()
            for item in stream:
                item = _shifted(item, offset)
                if isinstance(item, RowError):
                    yield None, item
                    continue
                if not state.head:
                    state.head = True
                    head = head_read(name=path.name, record=item)
                    if not head_seen:
                        head_seen = True
                        yield None, head
                    continue
                yield from self._record_read(item, state, summaries, skipped)
            if not state.head:
                raise DSRFormatError(FILE_EMPTY.format(name=path.name))
            yield from self._block_close(state)
            self._foot_check(state, stream.lines_read)
            offset += stream.lines_read

    def _record_read(
        self,
        record: Record,
        state: "_PartState",
        summaries: dict[str, Summary],
        skipped: Counter[str],
    ) -> Iterator[tuple[str | None, Summary | ParsedRow | RowError]]:
        code = L.record_code(record.type)
        if code in L.BLOCK_TYPES:
            yield from self._block_record(record, code, state, summaries)
        elif code in L.SUMMARY_TYPES:
            yield None, _summary_known(summary_read(record=record), summaries)
        elif code in L.SUMMARY_TYPES_SKIPPED:
            skipped[record.type] += 1
        elif code == L.FOOT:
            yield from self._block_close(state)
            state.foot = record
        elif code == L.HEAD:
            yield (
                None,
                RowError(record.line, "RecordType", record.type, ROW_SECOND_HEAD),
            )
        else:
            reason = ROW_UNKNOWN_TYPE.format(type=record.type)
            yield None, RowError(record.line, "RecordType", record.type, reason)

    def _block_record(
        self,
        record: Record,
        code: str,
        state: "_PartState",
        summaries: dict[str, Summary],
    ) -> Iterator[tuple[str | None, ParsedRow | RowError]]:
        block_id = record.get(L.BLOCK_ID)
        if not block_id:
            reason = ROW_NO_BLOCK_ID.format(type=record.type)
            yield None, RowError(record.line, L.BLOCK_ID, "", reason)
            return
        if state.block is None or state.block.id != block_id:
            yield from self._block_close(state)
            state.block = _Block(block_id, record)
            state.blocks += 1
        block = state.block
        if code in L.RESOURCE_TYPES:
            item = self._resource_read(record)
            if isinstance(item, RowError):
                yield None, item
            else:
                block.resources[record.get(L.RESOURCE_REFERENCE)] = item
        elif code in L.SALE_TYPES:
            block.sales += 1
            yield self._sale_read(record, block, summaries)

    def _block_close(self, state: "_PartState") -> Iterator[tuple[None, RowError]]:
        block, state.block = state.block, None
        if block is not None and not block.resources and not block.sales:
            reason = ROW_BLOCK_NO_RESOURCE.format(type=block.type, block=block.id)
            yield None, RowError(block.line, L.BLOCK_ID, block.id, reason)

    def _resource_read(self, record: Record) -> Resource | RowError:
        kind = record.type
        dsp_id = record.get(L.DSP_RESOURCE_ID)
        if not dsp_id:
            reason = ROW_DSP_ID_EMPTY.format(type=kind)
            return RowError(record.line, L.DSP_RESOURCE_ID, "", reason)
        if len(dsp_id) > DSP_ID_MAX_LENGTH:
            reason = ROW_DSP_ID_LONG.format(type=kind)
            return RowError(record.line, L.DSP_RESOURCE_ID, dsp_id[:200], reason)
        texts = {}
        for name in (L.TITLE, L.DISPLAY_ARTIST, L.ISRC):
            value = record.get(name)
            if len(value) > self.max_field_chars or "\x00" in value:
                reason = ROW_FIELD_LONG.format(type=kind, limit=self.max_field_chars)
                return RowError(record.line, name, value[:200], reason)
            texts[name] = value
        isrc = texts[L.ISRC].split(L.VALUE_SEPARATOR)[0].strip()
        if isrc:
            isrc, valid = isrc_read(isrc)
            if not valid:
                self.resource_warnings[WARN_ISRC_INVALID] += 1
        else:
            self.resource_warnings[WARN_ISRC_EMPTY] += 1
        iswc = record.get(L.ISWC)
        if self._works_told and iswc and isrc:
            for value in iswc.split(L.VALUE_SEPARATOR):
                if value.strip():
                    self.on_work(WorkLink(record.line, isrc, value.strip()))
        return Resource(dsp_id, texts[L.TITLE], texts[L.DISPLAY_ARTIST], isrc)

    def _sale_read(
        self, record: Record, block: _Block, summaries: dict[str, Summary]
    ) -> tuple[str | None, ParsedRow | RowError]:
        kind, line = record.type, record.line
        summary_id = record.get(L.SUMMARY_ID)
        if summary_id not in summaries:
            reason = ROW_UNKNOWN_SUMMARY.format(type=kind, value=summary_id)
            return None, RowError(line, L.SUMMARY_ID, summary_id, reason)
        reference = record.get(L.TRANSACTED_RESOURCE)
        resource = block.resources.get(reference)
        if resource is None:
            template = (
                ROW_BLOCK_NO_RESOURCE if not block.resources else ROW_UNKNOWN_RESOURCE
            )
            reason = template.format(type=kind, block=block.id, value=reference)
            return summary_id, RowError(line, L.TRANSACTED_RESOURCE, reference, reason)
        declared = next((f for f in L.SALE_USAGES if f in record.cells), None)
        if declared is None:
            return summary_id, RowError(line, "", "", ROW_NO_USAGES.format(type=kind))
        try:
            text = record.get(declared)
            usages = usages_parse(text) if text else 0
            revenue_cell = record.get(L.SALE_REVENUE)
            revenue = revenue_parse(revenue_cell) if revenue_cell else None
        except FieldRejected as rejected:
            name = L.SALE_REVENUE if rejected.field == "revenue" else declared
            reason = ROW_FIELD.format(type=kind, reason=rejected.reason)
            return summary_id, RowError(line, name, rejected.value, reason)
        row = ParsedRow(line, *resource, usages, revenue)
        return summary_id, row

    # Checks of the whole report.

    def _foot_check(self, state: "_PartState", lines: int) -> None:
        foot = state.foot
        if foot is None:
            self._foot_checks.append(WARN_FOOT_MISSING)
            return
        for name, read in ((L.LINES_IN_FILE, lines), (L.BLOCKS_IN_FILE, state.blocks)):
            declared = foot.get(name)
            if declared and declared != str(read):
                self._foot_checks.append(
                    WARN_FOOT.format(field=name, declared=declared, read=read)
                )

    def _warnings_survey(self, survey: Survey, skipped: Counter[str]) -> None:
        first = survey.groups[0]
        for group in survey.groups:
            survey.warnings[group] = Counter()
        file_warnings = survey.warnings[first]
        file_warnings.update(self.resource_warnings)
        for text in survey.foot:
            file_warnings[text] += 1
        for kind, count in skipped.items():
            file_warnings[WARN_SKIPPED.format(type=kind)] += count
        for summary in survey.summaries.values():
            warnings = survey.warnings[summary.group]
            read = survey.usages[summary.id]
            if summary.id in survey.carries_revenue:
                if summary.revenue:
                    warnings[WARN_NOT_ALLOCATED.format(id=summary.id)] += 1
            elif summary.usages is not None and summary.usages != read:
                text = WARN_SUMMARY_USAGES.format(
                    id=summary.id, declared=summary.usages, read=read
                )
                warnings[text] += 1
            if (
                summary.id not in survey.carries_revenue
                and summary.revenue
                and not read
            ):
                text = WARN_NO_USAGES.format(id=summary.id, revenue=summary.revenue)
                warnings[text] += 1
            rate = (summary.exchange_rate, summary.transaction_currency)
            if survey.exchange.setdefault(summary.group, rate) != rate:
                warnings[WARN_EXCHANGE_RATES] = 1


def _summary_known(
    item: Summary | RowError, summaries: dict[str, Summary]
) -> Summary | RowError:
    """``item``, kept in ``summaries``; a second record of its id is an error."""
    if isinstance(item, RowError):
        return item
    earlier = summaries.setdefault(item.id, item)
    if earlier.line == item.line:
        return item
    reason = ROW_SUMMARY_DUPLICATE.format(value=item.id, line=earlier.line)
    return RowError(item.line, L.SUMMARY_ID, item.id, reason)


class _PartState:
    def __init__(self):
        self.head = False
        self.block: _Block | None = None
        self.blocks = 0
        self.foot: Record | None = None


def _shifted(item: Record | RowError, offset: int) -> Record | RowError:
    """``item`` with its line counted through the report's parts."""
    return item._replace(line=item.line + offset) if offset else item
