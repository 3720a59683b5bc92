"""The playlists API and the chart page."""

from django.http import Http404
from django.shortcuts import render
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import NOT_FOUND_RESPONSE
from playlists.charts import chart_layout
from playlists.selectors.playlists import (
    playlist_chart_series,
    playlist_list_latest,
    playlist_snapshot_latest,
    recording_entry_list,
    snapshot_entry_list,
    video_get_by_source_id,
    video_history_in_playlist,
)
from playlists.serializers import (
    AppearanceSerializer,
    HistoryQuerySerializer,
    HistorySerializer,
    PlaylistDetailSerializer,
    SnapshotSerializer,
    isrc_validate,
)

ID_PARAMETER = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
UNKNOWN_VIDEO = "No video {video!r} in the crawls of this playlist's source."


@extend_schema_view(
    list=extend_schema(
        tags=["playlists"],
        summary="Every playlist as its latest crawl saw it, by id.",
    ),
    retrieve=extend_schema(
        tags=["playlists"],
        summary="A playlist's latest crawl with its entries and their ISRCs.",
        parameters=[ID_PARAMETER],
        responses={200: PlaylistDetailSerializer, 404: NOT_FOUND_RESPONSE},
    ),
)
class PlaylistViewSet(viewsets.GenericViewSet):
    # Pages with limit/offset: common.api.pagination, the default.
    serializer_class = SnapshotSerializer
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return playlist_list_latest()

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk: str):
        snapshot = self._latest(pk)
        snapshot.entry_rows = snapshot_entry_list(snapshot=snapshot)
        return Response(PlaylistDetailSerializer(snapshot).data)

    @extend_schema(
        tags=["playlists"],
        summary="A video's position and the playlist's views, crawl by crawl.",
        parameters=[
            ID_PARAMETER,
            OpenApiParameter(
                "video", OpenApiTypes.STR, required=True, description="Video id."
            ),
        ],
        responses={200: HistorySerializer, 404: NOT_FOUND_RESPONSE},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request, pk: str):
        snapshot = self._latest(pk)
        query = HistoryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        source_id = query.validated_data["video"]
        video = video_get_by_source_id(
            playlist_id=snapshot.playlist_id, source_id=source_id
        )
        if video is None:
            raise ValidationError({"video": [UNKNOWN_VIDEO.format(video=source_id)]})
        points = video_history_in_playlist(
            playlist_id=snapshot.playlist_id, video=video
        )
        history = {
            "playlist_id": snapshot.playlist_id,
            "video_id": source_id,
            "points": points,
        }
        return Response(HistorySerializer(history).data)

    def _latest(self, pk: str):
        return _snapshot_latest_or_404(pk=str(pk))


class RecordingPlaylistsView(APIView):
    @extend_schema(
        tags=["playlists"],
        summary="Every playlist crawl in which a video of the recording appeared.",
        responses={200: AppearanceSerializer(many=True), 404: NOT_FOUND_RESPONSE},
    )
    def get(self, request, isrc: str):
        entries = recording_entry_list(isrc=isrc_validate(isrc))
        if entries is None:
            raise Http404
        return Response(AppearanceSerializer(entries, many=True).data)


def chart(request, pk: int):
    """The positions of the latest crawl's top videos over every crawl, as SVG."""
    snapshot = _snapshot_latest_or_404(pk=str(pk))
    return render(
        request,
        "playlists/chart.html",
        {
            "snapshot": snapshot,
            "chart": chart_layout(data=playlist_chart_series(playlist_id=pk)),
        },
    )


def _snapshot_latest_or_404(*, pk: str):
    # An id past 18 digits can be no row's, and the database would refuse it.
    if not pk.isascii() or not pk.isdigit() or len(pk) > 18:
        raise Http404
    snapshot = playlist_snapshot_latest(playlist_id=int(pk))
    if snapshot is None:
        raise Http404
    return snapshot
