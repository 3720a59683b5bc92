"""Usages and EUR revenue per DSR and ISRC, as the recordings app reads them."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dsrs.models import DSR
from dsrs.selectors.isrcs import usage_revenue_by_isrc
from dsrs.services import dsr_import
from tests.dsrs.factories import DSRFactory, UsageFactory

pytestmark = pytest.mark.django_db

ISRC = "USVDU0215539"
# Spellings the ISRC rule reads as ISRC: separators, case, Unicode dashes and
# letters (those lines have no SQL key and are decided by the rule).
SPELLINGS = [
    ISRC,
    "us-vdu-02-15539",
    " US VDU 02 15539",
    "US\u2010VDU0215539",
    "u\u017fvdu0215539",
]


def test_lines_count_for_the_isrc_they_report_in_any_spelling():
    dsr = DSRFactory(eur_rate=Decimal(2))
    for n, spelling in enumerate(SPELLINGS):
        UsageFactory(dsr=dsr, isrc=spelling, usages=10**n, revenue=Decimal(n + 1))
    UsageFactory(dsr=dsr, isrc="GBAAA0000001", usages=7, revenue=Decimal(100))
    UsageFactory(dsr=dsr, isrc="US-VDU-02-1553", usages=7, revenue=Decimal(100))
    (row,) = usage_revenue_by_isrc(isrcs=[ISRC])
    assert (row.dsr_id, row.isrc, row.usages) == (dsr.pk, ISRC, 11111)
    assert row.revenue_eur == Decimal("7.5")
    assert list(usage_revenue_by_isrc(isrcs=[])) == []


def test_the_isrc_read_is_the_unfiltered_read_cut_to_the_isrc():
    dsr = DSRFactory()
    for n, spelling in enumerate([*SPELLINGS, "", "NOT-AN-ISRC", "GBAAA0000001"]):
        UsageFactory(dsr=dsr, isrc=spelling, usages=n, revenue=Decimal(n) / 3)
    everything = [r for r in usage_revenue_by_isrc() if r.isrc == ISRC]
    assert list(usage_revenue_by_isrc(isrcs=[ISRC])) == everything


def _explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(line for (line,) in cursor.fetchall())


@pytest.mark.postgresql
def test_an_isrc_read_reaches_the_lines_through_the_index(imported_samples):
    """Every partition, the importer's and the ORM's, is read by its index."""
    dsr = DSR.objects.get(pk=imported_samples[0].import_id)
    UsageFactory(dsr=dsr, line=10**6, isrc=ISRC)
    with CaptureQueriesContext(connection) as queries:
        rows = list(usage_revenue_by_isrc(isrcs=[ISRC, "UGOBU8365238"]))
    assert {row.isrc for row in rows} == {ISRC, "UGOBU8365238"}
    (sql,) = [q["sql"] for q in queries if "dsrs_usage" in q["sql"]]
    plan = _explain(sql.split(" FOR ", 1)[-1] if sql.startswith("DECLARE") else sql)
    assert "Seq Scan on dsrs_usage" not in plan
    assert plan.count("Index Scan") >= 5, plan


@pytest.mark.postgresql
def test_an_imported_partition_attaches_its_own_isrc_index(tmp_path, samples):
    result = dsr_import(path=samples[0])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits AS i"
            " JOIN pg_class AS c ON c.oid = i.inhrelid"
            " WHERE i.inhparent = 'dsrs_usage_isrc_key'::regclass"
        )
        partitions = {name for (name,) in cursor.fetchall()}
        cursor.execute(
            "SELECT count(*) FROM pg_indexes WHERE tablename = %s",
            [f"dsrs_usage_dsr_{result.import_id}"],
        )
        (indexes,) = cursor.fetchone()
    assert len(partitions) == 2  # the default partition's and the DSR's
    assert indexes == 3  # the primary key, resource_id, the ISRC key
