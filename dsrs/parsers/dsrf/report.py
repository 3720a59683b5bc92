"""A DSRF report read as the DSRs it holds: one per territory and currency.

No ORM. ``DSRFReport`` reads the report's files twice, streaming: ``survey``
reads the HEAD, the summary records, the usages each summary record's sale
records add up to and the FOOT counts; ``rows`` then yields one DSR's sale
records as ``ParsedRow`` items (revenue their own, or allocated from their
summary record, ``dsrs.parsers.dsrf.allocation``) and its ``RowError`` items.
Memory holds the summary records and one block's resources, whatever the
size of the file.
"""

import functools
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from dsrs.parsers.dsrf import layout as L
from dsrs.parsers.dsrf.allocation import RevenueAllocation, revenue_text
from dsrs.parsers.dsrf.blocks import (
    ROW_NO_BLOCK_ID,
    Block,
    WorkLink,
    resource_read,
    sale_read,
    work_links,
)
from dsrs.parsers.dsrf.head import Head, head_read
from dsrs.parsers.dsrf.records import Record, RecordStream
from dsrs.parsers.dsrf.summaries import (
    Group,
    Summary,
    summary_known,
    summary_read,
)
from dsrs.parsers.dsrf.survey import Survey, foot_check, survey_warn
from dsrs.parsers.rows import (
    FIELD_MAX_CHARS,
    LINE_MAX_BYTES,
    DSRFormatError,
    ParsedRow,
    RowError,
)

FILE_EMPTY = "{name}: file is empty, expected a HEAD record"
FILE_NO_SUMMARY = "{name}: no usable summary record (SY01, SY02): nothing to import"

ROW_UNKNOWN_TYPE = "{type}: record type is not in BasicAudioProfile 1.x"
ROW_SECOND_HEAD = "HEAD: a second HEAD record in one file"


Item = Head | Summary | ParsedRow | RowError | WorkLink


class DSRFReport:
    """One DSRF report, from its files (the parts, in order).

    Lines are numbered through the parts: the first line of part 2 follows
    the last of part 1.
    """

    def __init__(
        self,
        paths: list[Path],
        *,
        max_line_bytes: int = LINE_MAX_BYTES,
        max_field_chars: int = FIELD_MAX_CHARS,
    ):
        self.paths = paths
        self.name = paths[0].name
        self.max_line_bytes = max_line_bytes
        self.max_field_chars = max_field_chars
        self.rows_read = 0
        self.warnings: Counter[str] = Counter()
        self._links = False  # whether the walk yields each ISWC link
        self._foot: list[str] = []
        self._resource_warnings: Counter[str] = Counter()
        self.surveyed: Survey | None = None

    def survey(self) -> Survey:
        """Read the report once: its HEAD, summaries, usages and FOOT counts."""
        for _ in self.sales():
            pass
        return self.surveyed

    def sales(
        self, *, links: bool = False
    ) -> Iterator[tuple[str | None, ParsedRow | RowError | WorkLink]]:
        """The report in one pass: each sale record and row error of every DSR.

        A sale comes with its summary id and its own revenue, or None when
        its summary record's revenue is to be allocated; an error with the
        summary id that places it, or None (the first DSR's). ``rows_read``
        counts the sales and errors yielded. With ``links``, each ISWC an AS
        record gives comes too, as ``(None, WorkLink)`` where it is read. When
        the pass ends, ``surveyed`` is what ``survey`` returns.
        """
        survey: Survey | None = None
        self._links = links
        self.rows_read = 0
        summaries: dict[str, Summary] = {}
        skipped: Counter[str] = Counter()
        for summary_id, item in self._walk(summaries, skipped):
            if isinstance(item, ParsedRow) and item.revenue is None:
                survey.usages[summary_id] += item.usages
            elif isinstance(item, ParsedRow):
                survey.carries_revenue.add(summary_id)
            elif isinstance(item, Head):
                survey = Survey(head=item, summaries=summaries)
                continue
            elif isinstance(item, Summary):
                if item.group not in survey.groups:
                    survey.groups.append(item.group)
                continue
            elif isinstance(item, WorkLink):
                yield None, item
                continue
            self.rows_read += 1
            yield summary_id, item
        if survey is None:
            raise DSRFormatError(FILE_EMPTY.format(name=self.name))
        if not survey.groups:
            raise DSRFormatError(FILE_NO_SUMMARY.format(name=self.name))
        survey.foot = self._foot
        survey_warn(
            survey=survey, skipped=skipped, file_warnings=self._resource_warnings
        )
        self.surveyed = survey

    def rows(
        self,
        *,
        survey: Survey,
        group: Group,
        on_work: Callable[[WorkLink], None] | None = None,
    ) -> Iterator[ParsedRow | RowError]:
        """One DSR's sale records and row errors, revenue in place.

        Errors no summary record places (a record type the profile lacks, a
        block without a resource) belong to the report's first DSR.
        ``rows_read`` counts what was yielded, ``warnings`` are the DSR's.
        ``on_work`` is told each ISWC an AS record of the report gives, with
        its ISRC: the links this DSR is the source of.
        """
        self._links = on_work is not None
        self.rows_read = 0
        self.warnings = Counter(survey.warnings.get(group, ()))
        first = group == survey.groups[0]
        allocations: dict[str, RevenueAllocation] = {}
        # Summary records are known from where they are read, as in ``sales``.
        for summary_id, item in self._walk({}, Counter()):
            if isinstance(item, WorkLink):
                on_work(item)
                continue
            summary = survey.summaries.get(summary_id)
            mine = summary.group == group if summary else first
            if not mine or isinstance(item, Head | Summary):
                continue
            self.rows_read += 1
            if isinstance(item, ParsedRow) and item.revenue is None:
                part = _allocated(survey, summary, allocations, item.usages)
                item = item._replace(revenue=part)
            yield item

    # The walk both passes share.

    def _walk(
        self, summaries: dict[str, Summary], skipped: Counter[str]
    ) -> Iterator[tuple[str | None, Item]]:
        """Every record of every part, read: ``(summary id, item)``; the ISWC
        links of each AS record after it when ``_links`` is set."""
        self._foot, self._resource_warnings = [], Counter()
        offset = 0
        for number, path in enumerate(self.paths):
            stream = RecordStream(path, max_line_bytes=self.max_line_bytes)
            part = _Part()
            for item in stream:
                item = item._replace(line=item.line + offset) if offset else item
                if isinstance(item, RowError):
                    yield None, item
                    continue
                if part.head is None:
                    part.head = head_read(name=path.name, record=item)
                    if number == 0:
                        yield None, part.head
                    continue
                code = _record_code(item.type)
                if code not in L.BLOCK_TYPES:
                    yield from self._record_read(item, code, part, summaries, skipped)
                    continue
                # Most records are a block's: read without a generator of their own.
                closed, read = self._block_record(item, code, part, summaries)
                if closed is not None:
                    yield None, closed
                if read is not None:
                    yield read
                if part.links:
                    for link in part.links:
                        yield None, link
                    part.links = []
            if part.head is None:
                raise DSRFormatError(FILE_EMPTY.format(name=path.name))
            yield from _block_close(part)
            self._foot += foot_check(
                foot=part.foot, lines=stream.lines_read, blocks=part.blocks
            )
            offset += stream.lines_read

    def _record_read(
        self,
        record: Record,
        code: str,
        part: "_Part",
        summaries: dict[str, Summary],
        skipped: Counter[str],
    ) -> Iterator[tuple[str | None, Item]]:
        """A record outside the blocks."""
        if code in L.SUMMARY_TYPES:
            yield (
                None,
                summary_known(item=summary_read(record=record), summaries=summaries),
            )
        elif code in L.SUMMARY_TYPES_SKIPPED:
            skipped[record.type] += 1
        elif code == L.FOOT:
            yield from _block_close(part)
            part.foot = record
        elif code == L.HEAD:
            yield None, RowError(record.line, "RecordType", L.HEAD, ROW_SECOND_HEAD)
        else:
            reason = ROW_UNKNOWN_TYPE.format(type=record.type)
            yield None, RowError(record.line, "RecordType", record.type[:200], reason)

    def _block_record(
        self,
        record: Record,
        code: str,
        part: "_Part",
        summaries: dict[str, Summary],
    ) -> tuple[RowError | None, tuple[str | None, ParsedRow | RowError] | None]:
        """A block's record: the error of the block it closes, and what it reads."""
        block_id = record.get(L.BLOCK_ID)
        if not block_id:
            reason = ROW_NO_BLOCK_ID.format(type=record.type)
            return None, (None, RowError(record.line, L.BLOCK_ID, "", reason))
        closed = None
        if part.block is None or part.block.id != block_id:
            closed = _block_closed(part)
            part.block = Block(block_id, record)
            part.blocks += 1
        block = part.block
        if code in L.SALE_TYPES:
            block.sales += 1
            return closed, sale_read(record=record, block=block, summaries=summaries)
        if code in L.RESOURCE_TYPES:
            resource = resource_read(
                record=record,
                max_field_chars=self.max_field_chars,
                warnings=self._resource_warnings,
            )
            if isinstance(resource, RowError):
                return closed, (None, resource)
            block.resources[record.get(L.RESOURCE_REFERENCE)] = resource
            if self._links and resource.isrc:
                part.links += work_links(record=record, isrc=resource.isrc)
        return closed, None


class _Part:
    """What one file of the report has shown so far."""

    def __init__(self):
        self.head: Head | None = None
        self.block: Block | None = None
        self.blocks = 0
        self.foot: Record | None = None
        self.links: list[WorkLink] = []  # told by the record just read


def _block_closed(part: _Part) -> RowError | None:
    """Close the part's block; the error of a block that had nothing."""
    block, part.block = part.block, None
    return block.unresolved() if block is not None else None


def _block_close(part: _Part) -> Iterator[tuple[None, RowError]]:
    error = _block_closed(part)
    if error is not None:
        yield None, error


# Bounded: a file may hold any number of made-up record types.
@functools.lru_cache(maxsize=256)
def _record_code(record_type: str) -> str:
    return L.record_code(record_type)


def _allocated(
    survey: Survey,
    summary: Summary,
    allocations: dict[str, RevenueAllocation],
    usages: int,
) -> str:
    """A sale's part of its summary record's revenue, as decimal text."""
    if summary.id in survey.carries_revenue:
        return "0"
    allocation = allocations.get(summary.id)
    if allocation is None:
        allocation = allocations[summary.id] = RevenueAllocation(
            revenue=summary.revenue, usages=survey.usages[summary.id]
        )
    return revenue_text(value=allocation.part(usages=usages))
