"""The read-only REST API of openapi.md."""

from django.utils.http import parse_header_parameters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from common.api import NOT_FOUND_RESPONSE, query_params_single
from common.json_stream import (
    RENDERS_COMPACT_UNICODE,
    json_array_response,
    json_pieces_response,
)
from dsrs.filters import PercentileFilterSet
from dsrs.models import Resource
from dsrs.selectors import (
    dsr_list,
    resource_iter_top_percentile,
    resource_json_top_percentile,
    resource_list_top_percentile,
)
from dsrs.serializers import (
    RESOURCE_JSON,
    DSRSerializer,
    PercentileQuerySerializer,
    ResourceSerializer,
)

PERCENTILE_VIEW_NAME = "Resources in the top percentile by EUR revenue"

# DSR rows read per round trip when a list is streamed.
DSR_CHUNK_ROWS = 2000

PERCENTILE_DESCRIPTION = (
    "The resources that account for the top `number` percent of total revenue "
    "in EUR, highest first (ties by dsp_id). Revenue is converted per DSR with "
    "its stored EUR rate (the mean ECB rate of its period) and summed per "
    "resource over the ingested DSRs that pass the filters. A resource with "
    "revenue above 0 is included when the revenue of the resources before it "
    "is less than `number`% of the total: 100 returns every resource with "
    "revenue above 0, 1 at least one."
)


BAD_INPUT_RESPONSE = OpenApiResponse(
    response={
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "example": {"territory": ["'XX' is not an ISO 3166-1 alpha-2 territory code."]},
    },
    description=(
        "The number or a query parameter is invalid, or a parameter is given "
        "more than once: the messages per parameter."
    ),
)


def streams_json(request) -> bool:
    """Whether to stream the answer: plain JSON, not the browsable API.

    The browsable page and indented JSON (``Accept: application/json;
    indent=4``) are rendered whole by DRF.
    """
    if not isinstance(request.accepted_renderer, JSONRenderer):
        return False
    _, params = parse_header_parameters(request.accepted_media_type or "")
    return "indent" not in params


@extend_schema_view(
    list=extend_schema(tags=["dsrs"]),
    retrieve=extend_schema(
        tags=["dsrs"],
        summary="Get dsr details",
        parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)],
        responses={200: DSRSerializer, 404: NOT_FOUND_RESPONSE},
    ),
)
class DSRViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DSRSerializer
    pagination_class = None
    # Anything up to the next slash reaches the view: a malformed id is the
    # specified JSON 404, a malformed number a 400.
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return dsr_list()

    def list(self, request, *args, **kwargs):
        if not streams_json(request):
            return super().list(request, *args, **kwargs)
        serializer = self.get_serializer()
        dsrs = self.get_queryset().iterator(chunk_size=DSR_CHUNK_ROWS)
        return json_array_response(items=map(serializer.to_representation, dsrs))


class ResourcePercentileViewSet(viewsets.GenericViewSet):
    # Answers come from the selector; the browsable API's filter form only
    # needs a queryset to exist, and its inputs from the FilterSet.
    queryset = Resource.objects.none()
    filterset_class = PercentileFilterSet
    serializer_class = ResourceSerializer
    pagination_class = None
    lookup_field = "number"
    lookup_value_regex = "[^/]+"

    def get_view_name(self) -> str:
        # The router's name would be "Resource Percentile Instance".
        return PERCENTILE_VIEW_NAME

    @extend_schema(
        tags=["resources"],
        summary="TOP percentile by revenue.",
        description=PERCENTILE_DESCRIPTION,
        parameters=[
            OpenApiParameter(
                "number",
                {"type": "integer", "minimum": 1, "maximum": 100},
                OpenApiParameter.PATH,
                description="Number.",
            ),
            OpenApiParameter(
                "territory", OpenApiTypes.STR, description="Territory code. ES, FR.."
            ),
            OpenApiParameter(
                "period_start",
                OpenApiTypes.DATETIME,
                description="Datetime of the starting date of the associated DSRs",
            ),
            OpenApiParameter(
                "period_end",
                OpenApiTypes.DATETIME,
                description="Datetime of the ending date of the associated DSRs.",
            ),
        ],
        responses={200: ResourceSerializer(many=True), 400: BAD_INPUT_RESPONSE},
    )
    def retrieve(self, request, number: str):
        params = query_params_single(query_params=request.query_params)
        query = PercentileQuerySerializer(data={**params, "number": number})
        query.is_valid(raise_exception=True)
        if streams_json(request):
            # The database writes the JSON of a compact, UNICODE_JSON renderer.
            pieces = RENDERS_COMPACT_UNICODE and resource_json_top_percentile(
                **query.validated_data
            )
            if pieces:
                return json_pieces_response(pieces=pieces)
            resources = resource_iter_top_percentile(**query.validated_data)
            return json_array_response(items=resources, render=RESOURCE_JSON.render)
        resources = resource_list_top_percentile(**query.validated_data)
        return Response(self.get_serializer(resources, many=True).data)
