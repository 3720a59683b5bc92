"""Loading the DSRs of a DSRF report, through the TSV's ``Loader``.

Where the database can (``storage().ReportSales``, PostgreSQL), the report
is read once, as it streams, into temporary tables (``report_read``), and
each DSR is staged from them in SQL, its summary records' revenue allocated
by the SQL twin of ``dsrs.parsers.dsrf.allocation``. Elsewhere (SQLite) each
DSR's sale records come from a pass of the parser of their own, allocated in
Python. Row errors, warnings and counts are the parser's either way.
"""

import functools
from collections import Counter
from collections.abc import Callable
from contextlib import suppress

from common.ingest.batches import (
    BatchCounts,
    ProgressCallback,
    batched,
    batches_ingest,
)
from common.ingest.services import set_aside_keeper
from dsrs.currency import EurRate
from dsrs.models import DSR, DSRRowError
from dsrs.parsers import RowError
from dsrs.parsers.dsrf import DSRFReport, Group, Survey, WorkLink
from dsrs.services.loading import Loader
from dsrs.services.records import ImportedFile, dsr_load_prepare
from dsrs.services.staging import BATCH_ROWS
from dsrs.services.summaries import dsr_summary_refresh
from recordings.services import LinkError, recording_work_link

LINK_SOURCE_PREFIX = "ddex:"


def report_read(
    *, report: DSRFReport, sales, on_progress: ProgressCallback | None
) -> Survey:
    """Read the report once into ``sales``' tables; return its survey.

    The tables take the parser's pass as it streams (sales, row errors and
    ISWC links alike): memory holds one segment's errors and links at most.
    """

    def segment_read() -> None:
        if on_progress:
            on_progress(report.rows_read)

    sales.read(items=report.sales(links=True), on_segment=segment_read)
    survey = report.surveyed
    numbers = {group: number for number, group in enumerate(survey.groups)}
    sales.summaries_copy(
        summaries=(
            (s.id, numbers[s.group], s.revenue, s.id in survey.carries_revenue)
            for s in survey.summaries.values()
        )
    )
    return survey


def group_load(
    *,
    report: DSRFReport,
    survey: Survey,
    group: Group,
    identity: dict[str, object],
    file: ImportedFile,
    rate: EurRate,
    sales,
    on_progress: ProgressCallback | None,
) -> tuple[DSR, BatchCounts]:
    """Load one DSR of the report (``sales``: the report as read, or None)."""
    dsr = dsr_load_prepare(identity=identity, file=file, rate=rate)
    exchange_rate, transaction_currency = survey.exchange[group]
    dsr.file_exchange_rate = "" if exchange_rate is None else str(exchange_rate)
    dsr.file_transaction_currency = transaction_currency[:3]
    loader = Loader(dsr)
    loader.begin()
    keep = set_aside_keeper(model=DSRRowError, dsr_id=dsr.pk)
    on_work = functools.partial(work_link, dsr_id=dsr.pk)
    if sales is None:
        counts = _rows_stage(report, survey, group, loader, keep, on_work, on_progress)
    else:
        counts = _sales_stage(report, survey, group, sales, keep, on_work)
    loader.finish(
        fields={
            "rows_read": report.rows_read,
            "rows_rejected": counts.rejected,
            "warnings": dict(report.warnings),
        }
    )
    dsr_summary_refresh(dsr_id=dsr.pk)
    return dsr, counts


def _rows_stage(
    report: DSRFReport,
    survey: Survey,
    group: Group,
    loader: Loader,
    keep: Callable,
    on_work: Callable[[WorkLink], None],
    on_progress: ProgressCallback | None,
) -> BatchCounts:
    """The DSR's own pass of the parser, staged as the TSV's rows are."""
    return batches_ingest(
        batches=batched(
            report.rows(survey=survey, group=group, on_work=on_work), size=BATCH_ROWS
        ),
        stage=loader.stage,
        keep=keep,
        reject_type=RowError,
        on_progress=on_progress,
        read_so_far=lambda: report.rows_read,
    )


def _sales_stage(
    report: DSRFReport,
    survey: Survey,
    group: Group,
    sales,
    keep: Callable,
    on_work: Callable[[WorkLink], None],
) -> BatchCounts:
    """The DSR staged from the report as read: what ``rows`` would give."""
    number = survey.groups.index(group)
    counts = batches_ingest(
        batches=sales.errors(dsr=number, batch_rows=BATCH_ROWS),
        stage=None,
        keep=keep,
        reject_type=RowError,
    )
    staged = sales.stage(dsr=number)
    counts.read += staged
    counts.staged += staged
    report.rows_read = counts.read
    report.warnings = Counter(survey.warnings.get(group, ()))
    for links in sales.links(batch_rows=BATCH_ROWS):
        for link in links:
            on_work(WorkLink(*link))
    return counts


def work_link(link: WorkLink, *, dsr_id: int) -> None:
    """An ISRC <-> ISWC link the DSR ``dsr_id`` reports, to the recordings
    catalogue with the DSR as its source (``ddex:<DSR id>``).

    An invalid ISRC or ISWC is no link; the usage line itself imports.
    """
    with suppress(LinkError):
        recording_work_link(
            isrc=link.isrc, iswc=link.iswc, source=f"{LINK_SOURCE_PREFIX}{dsr_id}"
        )
