"""The admin as an analyst reads it: money, locale numbers, failed reasons,
usages per DSR, resources by ISRC, the revenue overview and the deletion log."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from dsrs.admin.formatting import amount_format, period_format, rate_format
from dsrs.models import DSR, DeletedDSR, Territory
from tests.dsrs.factories import (
    CurrencyFactory,
    DSRFactory,
    ResourceFactory,
    TerritoryFactory,
    UsageFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:dsrs_dsr_changelist")


@pytest.fixture
def nok_dsr():
    nok = CurrencyFactory(code="NOK", name="Norwegian Krone", symbol="kr")
    norway = TerritoryFactory(
        code_2="NO", code_3="NOR", name="Norway", local_currency=nok
    )
    dsr = DSRFactory(
        territory=norway,
        currency=nok,
        eur_rate=Decimal("10.0000000000"),
        rows_imported=2,
        rows_rejected=1234,
        warnings={"empty revenue read as 0": 1500},
    )
    UsageFactory(dsr=dsr, line=2, usages=1200, revenue=Decimal("12345.675"))
    UsageFactory(
        dsr=dsr,
        line=3,
        usages=34,
        revenue=Decimal("0.005"),
        resource=ResourceFactory(isrc="USRC17607839"),
    )
    return dsr


class TestFormatting:
    def test_by_the_active_locale(self):
        with translation.override("de"):
            assert amount_format(Decimal("1234567.125"), "EUR") == "1.234.567,12 EUR"
        with translation.override("en"):
            assert amount_format(Decimal("1234567.125"), "EUR") == "1,234,567.12 EUR"

    def test_rates_keep_only_their_digits(self):
        assert rate_format(Decimal("1.0000000000")) == "1"
        assert rate_format(Decimal("9.9384227270")) == "9.938422727"
        assert rate_format(Decimal("1E+1")) == "10"

    @pytest.mark.parametrize(
        ("start", "end", "shown"),
        [
            ((2020, 1, 1), (2020, 1, 31), "Jan 2020"),
            ((2020, 1, 1), (2020, 3, 31), "Jan\N{EN DASH}Mar 2020"),
            ((2019, 12, 1), (2020, 1, 31), "Dec 2019\N{EN DASH}Jan 2020"),
            ((2020, 2, 1), (2020, 2, 28), "1\N{EN DASH}28 Feb 2020"),
            ((2020, 1, 5), (2020, 2, 4), "5 Jan\N{EN DASH}4 Feb 2020"),
        ],
    )
    def test_periods_are_one_short_range(self, start, end, shown):
        assert period_format(datetime.date(*start), datetime.date(*end)) == shown


class TestDSRList:
    def test_money_and_counts(self, admin_client, nok_dsr):
        content = admin_client.get(CHANGELIST).content.decode()
        assert "1,234" in content  # rows rejected, grouped
        assert "12,345.68 NOK" in content
        assert "1,234.57" in content  # EUR: 12345.68 / 10
        assert 'title="10 NOK per EUR"' in content

    def test_a_failed_dsrs_reason_is_on_the_list(self, admin_client):
        DSRFactory(status=DSR.Status.FAILED, error="missing column revenue")
        content = admin_client.get(CHANGELIST).content.decode()
        assert "missing column revenue" in content

    def test_filters_offer_only_values_in_use(self, admin_client, nok_dsr):
        DSRFactory()  # in Spain
        TerritoryFactory(code_2="FR", code_3="FRA", name="France")
        response = admin_client.get(CHANGELIST)
        cl = response.context["cl"]
        filters = {spec.title: spec for spec in cl.filter_specs}
        territories = [c["display"] for c in filters["territory"].choices(cl)]
        assert territories == ["All", "ES (Spain)", "NO (Norway)"]
        assert Territory.objects.filter(code_2="FR").exists()

    def test_dsr_page(self, admin_client, nok_dsr):
        content = admin_client.get(
            reverse("admin:dsrs_dsr_change", args=[nok_dsr.pk])
        ).content.decode()
        assert "<li>empty revenue read as 0: 1,500</li>" in content
        assert "12,345.68 NOK" in content and "1,234.57 EUR" in content
        assert "10 NOK per EUR" in content

    def test_usage_list_in_both_currencies(self, admin_client, nok_dsr):
        response = admin_client.get(reverse("admin:dsrs_dsr_usages", args=[nok_dsr.pk]))
        assert response.status_code == 200
        rows = response.context["usages"]
        assert [(u.line, usages, revenue, eur) for u, usages, revenue, eur in rows] == [
            (2, "1,200", "12,345.68 NOK", "1,234.57 EUR"),
            (3, "34", "0.00 NOK", "0.00 EUR"),
        ]

    def test_delete_confirmation_is_djangos_red_one(self, admin_client, nok_dsr):
        content = admin_client.get(
            reverse("admin:dsrs_dsr_delete", args=[nok_dsr.pk])
        ).content.decode()
        assert "delete-confirmation" in content


class TestResources:
    @pytest.mark.parametrize(
        "typed",
        ["USRC17607839", "US-RC1-76-07839", "us rc1 76 07839", " usrc17607839 "],
    )
    def test_found_by_isrc_in_any_spelling(self, admin_client, nok_dsr, typed):
        response = admin_client.get(
            reverse("admin:dsrs_resource_changelist"), {"q": typed}
        )
        assert [r.isrc for r in response.context["cl"].result_list] == ["USRC17607839"]

    def test_an_invalid_isrc_too(self, admin_client):
        ResourceFactory(isrc="XX0NOTVALID1")
        response = admin_client.get(
            reverse("admin:dsrs_resource_changelist"), {"q": "xx0-notvalid-1"}
        )
        assert [r.isrc for r in response.context["cl"].result_list] == ["XX0NOTVALID1"]

    def test_usages_and_eur_revenue_summed(self, admin_client, nok_dsr):
        other = DSRFactory()
        resource = nok_dsr.usages.get(line=2).resource
        UsageFactory(dsr=other, resource=resource, usages=1, revenue=Decimal(1))
        response = admin_client.get(reverse("admin:dsrs_resource_changelist"))
        row = next(r for r in response.context["cl"].result_list if r == resource)
        assert (row.totals.usages, row.totals.revenue_eur) == (
            1201,
            Decimal("1235.5675"),
        )
        page = admin_client.get(
            reverse("admin:dsrs_resource_change", args=[resource.pk])
        ).content.decode()
        assert "1,235.57 EUR" in page and "12,345.68 NOK" in page

    def test_listed_for_one_dsr(self, admin_client, nok_dsr):
        DSRFactory(offer="Other").usages  # noqa: B018
        UsageFactory()
        response = admin_client.get(
            reverse("admin:dsrs_resource_changelist"), {"dsr": nok_dsr.pk}
        )
        assert response.context["cl"].result_count == 2


class TestRevenueOverview:
    URL = reverse("admin:dsrs_dsr_revenue")

    def test_chart_table_and_top(self, admin_client, nok_dsr):
        response = admin_client.get(self.URL)
        assert response.status_code == 200
        assert len(response.context["chart"].segments) == 1
        assert response.context["total"] == "1,234.57 EUR"
        # The percentile selector's sums: floats on SQLite.
        top = [float(r.revenue) for r, _, _ in response.context["top"]]
        assert top == pytest.approx([1234.5675, 0.0005])
        assert "<svg" in response.content.decode()

    def test_bad_filters_are_shown_not_raised(self, admin_client, nok_dsr):
        response = admin_client.get(
            self.URL, {"territory": "XX", "period_start": "2020-13-45"}
        )
        assert response.status_code == 200
        assert response.context["form"].errors.keys() == {"territory", "period_start"}
        assert response.context["rows"] == []

    def test_needs_the_view_permission(self, client, nok_dsr):
        from django.contrib.auth.models import User

        client.force_login(User.objects.create_user("s", password="p", is_staff=True))
        assert client.get(self.URL).status_code == 403


class TestDeletionLog:
    def test_deletion_appears_with_counts_and_who(self, admin_client, nok_dsr):
        admin_client.post(
            reverse("admin:dsrs_dsr_delete", args=[nok_dsr.pk]), {"post": "yes"}
        )
        entry = DeletedDSR.objects.get()
        assert (entry.dsr_id, entry.usages, entry.orphan_resources) == (
            nok_dsr.pk,
            2,
            2,
        )
        assert entry.deleted_by == "admin"
        listing = admin_client.get(reverse("admin:dsrs_deleteddsr_changelist"))
        assert listing.context["cl"].result_count == 1
        page = admin_client.get(
            reverse("admin:dsrs_deleteddsr_change", args=[entry.pk])
        )
        assert page.status_code == 200
        assert "1,234.57 EUR" in page.content.decode()

    def test_it_is_read_only(self, admin_client, nok_dsr):
        admin_client.post(
            reverse("admin:dsrs_dsr_delete", args=[nok_dsr.pk]), {"post": "yes"}
        )
        entry = DeletedDSR.objects.get()
        url = reverse("admin:dsrs_deleteddsr_delete", args=[entry.pk])
        assert admin_client.post(url, {"post": "yes"}).status_code == 403
        assert DeletedDSR.objects.exists()

    def test_a_reimported_dsr_shows_its_deletion_history(self, admin_client, nok_dsr):
        identity = {
            f: getattr(nok_dsr, f)
            for f in ("dsp", "offer", "territory", "currency", "period_start")
        }
        admin_client.post(
            reverse("admin:dsrs_dsr_delete", args=[nok_dsr.pk]), {"post": "yes"}
        )
        again = DSRFactory(**identity)
        content = admin_client.get(
            reverse("admin:dsrs_dsr_change", args=[again.pk])
        ).content.decode()
        assert f"#{nok_dsr.pk} deleted" in content and "by admin" in content


class TestQueries:
    """List pages cost the same few queries however many rows they show."""

    def test_dsr_list(self, admin_client, django_assert_max_num_queries):
        for _ in range(30):
            UsageFactory()
        admin_client.get(CHANGELIST)  # sessions, content types: cached after
        with django_assert_max_num_queries(12):
            response = admin_client.get(CHANGELIST)
        assert response.context["cl"].result_count == 30

    def test_resource_list(self, admin_client, django_assert_max_num_queries):
        for _ in range(30):
            UsageFactory()
        url = reverse("admin:dsrs_resource_changelist")
        admin_client.get(url)
        with django_assert_max_num_queries(10):
            response = admin_client.get(url)
        assert response.context["cl"].result_count == 30
