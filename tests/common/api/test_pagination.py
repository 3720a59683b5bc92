"""The page style of list endpoints added from now on: limit and offset."""

from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from common.api.pagination import ListPagination


def page_of(items: list, query: str = "") -> dict:
    paginator = ListPagination()
    request = Request(APIRequestFactory().get(f"/things/{query}"))
    page = paginator.paginate_queryset(items, request)
    return paginator.get_paginated_response(page).data


def test_the_first_page_holds_the_default_limit():
    body = page_of(list(range(250)))
    assert list(body) == ["count", "next", "previous", "results"]
    assert body["count"] == 250 and body["results"] == list(range(100))
    assert body["next"] == "http://testserver/things/?limit=100&offset=100"
    assert body["previous"] is None


def test_a_limit_is_capped():
    body = page_of(list(range(1500)), "?limit=5000&offset=10")
    assert len(body["results"]) == ListPagination.max_limit
    assert body["results"][0] == 10
