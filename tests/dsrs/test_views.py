"""The API against openapi.md: shapes, status codes and bad input."""

import json
from contextlib import closing
from datetime import date
from decimal import Decimal
from importlib import import_module

import pytest
from rest_framework.renderers import JSONRenderer
from rest_framework.serializers import Serializer
from rest_framework.test import APIClient

from common.json_stream import CHUNK_ITEMS
from dsrs.models import Resource, Usage
from dsrs.selectors import resource_list_top_percentile
from dsrs.serializers import ResourceSerializer
from dsrs.storage import storage
from tests.dsrs.factories import DSRFactory, ResourceFactory, UsageFactory
from tests.dsrs.openapi import assert_matches, response_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def content_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def parsed(response):
    return json.loads(content_of(response))


class TestDSRs:
    def test_list_matches_the_spec(
        self, api, imported_samples, django_assert_num_queries
    ):
        with django_assert_num_queries(1):
            response = api.get("/dsrs/")
        assert response.status_code == 200
        body = parsed(response)
        assert_matches(body, response_schema("/dsrs/"))
        assert [d["id"] for d in body] == sorted(r.import_id for r in imported_samples)
        assert body[0] == {
            "id": imported_samples[0].import_id,
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
        assert len(parsed(response)) == 1

    @pytest.mark.parametrize("suffix", ["", "/"])
    def test_detail(self, api, suffix):
        dsr = DSRFactory(status="failed")
        response = api.get(f"/dsrs/{dsr.pk}{suffix}")
        assert response.status_code == 200
        assert_matches(parsed(response), response_schema("/dsrs/{id}"))
        assert parsed(response)["status"] == "failed"

    @pytest.mark.parametrize("key", ["999999", "abc", "1.5", "99999999999999999999999"])
    def test_unknown_or_malformed_id_is_the_specified_404(self, api, key):
        response = api.get(f"/dsrs/{key}")
        assert response.status_code == 404
        assert parsed(response) == {"detail": "Not found."}
        assert_matches(parsed(response), response_schema("/dsrs/{id}", "404"))

    @pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
    def test_read_only(self, api, method):
        dsr = DSRFactory()
        path = "/dsrs/" if method == "post" else f"/dsrs/{dsr.pk}"
        assert getattr(api, method)(path, {}).status_code == 405


class TestPercentile:
    def test_samples_match_the_spec(self, api, imported_samples):
        response = api.get("/resources/percentile/10")
        assert response.status_code == 200
        body = parsed(response)
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
        assert len(parsed(api.get("/resources/percentile/100/"))) == 3737

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
        assert [(r["dsp_id"], r["dsrs"]) for r in parsed(response)] == [
            (resource.dsp_id, [kept.pk])
        ]

    def test_empty_answer_for_a_territory_without_dsrs(self, api, imported_samples):
        response = api.get("/resources/percentile/10", {"territory": "FR"})
        assert (response.status_code, parsed(response)) == (200, [])

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
        assert parsed(response) == {field: [message]}


@pytest.mark.parametrize(
    "query", ["territory=ES&territory=FR", "territory=ES&territory=ES"]
)
def test_a_repeated_parameter_is_a_400_naming_it(api, query):
    response = api.get(f"/resources/percentile/10?{query}")
    assert response.status_code == 400
    assert parsed(response) == {"territory": ["given 2 times; give it once."]}


class TestStreaming:
    """JSON answers are streamed; their bytes are those of the whole rendering."""

    # ``indent=0`` is compact JSON, rendered whole by DRF.
    WHOLE = {"HTTP_ACCEPT": "application/json; indent=0"}

    @pytest.mark.parametrize(
        "query",
        [
            "1",
            "10",
            "50",
            "100",
            "100?territory=NO",
            "50?period_start=2020-02-01",
            "100?period_end=2020-01-31T00:00:00Z&territory=es",
            "10?territory=FR",
        ],
    )
    def test_percentile_equals_the_whole_rendering(self, api, imported_samples, query):
        streamed = api.get(f"/resources/percentile/{query}")
        whole = api.get(f"/resources/percentile/{query}", **self.WHOLE)
        assert streamed.streaming and not whole.streaming
        assert streamed["Content-Type"] == whole["Content-Type"] == "application/json"
        assert content_of(streamed) == whole.content

    def test_dsr_list_equals_the_whole_rendering(self, api, imported_samples):
        streamed = api.get("/dsrs/")
        whole = api.get("/dsrs/", **self.WHOLE)
        assert streamed.streaming and not whole.streaming
        assert content_of(streamed) == whole.content

    def test_browsable_api_is_rendered_whole(self, api, settings):
        response = api.get("/dsrs/", HTTP_ACCEPT="text/html")
        assert not response.streaming

    def test_many_resources_are_read_and_sent_in_chunks(
        self, api, monkeypatch, settings
    ):
        # Rows rendered by Python (PostgreSQL's own rendering: answer_json).
        settings.DSRS_PERCENTILE_JSON_IN_SQL = False
        count = 2500
        many_resources(count)
        backend = storage()
        pulled = []
        answer_open = backend.answer_open

        def counted(ranked):
            with closing(ranked):
                for pair in ranked:
                    pulled.append(pair)
                    yield pair

        def opened(**kwargs):
            total, ranked = answer_open(**kwargs)
            return total, counted(ranked)

        ranking = import_module(f"{backend.__name__}.ranking")
        monkeypatch.setattr(ranking, "FETCH_ROWS", 100)
        monkeypatch.setattr(backend, "answer_open", opened)
        for query in ("100", "100?territory=ES"):
            pulled.clear()
            response = api.get(f"/resources/percentile/{query}")
            pieces = iter(response.streaming_content)
            first = next(pieces)
            # One chunk of items rendered: the rest not yet read.
            assert first.count(b'"dsp_id"') == CHUNK_ITEMS
            assert len(pulled) <= CHUNK_ITEMS + 1
            rest = list(pieces)
            assert len(rest) == count // CHUNK_ITEMS + 1
            assert len(json.loads(first + b"".join(rest))) == count
            assert len(pulled) == count


def many_resources(count: int) -> None:
    """``count`` resources of one DSR, written in bulk."""
    dsr = DSRFactory()
    resources = Resource.objects.bulk_create(
        ResourceFactory.build(dsp_id=f"R{i:06d}") for i in range(count)
    )
    Usage.objects.bulk_create(
        Usage(
            dsr=dsr,
            line=i + 2,
            resource=resource,
            usages=1,
            revenue=Decimal(i + 1) / 1000,
        )
        for i, resource in enumerate(resources)
    )
    storage().sums_refresh(resource_ids=[r.pk for r in resources])


@pytest.mark.parametrize("filters", [{}, {"territory": "NO"}])
def test_resource_representation_is_what_its_fields_give(imported_samples, filters):
    serializer = ResourceSerializer()
    resources = resource_list_top_percentile(number=100, **filters)
    by_fields = [Serializer.to_representation(serializer, r) for r in resources]
    direct = [serializer.to_representation(r) for r in resources]
    assert JSONRenderer().render(direct) == JSONRenderer().render(by_fields)


@pytest.fixture
def browsable_api(settings):
    """The renderers of DJANGO_DEBUG=1, whatever the test run's setting."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_RENDERER_CLASSES": [
            "rest_framework.renderers.JSONRenderer",
            "rest_framework.renderers.BrowsableAPIRenderer",
        ],
    }


@pytest.mark.parametrize(
    "path",
    [
        "/dsrs/",
        "/dsrs",
        "/dsrs/{dsr}",
        "/dsrs/999999",
        "/resources/percentile/10",
        "/resources/percentile/10?territory=ES",
        "/resources/percentile/10?territory=es&period_start=2020-01-01",
        "/resources/percentile/0",
        "/resources/percentile/10?territory=XX1",
    ],
)
def test_every_api_endpoint_renders_as_html(client, browsable_api, path):
    dsr = DSRFactory()
    UsageFactory(dsr=dsr)
    response = client.get(path.format(dsr=dsr.pk), HTTP_ACCEPT="text/html")
    assert response.status_code in {200, 400, 404}
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert b"Django REST framework" in response.content
