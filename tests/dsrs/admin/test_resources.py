"""The resource admin: found by ISRC in any spelling, EUR sums, per DSR."""

from decimal import Decimal

import pytest
from django.urls import reverse

from dsrs.models import Resource
from tests.dsrs.factories import (
    DSRFactory,
    ResourceFactory,
    UsageFactory,
)

pytestmark = pytest.mark.django_db


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

    def test_resource_search_and_its_dsrs(self, admin_client, two_dsrs):
        first, second = two_dsrs
        shared = Resource.objects.get(dsp_id="SHARED")
        listing = admin_client.get(
            reverse("admin:dsrs_resource_changelist"), {"q": "SHARED"}
        )
        assert listing.context["cl"].result_count == 1
        page = admin_client.get(reverse("admin:dsrs_resource_change", args=[shared.pk]))
        for dsr in (first, second):
            assert (
                reverse("admin:dsrs_dsr_change", args=[dsr.pk]) in page.content.decode()
            )


class TestQueries:
    """List pages cost the same few queries however many rows they show."""

    def test_resource_list(self, admin_client, django_assert_max_num_queries):
        for _ in range(30):
            UsageFactory()
        url = reverse("admin:dsrs_resource_changelist")
        admin_client.get(url)
        with django_assert_max_num_queries(10):
            response = admin_client.get(url)
        assert response.context["cl"].result_count == 30
