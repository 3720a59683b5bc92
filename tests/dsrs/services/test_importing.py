"""dsr_import on real files, on whichever database DATABASE_URL names."""

import csv
import gzip
import shutil
from decimal import Decimal, localcontext
from pathlib import Path

import pytest

from common.ingest.status import ImportStatus
from dsrs.models import DSR, Currency, DSRRowError, Resource, Territory, Usage
from dsrs.parsers import filename
from dsrs.parsers import numbers as number_rules
from dsrs.parsers import rows as row_rules
from dsrs.services import dsr_import, loading, staging

pytestmark = pytest.mark.django_db


def file_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a delivered sample, read with nothing but the standard library."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))


def exact_sum(values) -> Decimal:
    """Sum without rounding: the default context keeps only 28 digits."""
    with localcontext(prec=100):
        return sum(values, Decimal(0))


def stored_revenue(dsr: DSR) -> Decimal:
    return exact_sum(u.revenue for u in Usage.objects.filter(dsr=dsr))


class TestSamples:
    def test_four_dsrs_with_exact_counts_and_sums(self, imported_samples, samples):
        assert DSR.objects.filter(status="ingested").count() == 4
        assert sum(r.rows_read for r in imported_samples) == 4000
        for path, result in zip(samples, imported_samples, strict=True):
            rows = file_rows(path)
            dsr = DSR.objects.get(pk=result.import_id)
            assert (dsr.rows_read, dsr.rows_imported, dsr.rows_rejected) == (
                len(rows),
                len(rows),
                0,
            )
            assert stored_revenue(dsr) == exact_sum(
                Decimal(r["revenue"] or 0) for r in rows
            )
            assert Usage.objects.filter(dsr=dsr).count() == len(rows)
            empty_usages = sum(1 for r in rows if not r["usages"])
            assert dsr.warnings[row_rules.WARN_USAGES_EMPTY] == empty_usages

    def test_every_revenue_digit_is_kept(self, imported_samples, samples):
        spain = Usage.objects.filter(dsr__territory__code_2="ES")
        assert min(u.revenue for u in spain if u.revenue) == Decimal(
            "2.220446049250313e-16"
        )
        big = Usage.objects.get(dsr__territory__code_2="NO", line=3)
        assert big.revenue == Decimal("64686762792547.5")

    def test_identity_rate_and_references(self, imported_samples):
        dsr = DSR.objects.get(territory__code_2="NO")
        assert (dsr.dsp, dsr.offer, dsr.society) == ("Spotify", "SpotifyDuo", "")
        assert (dsr.territory.name, dsr.territory.code_3) == ("Norway", "NOR")
        assert (dsr.currency.code, dsr.currency.name) == ("NOK", "Norwegian Krone")
        assert dsr.territory.local_currency == dsr.currency
        assert dsr.eur_rate == Decimal("9.9384227273")
        assert (
            dsr.eur_rate_source == "ECB mean of 22 daily rates 2020-01-01..2020-01-31"
        )
        assert len(dsr.checksum) == 64

    def test_resources_keep_the_metadata_of_the_latest_period(
        self, imported_samples, samples
    ):
        latest: dict[str, tuple] = {}
        for path in samples:  # sorted by name; compare by period end instead
            end = filename.dsr_filename_parse(path.name).period_end
            for row in file_rows(path):
                known = latest.get(row["dsp_id"])
                if known is None or end >= known[0]:
                    latest[row["dsp_id"]] = (
                        end,
                        row["title"],
                        row["artists"],
                        row["isrc"],
                    )
        assert Resource.objects.count() == len(latest) == 3751
        for resource in Resource.objects.all():
            _, title, artists, isrc = latest[resource.dsp_id]
            assert (resource.title, resource.artists, resource.isrc) == (
                title,
                artists,
                isrc,
            )


class TestIdempotency:
    def test_same_bytes_are_skipped(self, imported_samples, samples):
        again = dsr_import(path=samples[0])
        assert again.status == ImportStatus.SKIPPED
        dsr_id = imported_samples[0].import_id
        assert again.message == f"already imported as DSR #{dsr_id} (same SHA-256)"
        assert Usage.objects.count() == 4000

    def test_force_reimports_in_place(self, imported_samples, samples):
        again = dsr_import(path=samples[0], force=True)
        assert again.status == ImportStatus.INGESTED
        assert again.import_id == imported_samples[0].import_id
        assert Usage.objects.count() == 4000
        assert Resource.objects.count() == 3751

    def test_changed_file_replaces_contents_and_drops_orphans(
        self, db, data_dir, tmp_path
    ):
        path = tmp_path / "Test_Lf_ES_EUR_20200101-20200131.tsv"
        shutil.copy(data_dir / path.name, path)
        first = dsr_import(path=path)
        lines = path.read_text().splitlines()
        path.write_text(
            "\n".join([lines[0], lines[1], lines[2].replace("\t20\t", "\t99\t")]) + "\n"
        )
        second = dsr_import(path=path)
        assert second.status == ImportStatus.INGESTED
        assert second.import_id == first.import_id
        assert sorted(Usage.objects.values_list("line", "usages")) == [(2, 10), (3, 99)]
        assert sorted(Resource.objects.values_list("dsp_id", flat=True)) == [
            "RES0000000000000000000000000001",
            "RES0000000000000000000000000002",
        ]

    def test_failed_replacement_keeps_the_old_contents(self, db, data_dir, tmp_path):
        path = tmp_path / "Test_Lf_ES_EUR_20200101-20200131.tsv"
        shutil.copy(data_dir / path.name, path)
        first = dsr_import(path=path)
        path.write_text("dsp_id\ttitle\n")
        second = dsr_import(path=path)
        assert second.status == ImportStatus.FAILED
        assert "missing required column(s) usages, revenue" in second.message
        assert (
            f"DSR #{first.import_id} keeps the previously imported file"
            in second.message
        )
        dsr = DSR.objects.get()
        assert dsr.status == DSR.Status.INGESTED
        assert Usage.objects.count() == 3


class TestBadFiles:
    def test_bad_name_stores_nothing(self, db, data_dir):
        result = dsr_import(path=data_dir / "Test_Offer_XX_EUR_20200101-20200131.tsv")
        assert result.status == ImportStatus.REJECTED
        assert "territory 'XX' is not an ISO 3166-1 alpha-2 code" in result.message
        assert not DSR.objects.exists()

    def test_missing_column_fails_the_dsr(self, db, data_dir):
        result = dsr_import(
            path=data_dir / "Test_MissingColumn_ES_EUR_20200101-20200131.tsv"
        )
        dsr = DSR.objects.get()
        assert (result.status, dsr.status) == ("failed", DSR.Status.FAILED)
        assert "line 1: missing required column(s) revenue" in dsr.error
        assert not Usage.objects.exists() and not Resource.objects.exists()

    def test_truncated_gzip_leaves_no_rows(self, db, data_dir):
        result = dsr_import(
            path=data_dir / "Test_Truncated_ES_EUR_20200101-20200131.tsv.gz"
        )
        assert result.status == ImportStatus.FAILED
        assert "compressed data is corrupt or truncated" in result.message
        assert DSR.objects.get().status == DSR.Status.FAILED
        assert not Usage.objects.exists() and not Resource.objects.exists()

    def test_rejected_rows_are_stored_and_the_rest_imports(self, db, data_dir):
        result = dsr_import(
            path=data_dir / "Test_BadNumbers_ES_EUR_20200101-20200131.tsv"
        )
        assert (
            result.status,
            result.rows_read,
            result.rows_imported,
            result.rows_rejected,
        ) == (
            "ingested",
            10,
            2,
            8,
        )
        errors = list(
            DSRRowError.objects.values_list("line", "field", "value", "reason")
        )
        assert errors[0] == (3, "usages", "abc", number_rules.ROW_NOT_WHOLE)
        assert errors[-1] == (10, "dsp_id", "", row_rules.ROW_DSP_ID_EMPTY)
        assert sorted(Usage.objects.values_list("line", flat=True)) == [2, 11]

    def test_currency_without_ecb_rate_fails_the_dsr(self, db, data_dir, tmp_path):
        path = tmp_path / "Test_Lf_AR_ARS_20200101-20200131.tsv"
        shutil.copy(data_dir / "Test_Lf_ES_EUR_20200101-20200131.tsv", path)
        result = dsr_import(path=path)
        assert result.status == ImportStatus.FAILED
        assert (
            DSR.objects.get().error
            == "no ECB reference rate for ARS on or before 2020-01-31"
        )

    def test_header_only_imports_empty_with_a_warning(self, db, data_dir):
        result = dsr_import(
            path=data_dir / "Test_HeaderOnly_ES_EUR_20200101-20200131.tsv"
        )
        assert (result.status, result.rows_imported) == ("ingested", 0)
        assert result.warnings == {row_rules.WARN_NO_ROWS: 1}


class TestAtomicity:
    def test_crash_mid_file_leaves_nothing(self, db, samples, monkeypatch, settings):
        settings.DSRS_IMPORT_CAST_IN_SQL = False  # the parser stages in batches
        monkeypatch.setattr(staging, "BATCH_ROWS", 100)
        staged = []

        def crash_after_two_batches(self, rows):
            if len(staged) == 2:
                raise RuntimeError("disk full")
            staged.append(len(rows))
            original_stage(self, rows)

        original_stage = loading.Loader.stage
        monkeypatch.setattr(loading.Loader, "stage", crash_after_two_batches)
        with pytest.raises(RuntimeError, match="disk full"):
            dsr_import(path=samples[0])
        assert staged == [100, 100]
        assert not DSR.objects.exists()
        assert not Usage.objects.exists() and not Resource.objects.exists()


def test_dry_run_writes_nothing(db, data_dir):
    result = dsr_import(
        path=data_dir / "Test_BadNumbers_ES_EUR_20200101-20200131.tsv", dry_run=True
    )
    assert (result.status, result.rows_imported, result.rows_rejected) == (
        "dry-run",
        2,
        8,
    )
    assert not DSR.objects.exists() and not DSRRowError.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "Test_Lf_ES_EUR_20200101-20200131.tsv",
        "Test_Crlf_ES_EUR_20200101-20200131.tsv",
        "Test_Gzip_ES_EUR_20200101-20200131.tsv.gz",
    ],
)
def test_edge_files_store_exact_values(db, data_dir, name):
    result = dsr_import(path=data_dir / name)
    assert result.status == ImportStatus.INGESTED
    assert sorted(Usage.objects.values_list("line", "usages", "revenue")) == [
        (2, 10, Decimal("1.50")),
        (3, 20, Decimal("2.25")),
        (4, 30, Decimal("1e-31")),
    ]


class TestReviewDefects:
    """Issue 11 items 1, 3 and issue 17 items 4, 5: each failed before its fix."""

    def test_dry_run_of_a_failing_file_writes_nothing(self, db, data_dir):
        result = dsr_import(
            path=data_dir / "Test_MissingColumn_ES_EUR_20200101-20200131.tsv",
            dry_run=True,
        )
        assert result.status == ImportStatus.FAILED
        assert "missing required column(s) revenue" in result.message
        assert not (
            DSR.objects.exists()
            or Territory.objects.exists()
            or Currency.objects.exists()
        )

    def test_dry_run_leaves_an_earlier_failure_alone(self, db, data_dir, tmp_path):
        path = tmp_path / "Test_MissingColumn_ES_EUR_20200101-20200131.tsv"
        shutil.copy(data_dir / path.name, path)
        dsr_import(path=path)
        before = DSR.objects.values().get()
        path.write_text("dsp_id\tusages\n")
        dsr_import(path=path, dry_run=True)
        assert DSR.objects.values().get() == before

    def test_same_bytes_under_another_identity_are_another_dsr(
        self, db, data_dir, tmp_path
    ):
        first = dsr_import(path=data_dir / "Test_Lf_ES_EUR_20200101-20200131.tsv")
        copy = tmp_path / "Test_Lf_FR_EUR_20200101-20200131.tsv"
        shutil.copy(data_dir / "Test_Lf_ES_EUR_20200101-20200131.tsv", copy)
        second = dsr_import(path=copy)
        assert second.status == ImportStatus.INGESTED
        assert second.import_id != first.import_id
        assert Usage.objects.count() == 6

    def test_a_nul_is_a_row_error_on_both_databases(self, db, data_dir):
        result = dsr_import(path=data_dir / "Test_Nul_ES_EUR_20200101-20200131.tsv")
        assert (result.status, result.rows_imported, result.rows_rejected) == (
            "ingested",
            2,
            1,
        )
        assert DSRRowError.objects.values_list("line", "field", "reason").get() == (
            3,
            "title",
            row_rules.ROW_NUL,
        )

    def test_a_huge_line_is_set_aside_and_nothing_huge_is_stored(self, db, data_dir):
        result = dsr_import(
            path=data_dir / "Test_LongLine_ES_EUR_20200101-20200131.tsv.gz"
        )
        assert (result.status, result.rows_imported, result.rows_rejected) == (
            "ingested",
            2,
            1,
        )
        assert max(len(r.title) for r in Resource.objects.all()) == 2

    def test_limits_and_the_error_cap_are_settings(self, db, data_dir, settings):
        settings.DSRS_ERROR_MAX_CHARS = 40
        result = dsr_import(
            path=data_dir / "Test_MissingColumn_ES_EUR_20200101-20200131.tsv"
        )
        assert result.message.endswith("…") and len(result.message) == 40
        assert DSR.objects.get().error == result.message
        settings.DSRS_MAX_LINE_BYTES = 45  # the header fits, no row does
        result = dsr_import(path=data_dir / "Test_Lf_ES_EUR_20200101-20200131.tsv")
        assert (result.rows_imported, result.rows_rejected) == (0, 3)
