"""The admin's own pages: the revenue overview and a DSR's usage list."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


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


class TestUsageList:
    def test_usage_list_in_both_currencies(self, admin_client, nok_dsr):
        response = admin_client.get(reverse("admin:dsrs_dsr_usages", args=[nok_dsr.pk]))
        assert response.status_code == 200
        rows = response.context["usages"]
        assert [(u.line, usages, revenue, eur) for u, usages, revenue, eur in rows] == [
            (2, "1,200", "12,345.68 NOK", "1,234.57 EUR"),
            (3, "34", "0.00 NOK", "0.00 EUR"),
        ]
