"""Importing a DDEX DSRF report: one DSR per territory and currency.

The report is read by ``dsrs.parsers.dsrf.DSRFReport``: on PostgreSQL once,
into temporary tables each DSR is staged from; elsewhere a first pass for its
summary records and checks, then one pass per DSR
(``dsrs.services.dsrf_loading``). Each DSR goes through
the same core as a TSV file: the identity lock, the idempotency key (identity
and the file's SHA-256), the loader (replace in one transaction), row errors,
summaries, progress. Each DSR of the report is its own transaction.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from common.ingest.batches import ProgressCallback, batched
from common.ingest.filehash import file_sha256
from common.ingest.results import ImportResult, timed
from common.ingest.selectors import import_record_ingested
from common.ingest.status import ImportStatus
from dsrs.currency import EurRate, EurRateUnavailable, eur_rate
from dsrs.models import DSR
from dsrs.parsers import DSRFormatError
from dsrs.parsers.dsrf import (
    DSRFFileName,
    DSRFFileNameError,
    DSRFProfileRefused,
    DSRFReport,
    Group,
    Survey,
    dsrf_filename_parse,
)
from dsrs.services.dsrf_loading import group_load, report_read
from dsrs.services.records import (
    ImportedFile,
    dsr_dry_run_count,
    dsr_failure_record,
    dsr_identity_text,
    error_cap,
)
from dsrs.services.reference import currency_get_or_create, territory_get_or_create
from dsrs.services.staging import BATCH_ROWS
from dsrs.storage import storage

PART_MISSING = "{name}: part {part} of {parts} is missing: expected {expected}"
PART_LATER = "{name}: part {part} of {parts} imports with part 1, {first}"
FOOT_STRICT = "{name}: --strict: {problems}"


@timed
def dsrf_import(
    *,
    path: Path,
    force: bool = False,
    dry_run: bool = False,
    strict: bool = False,
    on_progress: ProgressCallback | None = None,
) -> ImportResult:
    """Import the DSRF report ``path`` belongs to; never raises for its content.

    A multi-file report (``1of3``…) imports from its first part, when all
    parts are beside it. ``strict`` fails the report when its FOOT counts
    differ from what was read (otherwise a warning). The result sums the
    DSRs': ``import_id`` is the first DSR's, ``details["dsrs"]`` all their
    ids, ``details["eur_rate"]`` the first DSR's rate.
    """
    result = ImportResult(path=str(path), status=ImportStatus.REJECTED)
    try:
        name = dsrf_filename_parse(path.name)
    except DSRFFileNameError as error:
        result.message = str(error)
        return result
    paths = _parts(path, name, result)
    if paths is None:
        return result
    report = DSRFReport(
        paths,
        max_line_bytes=settings.DSRS_MAX_LINE_BYTES,
        max_field_chars=settings.DSRS_MAX_FIELD_CHARS,
    )
    sales = (
        None if dry_run or storage().ReportSales is None else storage().ReportSales()
    )
    try:
        survey = _survey(report, sales, strict, result, on_progress)
        if survey is None:
            return result
        result.details["dsrs"] = []
        file = _file(paths)
        for group in survey.groups:
            one = ImportResult(path=str(path))
            if dry_run:
                _group_dry_run(report, survey, group, one, on_progress)
            else:
                _group_import(
                    report, survey, group, file, one, force, sales, on_progress
                )
            _result_add(result, one, first=group == survey.groups[0])
    finally:
        if sales is not None:
            sales.end()
    return result


def _survey(
    report: DSRFReport,
    sales,
    strict: bool,
    result: ImportResult,
    on_progress: ProgressCallback | None,
) -> Survey | None:
    """The report's first pass, or None with the result saying why not.

    With ``sales`` (the database's tables for it) the pass stores what it
    reads, and is the only one.
    """
    try:
        if sales is None:
            survey = report.survey()
        else:
            sales.begin()
            survey = report_read(report=report, sales=sales, on_progress=on_progress)
    except DSRFProfileRefused as error:
        result.message = str(error)
        return None
    except DSRFormatError as error:
        result.status, result.message = ImportStatus.FAILED, error_cap(str(error))
        return None
    if strict and survey.foot:
        result.status = ImportStatus.FAILED
        result.message = FOOT_STRICT.format(
            name=report.name, problems="; ".join(survey.foot)
        )
        return None
    return survey


def _parts(path: Path, name: DSRFFileName, result: ImportResult) -> list[Path] | None:
    """The report's files in order, or None with the result saying why."""
    if name.parts == 1:
        return [path]
    if name.part != 1:
        result.status = ImportStatus.SKIPPED
        result.message = PART_LATER.format(
            name=path.name, part=name.part, parts=name.parts, first=name.part_name(1)
        )
        return None
    paths = [path.with_name(name.part_name(part)) for part in range(1, name.parts + 1)]
    for part, candidate in enumerate(paths, start=1):
        if not candidate.is_file():
            result.message = PART_MISSING.format(
                name=path.name, part=part, parts=name.parts, expected=candidate.name
            )
            return None
    return paths


def _file(paths: list[Path]) -> ImportedFile:
    """The report's record: one file's SHA-256, or that of the parts' SHA-256s."""
    hashes = [file_sha256(path=path) for path in paths]
    sha256 = hashes[0] if len(hashes) == 1 else _joined(hashes)
    size = sum(path.stat().st_size for path in paths)
    return ImportedFile(paths[0], sha256, size, timezone.now())


def _joined(hashes: list[str]) -> str:
    return hashlib.sha256("\n".join(hashes).encode()).hexdigest()


def _identity(survey: Survey, group: Group) -> dict[str, object]:
    head = survey.head
    territory, currency = group
    return {
        "dsp": head.sender,
        "offer": head.service,
        "society": head.recipient,
        "territory": territory_get_or_create(code_2=territory),
        "currency": currency_get_or_create(code=currency),
        "period_start": head.period_start,
        "period_end": head.period_end,
    }


def _rate(survey: Survey, group: Group, result: ImportResult) -> EurRate:
    rate = eur_rate(
        currency=group[1],
        period_start=survey.head.period_start,
        period_end=survey.head.period_end,
    )
    result.details["eur_rate"] = rate.rate
    return rate


def _group_import(
    report: DSRFReport,
    survey: Survey,
    group: Group,
    file: ImportedFile,
    result: ImportResult,
    force: bool,
    sales,
    on_progress: ProgressCallback | None,
) -> None:
    identity = _identity(survey, group)
    with storage().identity_lock(identity=dsr_identity_text(identity)):
        earlier = import_record_ingested(model=DSR, sha256=file.sha256, **identity)
        if earlier is not None and not force:
            result.skip(earlier=earlier)
            return
        try:
            rate = _rate(survey, group, result)
            with transaction.atomic():
                dsr, counts = group_load(
                    report=report,
                    survey=survey,
                    group=group,
                    identity=identity,
                    file=file,
                    rate=rate,
                    sales=sales,
                    on_progress=on_progress,
                )
        except (DSRFormatError, EurRateUnavailable) as error:
            dsr_failure_record(result, report, identity, file, error)
            return
    result.record_take(dsr)
    result.warnings, result.rejects = dsr.warnings, counts.first_rejects


def _group_dry_run(
    report: DSRFReport,
    survey: Survey,
    group: Group,
    result: ImportResult,
    on_progress: ProgressCallback | None,
) -> None:
    """Parse and count one DSR of the report; write nothing."""
    dsr_dry_run_count(
        result=result,
        rate=lambda: _rate(survey, group, result),
        batches=batched(report.rows(survey=survey, group=group), size=BATCH_ROWS),
        read_so_far=lambda: report.rows_read,
        warnings=lambda: report.warnings,
        on_progress=on_progress,
    )


# The report's result: the worst status of its DSRs, the sums of their counts.
_STATUS_ORDER = (
    ImportStatus.FAILED,
    ImportStatus.DRY_RUN,
    ImportStatus.INGESTED,
    ImportStatus.SKIPPED,
)


def _result_add(result: ImportResult, one: ImportResult, *, first: bool) -> None:
    if first:
        result.status, result.import_id = one.status, one.import_id
        result.details["eur_rate"] = one.details.get("eur_rate")
    elif _STATUS_ORDER.index(one.status) < _STATUS_ORDER.index(result.status):
        result.status = one.status
    if one.import_id is not None:
        result.details["dsrs"].append(one.import_id)
    result.message = "; ".join(m for m in (result.message, one.message) if m)
    result.rows_read += one.rows_read
    result.rows_imported += one.rows_imported
    result.rows_rejected += one.rows_rejected
    for kind, count in one.warnings.items():
        result.warnings[kind] = result.warnings.get(kind, 0) + count
    result.rejects.extend(one.rejects)
