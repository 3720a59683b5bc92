"""The page style of list endpoints: ``?limit=&offset=``, the REST framework default.

Answers are ``{"count", "next", "previous", "results"}``; ``next`` and
``previous`` are full URLs or null. Two list endpoints kept the style they
were published with: ``/works/`` pages by number, ``/dsrs/`` is not paged.
``/revenue/unmatched`` gives no ``count`` (``UncountedPagination``): counting
every unmatched row at 10M recordings is a scan.
"""

from collections.abc import Callable

from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param


class ListPagination(LimitOffsetPagination):
    default_limit = 100
    max_limit = 1000


class UncountedPagination(ListPagination):
    """``?limit=&offset=`` over a list too long to count at each request:
    ``{"next", "previous", "results"}``, no ``count``. The caller fetches
    ``limit + 1`` rows from ``offset``; ``next`` is given when the extra one
    came back."""

    def page_rows(self, *, request, fetch: Callable[[int, int], list]) -> list:
        """The page's rows, from ``fetch(offset, limit)``."""
        self.request = request
        self.limit = self.get_limit(request)
        self.offset = self.get_offset(request)
        rows = fetch(self.offset, self.limit + 1)
        self.more = len(rows) > self.limit
        return rows[: self.limit]

    def get_next_link(self) -> str | None:
        if not self.more:
            return None
        url = self.request.build_absolute_uri()
        url = replace_query_param(url, self.limit_query_param, self.limit)
        offset = self.offset + self.limit
        return replace_query_param(url, self.offset_query_param, offset)

    def get_paginated_response(self, data) -> Response:
        return Response(
            {
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        answer = super().get_paginated_response_schema(schema)
        del answer["properties"]["count"]
        answer["required"] = [n for n in answer.get("required", []) if n != "count"]
        return answer
