"""The DSR admin as an analyst reads it: money, locale numbers, failed reasons;
read-only browsing."""

import pytest
from django.urls import reverse

from dsrs.models import DSR, Territory
from tests.dsrs.factories import (
    DSRFactory,
    TerritoryFactory,
    UsageFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:dsrs_dsr_changelist")


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


class TestQueries:
    """List pages cost the same few queries however many rows they show."""

    def test_dsr_list(self, admin_client, django_assert_max_num_queries):
        for _ in range(30):
            UsageFactory()
        admin_client.get(CHANGELIST)  # sessions, content types: cached after
        with django_assert_max_num_queries(12):
            response = admin_client.get(CHANGELIST)
        assert response.context["cl"].result_count == 30


class TestBrowsing:
    def test_changelist_filters_and_search(self, admin_client, two_dsrs):
        response = admin_client.get(
            CHANGELIST, {"status__exact": "ingested", "q": "Offer"}
        )
        assert response.status_code == 200
        assert response.context["cl"].result_count == 2

    def test_change_page_shows_row_errors_and_links_its_contents(
        self, admin_client, two_dsrs
    ):
        first, _ = two_dsrs
        response = admin_client.get(reverse("admin:dsrs_dsr_change", args=[first.pk]))
        content = response.content.decode()
        assert response.status_code == 200
        assert "<td>9</td><td>usages</td><td>x</td><td>bad</td>" in content
        assert reverse("admin:dsrs_dsr_usages", args=[first.pk]) in content
        assert f"/admin/dsrs/resource/?dsr={first.pk}" in content

    def test_dsrs_cannot_be_added_or_edited(self, admin_client, two_dsrs):
        first, _ = two_dsrs
        assert admin_client.get(reverse("admin:dsrs_dsr_add")).status_code == 403
        url = reverse("admin:dsrs_dsr_change", args=[first.pk])
        admin_client.post(url, {"path": "changed"})
        first.refresh_from_db()
        assert first.path != "changed"
