"""The per-ISRC sums PostgreSQL keeps equal a computation from the usages.

After every write that changes usages (a TSV import, a replace, a delete, a
DSRF import, usages written by the ORM, a rebuild) and the fold that follows
an import's commit (run here by hand: the tests' transaction never commits),
``dsrs_isrc_dsr_total``,
``dsrs_isrc_total`` and ``dsrs_isrc_dsr_sum`` hold exactly what
``usage_revenue_by_isrc`` (Python, from the usage lines, by ``isrc_read``
and ``eur_amount``) computes from scratch.
"""

from collections import defaultdict
from decimal import Decimal, localcontext
from pathlib import Path

import pytest
from django.db import connection

from common.ingest.status import ImportStatus
from dsrs.models import DSR
from dsrs.selectors.isrcs import usage_revenue_by_isrc
from dsrs.services import dsr_delete, dsr_import
from dsrs.services.isrc_sums import isrc_sums_fold_run
from dsrs.services.summaries import EXACT
from dsrs.storage.postgresql.isrc_sums import isrc_sums_rebuild
from tests.dsrs.factories import DSRFactory, ResourceFactory, UsageFactory
from tests.dsrs.parsers.dsrf.helpers import SAMPLE as DSRF_SAMPLE

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

ROOT = Path(__file__).resolve().parents[4]
SAMPLES = sorted((ROOT / "data").glob("*.tsv.gz"))
HEADER = "dsp_id\ttitle\tartists\tisrc\tusages\trevenue\n"
# Every way a line can report its ISRC: spelled, Unicode dashes and spaces,
# lower case, invalid, empty, a letter whose upper case is two.
LINES = [
    ("R1", "ES-AB1-20-00001", 3, "1.1"),
    ("R2", "esab12000001", 2, "2.2"),
    ("R3", "ES\u2010AB1\u201320\u00a000001", 5, "0.0000000000000000000000000000001"),
    ("R4", "NOT-AN-ISRC", 1, "7"),
    ("R4", "", 1, "0.5"),
    ("R5", "", 4, "-1.25"),
    ("R6", "U\u00dfZ12990001", 1, "3"),
    ("R7", "XX-AB1-20-00001", 1, "1"),
    ("R8", "GBAB12000002", 1, "9999999999999999.123"),
]


def tsv(directory: Path, lines, name="Test_Twins_NO_NOK_20200101-20200131.tsv"):
    path = directory / name
    body = "".join(
        f"{dsp_id}\tT\tA\t{isrc}\t{usages}\t{revenue}\n"
        for dsp_id, isrc, usages, revenue in lines
    )
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def from_usages() -> dict[tuple, tuple[int, Decimal]]:
    return {
        (r.dsr_id, r.isrc, r.dsp, r.dsp_id, r.reported_isrc): (r.usages, r.revenue_eur)
        for r in usage_revenue_by_isrc()
    }


def rows(query: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query)
        return cursor.fetchall()


def assert_sums_are_the_usages() -> None:
    isrc_sums_fold_run()
    parts = from_usages()
    stored = rows(
        "SELECT dsr_id, isrc, dsp, dsp_id, reported_isrc, usages, revenue_eur "
        "FROM dsrs_isrc_dsr_total"
    )
    assert {row[:5]: row[5:] for row in stored} == parts
    assert len(stored) == len(parts)
    totals = defaultdict(lambda: [0, Decimal(0), 0])
    per_territory = defaultdict(lambda: [0, Decimal(0), 0])
    per_dsr = defaultdict(lambda: [0, Decimal(0)])
    territories = dict(DSR.objects.values_list("pk", "territory_id"))
    with localcontext(EXACT):
        for (dsr_id, *key), (usages, amount) in parts.items():
            for cell, values in (
                (totals[tuple(key)], (usages, amount, 1)),
                (per_territory[(territories[dsr_id], *key)], (usages, amount, 1)),
                (per_dsr[dsr_id], (usages, amount)),
            ):
                for i, value in enumerate(values):
                    cell[i] += value
    stored_totals = rows(
        "SELECT isrc, dsp, dsp_id, reported_isrc, usages, revenue_eur, dsrs "
        "FROM dsrs_isrc_total"
    )
    assert {row[:4]: list(row[4:]) for row in stored_totals} == dict(totals)
    stored_territory = rows(
        "SELECT territory_id, isrc, dsp, dsp_id, reported_isrc, usages, "
        "revenue_eur, dsrs FROM dsrs_isrc_territory_total"
    )
    assert {row[:5]: list(row[5:]) for row in stored_territory} == dict(per_territory)
    # Every ingested DSR is folded, those without a part with nothing.
    ingested = DSR.objects.filter(status=ImportStatus.INGESTED)
    stored_sums = rows("SELECT dsr_id, usages, revenue_eur FROM dsrs_isrc_dsr_sum")
    assert {row[0]: list(row[1:]) for row in stored_sums} == {
        dsr_id: per_dsr.get(dsr_id, [0, Decimal(0)])
        for dsr_id in ingested.values_list("pk", flat=True)
    }


def test_import_replace_delete_and_dsrf_keep_the_sums(tmp_path):
    for path in SAMPLES:
        assert dsr_import(path=path).status == ImportStatus.INGESTED
    twins = tsv(tmp_path, LINES)
    assert dsr_import(path=twins).status == ImportStatus.INGESTED
    assert_sums_are_the_usages()
    keys = {key[1] for key in from_usages()}
    assert {"ESAB12000001", "GBAB12000002", ""} <= keys
    assert "USSZ12990001" in keys  # the rule folds ß to SS: Python decides it

    tsv(tmp_path, [*LINES[3:], ("R9", "ESAB12000001", 1, "9")])
    assert dsr_import(path=twins, force=True).status == ImportStatus.INGESTED
    assert_sums_are_the_usages()

    spain = DSR.objects.get(territory__code_2="ES")
    dsr_delete(dsr_ids=[spain.pk])
    assert_sums_are_the_usages()
    assert not rows(f"SELECT 1 FROM dsrs_isrc_dsr_total WHERE dsr_id = {spain.pk}")

    assert dsr_import(path=DSRF_SAMPLE).status == ImportStatus.INGESTED
    assert_sums_are_the_usages()
    # Summed afresh, every DSR's parts first and the totals from them at once.
    assert isrc_sums_rebuild() == DSR.objects.count()
    assert_sums_are_the_usages()

    dsr_delete(dsr_ids=list(DSR.objects.values_list("pk", flat=True)))
    assert rows("SELECT count(*) FROM dsrs_isrc_total") == [(0,)]
    assert rows("SELECT count(*) FROM dsrs_isrc_territory_total") == [(0,)]
    assert rows("SELECT count(*) FROM dsrs_isrc_dsr_sum") == [(0,)]


def test_usages_written_by_the_orm_are_summed_on_refresh():
    dsr = DSRFactory()
    UsageFactory(dsr=dsr, resource=ResourceFactory(), revenue=Decimal("2.5"))
    UsageFactory(dsr=dsr, isrc="es-ab1-20-00001", revenue=Decimal("1"))
    UsageFactory(dsr=dsr, isrc="ESAB12000001", revenue=Decimal("3"))
    assert_sums_are_the_usages()
    assert rows("SELECT usages, revenue_eur FROM dsrs_isrc_total WHERE isrc <> ''")
