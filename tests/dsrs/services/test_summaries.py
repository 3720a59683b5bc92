"""Per-DSR totals: stored once at import, exact, the same as the files say."""

from decimal import Decimal
from pathlib import Path

import pytest

from dsrs.models import DSR
from dsrs.services import dsr_delete, dsr_import
from dsrs.services.summaries import dsr_summary_refresh, eur_amount
from tests.dsrs.factories import DSRFactory, UsageFactory
from tests.dsrs.samples import EXACT, file_revenue

pytestmark = pytest.mark.django_db


def test_samples_store_the_files_sums(imported_samples):
    for result in imported_samples:
        dsr = DSR.objects.get(pk=result.import_id)
        revenue = file_revenue(Path(result.path))
        assert dsr.total_revenue == revenue
        assert dsr.total_revenue_eur == EXACT.quantize(
            EXACT.divide(revenue, dsr.eur_rate), Decimal(1).scaleb(-31)
        )
        assert dsr.total_usages > 0


def test_eur_revenue_of_the_samples(imported_samples):
    """The EUR figures the admin shows, pinned (rounded half-even to cents)."""
    shown = {
        dsr.offer: EXACT.quantize(dsr.total_revenue_eur, Decimal("0.01"))
        for dsr in DSR.objects.all()
    }
    assert shown == {
        "SpotifyDuo": Decimal("3625068804733254.03"),
        "SpotifyFamilyPlan": Decimal("41465303563882078.44"),
        "SpotifyFree": Decimal("52296547816145385.84"),
        "SpotifyStudent": Decimal("36861142524918488.13"),
    }


def test_sums_keep_every_digit():
    """47-digit revenues would lose digits in Decimal's default 28-digit context."""
    dsr = DSRFactory(eur_rate=Decimal(3))
    big = Decimal("9999999999999999.9999999999999999999999999999999")
    UsageFactory(dsr=dsr, revenue=big, usages=2)
    UsageFactory(dsr=dsr, revenue=Decimal("0.0000000000000000000000000000001"))
    dsr.refresh_from_db()
    assert dsr.total_revenue == Decimal(
        "10000000000000000.0000000000000000000000000000000"
    )
    assert dsr.total_usages == 3
    assert dsr.total_revenue_eur == Decimal(
        "3333333333333333.3333333333333333333333333333333"
    )


def test_a_failed_dsr_has_no_totals(data_dir):
    result = dsr_import(path=data_dir / "Test_Empty_ES_EUR_20200101-20200131.tsv")
    assert result.status == "failed"
    dsr = DSR.objects.get(pk=result.import_id)
    assert (dsr.total_usages, dsr.total_revenue, dsr.total_revenue_eur) == (
        None,
        None,
        None,
    )


def test_a_replacing_import_recomputes(imported_samples, tmp_path, samples):
    first = DSR.objects.get(pk=imported_samples[1].import_id)
    replacement = tmp_path / Path(first.path).name.removesuffix(".gz")
    replacement.write_text("dsp_id\tusages\trevenue\nX1\t7\t2.5\n", encoding="utf-8")
    result = dsr_import(path=replacement)
    assert result.import_id == first.pk
    first.refresh_from_db()
    assert (first.total_usages, first.total_revenue) == (7, Decimal("2.5"))


def test_refresh_is_what_import_stores(imported_samples):
    dsr = DSR.objects.get(pk=imported_samples[0].import_id)
    stored = (dsr.total_usages, dsr.total_revenue, dsr.total_revenue_eur)
    DSR.objects.filter(pk=dsr.pk).update(total_usages=None, total_revenue=None)
    dsr_summary_refresh(dsr_id=dsr.pk)
    dsr.refresh_from_db()
    assert (dsr.total_usages, dsr.total_revenue, dsr.total_revenue_eur) == stored


def test_eur_amount_rounds_half_even_at_31_places():
    assert eur_amount(amount=Decimal(1), rate=Decimal(3)) == Decimal(
        "0.3333333333333333333333333333333"
    )
    assert eur_amount(amount=Decimal("5E-32"), rate=Decimal(1)) == Decimal(0)


def test_deletion_is_logged_with_the_counts_and_totals(imported_samples):
    from dsrs.models import DeletedDSR

    dsr = DSR.objects.get(pk=imported_samples[0].import_id)
    result = dsr_delete(dsr_ids=[dsr.pk])
    entry = DeletedDSR.objects.get()
    assert (entry.dsr_id, entry.path, entry.territory, entry.currency) == (
        dsr.pk,
        dsr.path,
        "NO",
        "NOK",
    )
    assert (entry.usages, entry.row_errors, entry.orphan_resources) == (
        result.dsrs[0].usages,
        result.dsrs[0].row_errors,
        result.orphan_resources,
    )
    assert entry.total_revenue_eur == dsr.total_revenue_eur
    assert entry.deleted_by == ""
