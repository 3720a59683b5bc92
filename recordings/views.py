"""The revenue API: per work, per recording, and what matches no work yet."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import NOT_FOUND_RESPONSE, query_params_single
from common.api.pagination import UncountedPagination
from recordings.selectors import recording_detail, revenue_unmatched, work_revenue
from recordings.serializers import (
    RevenueQuerySerializer,
    UnmatchedSerializer,
    WorkRevenueSerializer,
)


def _filters(request):
    query = RevenueQuerySerializer(
        data=query_params_single(query_params=request.query_params)
    )
    query.is_valid(raise_exception=True)
    return query.filters()


class WorkRevenueView(APIView):
    @extend_schema(
        tags=["recordings"],
        summary="A work's EUR revenue through its recordings.",
        parameters=[RevenueQuerySerializer],
        responses={200: WorkRevenueSerializer, 404: NOT_FOUND_RESPONSE},
    )
    def get(self, request, iswc: str):
        answer = work_revenue(iswc=iswc, filters=_filters(request))
        if answer is None:
            raise Http404
        return Response(answer)


class RecordingView(APIView):
    @extend_schema(
        tags=["recordings"],
        summary="A recording: its works, usages, EUR revenue and playlists.",
        responses={200: dict, 404: NOT_FOUND_RESPONSE},
    )
    def get(self, request, isrc: str):
        answer = recording_detail(isrc=isrc)
        if answer is None:
            raise Http404
        return Response(answer)


class UnmatchedView(GenericAPIView):
    # limit/offset, no count: common.api.pagination.UncountedPagination.
    serializer_class = UnmatchedSerializer
    pagination_class = UncountedPagination

    @extend_schema(
        tags=["recordings"],
        summary="EUR revenue matched to no work, largest first.",
        parameters=[RevenueQuerySerializer],
    )
    def get(self, request):
        filters = _filters(request)
        page = self.paginator.page_rows(
            request=request,
            fetch=lambda offset, limit: revenue_unmatched(
                filters=filters, offset=offset, limit=limit
            ),
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
