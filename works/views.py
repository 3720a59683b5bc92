"""The works API: enrich by ISWC, one work by ISWC, search."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from common.api import NOT_FOUND_RESPONSE
from works.filters import WorkSearchFilterSet
from works.selectors import work_get_by_iswc, work_list, work_list_enrich, work_views
from works.serializers import (
    EnrichRequestSerializer,
    EnrichResponseSerializer,
    WorkSerializer,
)

ENRICH_DESCRIPTION = (
    "The works with the given ISWCs, in the order asked, read in one query. "
    "ISWCs may be spelled with separators and in any case (T-920.464.955-8); "
    "values that are not valid ISWCs (shape or check digit) come back in "
    "`invalid`, valid ones no work has in `not_found`, both as asked."
)


# Published before common.api.pagination: /works/ keeps paging by number.
class WorkPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class WorkViewSet(viewsets.GenericViewSet):
    serializer_class = WorkSerializer
    pagination_class = WorkPagination
    filterset_class = WorkSearchFilterSet
    lookup_field = "iswc"
    # A POST that stores nothing: as public as the other reads.
    read_actions = ("enrich",)
    # Any spelling reaches the view; what is not an ISWC is the usual 404.
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return work_list()

    def get_serializer_class(self):
        # The browsable API's form for POST /works/enrich: an ``iswcs`` list.
        if self.action == "enrich":
            return EnrichRequestSerializer
        return WorkSerializer

    @extend_schema(tags=["works"], summary="Search works by title and contributor.")
    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        views = work_views(column="id", values=[work.pk for work in page])
        return self.get_paginated_response([view.as_json() for view in views])

    @extend_schema(
        tags=["works"],
        summary="One work by ISWC.",
        parameters=[
            OpenApiParameter(
                "iswc",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="ISWC in any accepted spelling.",
            )
        ],
        responses={200: WorkSerializer, 404: NOT_FOUND_RESPONSE},
    )
    def retrieve(self, request, iswc: str):
        view = work_get_by_iswc(iswc=iswc)
        if view is None:
            raise Http404
        return Response(view.as_json())

    @extend_schema(
        tags=["works"],
        summary="Works for a list of ISWCs.",
        description=ENRICH_DESCRIPTION,
        request=EnrichRequestSerializer,
        responses={200: EnrichResponseSerializer},
    )
    @action(detail=False, methods=["post"])
    def enrich(self, request):
        body = EnrichRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        result = work_list_enrich(iswcs=body.validated_data["iswcs"])
        # Plain data in the documented shape: a serializer per work would
        # cost more than the query for 1,000 works.
        return Response(
            {
                "works": [view.as_json() for view in result.works],
                "not_found": result.not_found,
                "invalid": result.invalid,
            }
        )
