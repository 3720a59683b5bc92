"""The works API: bodies, status codes, query counts and bad input."""

import pytest
from rest_framework.test import APIClient

from common.api import REPEATED_PARAMETER
from common.api.parsers import TOO_DEEP
from tests.works.factories import SourceRowFactory, WorkFactory, WorkTitleFactory
from works.filters import NO_WORDS, SEARCH_NEEDS_A_FILTER
from works.serializers import ENRICH_MAX_ISWCS
from works.services import work_import

pytestmark = pytest.mark.django_db

SAMPLE_ISWCS = ["T9204649558", "T0101974597", "T9214745718", "T0046951705"]


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def imported(sample):
    work_import(path=sample)


def enrich(api, body):
    return api.post("/works/enrich", body, format="json")


class TestEnrich:
    def test_the_samples_iswcs_in_the_order_asked(
        self, api, imported, django_assert_num_queries
    ):
        asked = ["T-004.695.170-5", "t9204649558", "T0101974597", "T9214745718"]
        with django_assert_num_queries(1):
            response = enrich(api, {"iswcs": asked})
        assert response.status_code == 200
        body = response.json()
        assert [w["iswc"] for w in body["works"]] == [
            "T0046951705",
            "T9204649558",
            "T0101974597",
            "T9214745718",
        ]
        assert body["works"][0] == {
            "iswc": "T0046951705",
            "title": "Je ne sais pas",
            "alternative_titles": [],
            "contributors": ["Obispo Pascal Michel", "Florence Lionel Jacques"],
            "sources": ["works_metadata"],
        }
        assert body["works"][3]["title"] == "Me Enamoré"
        assert len(body["works"][2]["contributors"]) == 4
        assert (body["not_found"], body["invalid"]) == ([], [])

    def test_not_found_and_invalid_as_asked(self, api, imported):
        body = enrich(
            api, {"iswcs": ["T-034.524.680-1", "T9204649559", "", "T9204649558"]}
        ).json()
        assert [w["iswc"] for w in body["works"]] == ["T9204649558"]
        assert body["not_found"] == ["T-034.524.680-1"]
        assert body["invalid"] == ["T9204649559", ""]

    def test_a_work_asked_twice_is_listed_once(self, api, imported):
        body = enrich(api, {"iswcs": ["T9204649558", "T-920.464.955-8"]}).json()
        assert [w["iswc"] for w in body["works"]] == ["T9204649558"]

    def test_alternative_titles_and_sources(self, api):
        work = WorkFactory(iswc="T9204649558", title="Shape of You")
        WorkTitleFactory(work=work, title="Shape Of U")
        for source in ("b", "a", "b"):
            SourceRowFactory(work=work, source=source)
        (found,) = enrich(api, {"iswcs": ["T9204649558"]}).json()["works"]
        assert found["alternative_titles"] == ["Shape Of U"]
        assert found["sources"] == ["a", "b"]

    def test_empty_list(self, api):
        assert enrich(api, {"iswcs": []}).json() == {
            "works": [],
            "not_found": [],
            "invalid": [],
        }

    def test_the_largest_list_is_allowed(self, api):
        response = enrich(api, {"iswcs": ["T9204649558"] * ENRICH_MAX_ISWCS})
        assert response.status_code == 200

    @pytest.mark.parametrize(
        ("body", "errors"),
        [
            ({}, {"iswcs": ["This field is required."]}),
            (
                {"iswcs": "T9204649558"},
                {"iswcs": ['Expected a list of items but got type "str".']},
            ),
            (
                {"iswcs": ["T9204649558", {"a": 1}]},
                {"iswcs": {"1": ["Not a valid string."]}},
            ),
            (
                {"iswcs": ["T9204649558"] * (ENRICH_MAX_ISWCS + 1)},
                {
                    "iswcs": [
                        f"Ensure this field has no more than {ENRICH_MAX_ISWCS} "
                        "elements."
                    ]
                },
            ),
        ],
    )
    def test_bad_bodies_are_400_naming_the_problem(self, api, body, errors):
        response = enrich(api, body)
        assert response.status_code == 400
        assert response.json() == errors

    def test_not_json_is_400(self, api):
        response = api.post(
            "/works/enrich", "{not json", content_type="application/json"
        )
        assert response.status_code == 400
        assert "JSON parse error" in response.json()["detail"]

    def test_deeply_nested_json_is_400_not_500(self, api):
        """100,000 levels were a RecursionError and a 500 (issue 25, item 7)."""
        body = '{"iswcs": ' + "[" * 100_000 + "]" * 100_000 + "}"
        response = api.post("/works/enrich", body, content_type="application/json")
        assert response.status_code == 400
        assert response.json() == {"detail": TOO_DEEP.format(limit=64)}

    def test_get_is_not_allowed(self, api):
        assert api.get("/works/enrich").status_code == 405


class TestDetail:
    @pytest.mark.parametrize(
        "spelling", ["T9204649558", "t9204649558", "T-920.464.955-8"]
    )
    def test_any_accepted_spelling(self, api, imported, spelling):
        response = api.get(f"/works/{spelling}")
        assert response.status_code == 200
        assert response.json()["title"] == "Shape of You"

    @pytest.mark.parametrize("key", ["T0345246801", "T9204649559", "abc"])
    def test_unknown_or_invalid_is_the_specified_404(self, api, imported, key):
        response = api.get(f"/works/{key}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


class TestSearch:
    def test_title_prefix_on_normal_forms(self, api, imported):
        response = api.get("/works/", {"title": "ME ENAMORÉ"})
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 1
        assert body["results"][0]["iswc"] == "T9214745718"
        body = api.get("/works/", {"title": "adventure"}).json()
        assert [w["iswc"] for w in body["results"]] == ["T0101974597"]

    def test_contributor_in_any_word_order(self, api, imported):
        body = api.get("/works/", {"contributor": "Edward John O'Brien"}).json()
        assert [w["iswc"] for w in body["results"]] == ["T0101974597"]

    def test_title_and_contributor_together(self, api, imported):
        params = {"title": "adventure", "contributor": "Sheeran Edward Christopher"}
        assert api.get("/works/", params).json()["count"] == 0

    def test_works_without_iswc_are_found(self, api):
        WorkFactory(title="Hello", contributors=["Adele"])
        (found,) = api.get("/works/", {"title": "hello"}).json()["results"]
        assert found["iswc"] is None

    def test_pages(self, api, django_assert_num_queries):
        for _ in range(3):
            WorkFactory(title="Intro")
        # The count, the page of ids, the works with their lists.
        with django_assert_num_queries(3):
            body = api.get("/works/", {"title": "intro", "page_size": 2}).json()
        assert body["count"] == 3 and len(body["results"]) == 2
        assert "page=2" in body["next"]

    @pytest.mark.parametrize(
        ("params", "errors"),
        [
            ({}, {"non_field_errors": [SEARCH_NEEDS_A_FILTER]}),
            ({"title": "!!"}, {"title": [NO_WORDS.format(value="!!")]}),
            ({"contributor": "-"}, {"contributor": [NO_WORDS.format(value="-")]}),
            (
                {"title": ["intro", "outro"]},
                {"title": [REPEATED_PARAMETER.format(count=2)]},
            ),
        ],
    )
    def test_bad_queries_are_400(self, api, params, errors):
        response = api.get("/works/", params)
        assert response.status_code == 400
        assert response.json() == errors


def test_schema_documents_the_works_api(api):
    paths = api.get("/api/schema/", {"format": "json"}).json()["paths"]
    assert {"/works/", "/works/{iswc}", "/works/enrich/"} <= set(paths)
    assert "requestBody" in paths["/works/enrich/"]["post"]
