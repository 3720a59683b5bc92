"""The works search's FilterSet: the answers of the serializer it replaced,
and a 400 naming the parameter for every value it cannot search on."""

import pytest
from rest_framework.test import APIClient

from tests.works.factories import WorkFactory
from works.filters import BLANK, NO_WORDS, SEARCH_NEEDS_A_FILTER, WorkSearchFilterSet
from works.selectors import work_list

pytestmark = pytest.mark.django_db

NULL_CHARACTERS = "Null characters are not allowed."


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"title": ""}, {"title": [BLANK]}),
        ({"title": "   ", "contributor": "Adele"}, {"title": [BLANK]}),
        ({"contributor": "a\x00b"}, {"contributor": [NULL_CHARACTERS]}),
        # A % in the value is shown as given, not taken for a format.
        ({"title": "%%"}, {"title": [NO_WORDS.format(value="%%")]}),
        ({"page_size": "2"}, {"non_field_errors": [SEARCH_NEEDS_A_FILTER]}),
        ({"other": "x"}, {"non_field_errors": [SEARCH_NEEDS_A_FILTER]}),
    ],
)
def test_bad_searches_are_400_naming_the_parameter(api, params, errors):
    response = api.get("/works/", params)
    assert response.status_code == 400
    assert response.json() == errors


def test_values_are_searched_on_their_keys():
    hello = WorkFactory(title="Hello", contributors=["Adele Adkins"])
    WorkFactory(title="Hello", contributors=["Lionel Richie"])
    filterset = WorkSearchFilterSet(
        data={"title": "  HÉLLO ", "contributor": "adkins, adele"},
        queryset=work_list(),
    )
    assert filterset.is_valid(), filterset.errors
    assert filterset.form.cleaned_data == {
        "title": "hello",
        "contributor": "adele adkins",
    }
    assert list(filterset.qs) == [hello]


def test_the_browsable_api_renders_the_search_with_its_filter_form(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_RENDERER_CLASSES": [
            "rest_framework.renderers.JSONRenderer",
            "rest_framework.renderers.BrowsableAPIRenderer",
        ],
    }
    WorkFactory(title="Hello")
    found = api.get("/works/", {"title": "hello"}, HTTP_ACCEPT="text/html")
    assert found.status_code == 200
    assert b'name="contributor"' in found.content
    refused = api.get("/works/", {"title": "!!"}, HTTP_ACCEPT="text/html")
    assert refused.status_code == 400
    assert b"has no letters or digits" in refused.content
