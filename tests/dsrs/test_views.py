"""The API against openapi.md: shapes, status codes and bad input."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from tests.dsrs.factories import DSRFactory, ResourceFactory, UsageFactory
from tests.dsrs.openapi import assert_matches, response_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> APIClient:
    return APIClient()


class TestDSRs:
    def test_list_matches_the_spec(
        self, api, imported_samples, django_assert_num_queries
    ):
        with django_assert_num_queries(1):
            response = api.get("/dsrs/")
        assert response.status_code == 200
        body = response.json()
        assert_matches(body, response_schema("/dsrs/"))
        assert [d["id"] for d in body] == sorted(r.dsr_id for r in imported_samples)
        assert body[0] == {
            "id": imported_samples[0].dsr_id,
            "path": str(imported_samples[0].path),
            "period_start": "2020-01-01T00:00:00Z",
            "period_end": "2020-01-31T00:00:00Z",
            "status": "ingested",
            "territory": {"name": "Norway", "code_2": "NO"},
            "currency": {"name": "Norwegian Krone", "code": "NOK"},
        }

    @pytest.mark.parametrize("path", ["/dsrs", "/dsrs/"])
    def test_list_with_and_without_slash(self, api, path):
        DSRFactory()
        response = api.get(path)
        assert response.status_code == 200
        assert len(response.json()) == 1

    @pytest.mark.parametrize("suffix", ["", "/"])
    def test_detail(self, api, suffix):
        dsr = DSRFactory(status="failed")
        response = api.get(f"/dsrs/{dsr.pk}{suffix}")
        assert response.status_code == 200
        assert_matches(response.json(), response_schema("/dsrs/{id}"))
        assert response.json()["status"] == "failed"

    @pytest.mark.parametrize("key", ["999999", "abc", "1.5", "99999999999999999999999"])
    def test_unknown_or_malformed_id_is_the_specified_404(self, api, key):
        response = api.get(f"/dsrs/{key}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}
        assert_matches(response.json(), response_schema("/dsrs/{id}", "404"))

    @pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
    def test_read_only(self, api, method):
        dsr = DSRFactory()
        path = "/dsrs/" if method == "post" else f"/dsrs/{dsr.pk}"
        assert getattr(api, method)(path, {}).status_code == 405


class TestPercentile:
    def test_samples_match_the_spec(self, api, imported_samples):
        response = api.get("/resources/percentile/10")
        assert response.status_code == 200
        body = response.json()
        assert_matches(body, response_schema("/resources/percentile/{number}"))
        assert len(body) > 0
        first = body[0]
        assert set(first) == {
            "dsp_id",
            "title",
            "artists",
            "isrc",
            "usages",
            "revenue",
            "dsrs",
        }
        assert isinstance(first["revenue"], float)
        assert first["dsrs"] == sorted(first["dsrs"])
        revenues = [item["revenue"] for item in body]
        assert revenues == sorted(revenues, reverse=True)

    def test_one_hundred_returns_3737(self, api, imported_samples):
        assert len(api.get("/resources/percentile/100/").json()) == 3737

    def test_filters_are_passed_through(self, api):
        resource = ResourceFactory()
        kept = DSRFactory()
        UsageFactory(dsr=kept, resource=resource, revenue=2)
        UsageFactory(
            dsr=DSRFactory(period_start=date(2020, 2, 1), period_end=date(2020, 2, 29))
        )
        response = api.get(
            "/resources/percentile/100",
            {
                "territory": "es",
                "period_start": "2020-01-01T00:00:00Z",
                "period_end": "2020-01-31",
            },
        )
        assert response.status_code == 200
        assert [(r["dsp_id"], r["dsrs"]) for r in response.json()] == [
            (resource.dsp_id, [kept.pk])
        ]

    def test_empty_answer_for_a_territory_without_dsrs(self, api, imported_samples):
        response = api.get("/resources/percentile/10", {"territory": "FR"})
        assert (response.status_code, response.json()) == (200, [])

    @pytest.mark.parametrize(
        ("path", "field", "message"),
        [
            (
                "/resources/percentile/0",
                "number",
                "'0' is not a whole number from 1 to 100.",
            ),
            (
                "/resources/percentile/101",
                "number",
                "'101' is not a whole number from 1 to 100.",
            ),
            (
                "/resources/percentile/-5",
                "number",
                "'-5' is not a whole number from 1 to 100.",
            ),
            (
                "/resources/percentile/1.5",
                "number",
                "'1.5' is not a whole number from 1 to 100.",
            ),
            (
                "/resources/percentile/ten",
                "number",
                "'ten' is not a whole number from 1 to 100.",
            ),
            (
                "/resources/percentile/10?territory=XX",
                "territory",
                "'XX' is not an ISO 3166-1 alpha-2 territory code.",
            ),
            (
                "/resources/percentile/10?territory=ESP",
                "territory",
                "'ESP' is not an ISO 3166-1 alpha-2 territory code.",
            ),
            (
                "/resources/percentile/10?period_start=2020-13-01",
                "period_start",
                "'2020-13-01' is not a date (YYYY-MM-DD) or a date-time "
                "(YYYY-MM-DDThh:mm:ssZ).",
            ),
            (
                "/resources/percentile/10?period_end=yesterday",
                "period_end",
                "'yesterday' is not a date (YYYY-MM-DD) or a date-time "
                "(YYYY-MM-DDThh:mm:ssZ).",
            ),
            (
                "/resources/percentile/10?period_start=2020-03-01&period_end=2020-01-31",
                "period_start",
                "period_start must not be after period_end.",
            ),
        ],
    )
    def test_bad_input_is_a_400_naming_the_parameter(self, api, path, field, message):
        response = api.get(path)
        assert response.status_code == 400
        assert response.json() == {field: [message]}


def test_health(api):
    response = api.get("/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_health_reports_a_database_failure(api, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise ConnectionError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = api.get("/health")
    assert (response.status_code, response.json()) == (503, {"status": "unavailable"})
