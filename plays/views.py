"""The play-count job API: upload a CSV, follow the job, fetch the totals."""

from http import HTTPStatus

from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser
from rest_framework.response import Response

from common.api import NOT_FOUND_RESPONSE
from common.ingest.upload_hashing import FORM_OVERHEAD_BYTES, Sha256MultiPartParser
from plays.models import PlayCountJob
from plays.selectors import play_count_job_list, play_count_job_visible_get
from plays.serializers import (
    PlayCountJobDoneSerializer,
    PlayCountJobDuplicateSerializer,
    PlayCountJobFailedSerializer,
    PlayCountJobLimitSerializer,
    PlayCountJobQueuedSerializer,
    PlayCountJobRunningSerializer,
    PlayCountJobUploadSerializer,
)
from plays.services import (
    PlayCountJobDuplicate,
    PlayCountJobLimit,
    play_count_job_create,
    play_count_job_limits_check,
)

Status = PlayCountJob.Status
MAX_ID = 2**63 - 1  # a BigAutoField
JOB_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
PENDING_RESPONSES = {
    HTTPStatus.TOO_EARLY: PlayCountJobRunningSerializer,
    HTTPStatus.NOT_ACCEPTABLE: PlayCountJobFailedSerializer,
    HTTPStatus.NOT_FOUND: NOT_FOUND_RESPONSE,
}


class CSVRenderer(renderers.BaseRenderer):
    """Lets ``Accept: text/csv`` through negotiation; the file is sent as is."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


def job_state(job: PlayCountJob, request) -> tuple[int, dict]:
    """The status code and body that tell where the job is."""
    if job.status == Status.DONE:
        path = reverse("plays-job-result", args=[job.pk])
        return HTTPStatus.OK, {
            "status": job.status,
            "rows_in": job.rows_in,
            "rows_out": job.rows_out,
            "result": request.build_absolute_uri(path),
        }
    if job.status == Status.FAILED:
        return HTTPStatus.NOT_ACCEPTABLE, {"status": job.status, "error": job.error}
    return HTTPStatus.TOO_EARLY, {"status": job.status, "rows_done": job.rows_done}


def declared_file_size(request) -> int:
    """The least the file can weigh, from the request's Content-Length."""
    declared = request.META.get("CONTENT_LENGTH") or ""
    return max(0, int(declared) - FORM_OVERHEAD_BYTES) if declared.isdigit() else 0


class PlayLogParser(Sha256MultiPartParser):
    """Multipart play logs, at most ``PLAYS_MAX_UPLOAD_BYTES`` each."""

    @property
    def max_bytes(self) -> int:
        return settings.PLAYS_MAX_UPLOAD_BYTES


class PlayCountJobViewSet(viewsets.GenericViewSet):
    """Uploading needs ``plays.add_playcountjob`` (the group ``submitters``);
    a job answers its owner and staff, and is a 404 to anyone else.
    """

    parser_classes = [PlayLogParser, FormParser]
    serializer_class = PlayCountJobUploadSerializer
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return play_count_job_list(user=self.request.user)

    def get_job(self) -> PlayCountJob:
        """The job named in the URL; malformed, unknown or another's is a 404."""
        key = self.kwargs["pk"]
        if not (key.isascii() and key.isdigit() and int(key) <= MAX_ID):
            raise Http404
        job = play_count_job_visible_get(job_id=int(key), user=self.request.user)
        if job is None:
            raise Http404
        return job

    @extend_schema(
        tags=["plays"],
        summary="Upload a CSV of plays; its daily totals are computed by a job.",
        request={"multipart/form-data": PlayCountJobUploadSerializer},
        responses={
            HTTPStatus.ACCEPTED: PlayCountJobQueuedSerializer,
            HTTPStatus.CONFLICT: PlayCountJobDuplicateSerializer,
            HTTPStatus.TOO_MANY_REQUESTS: PlayCountJobLimitSerializer,
            HTTPStatus.BAD_REQUEST: OpenApiResponse(description="No file."),
            HTTPStatus.UNAUTHORIZED: OpenApiResponse(
                description="No token (Authorization: Token <key>)."
            ),
            HTTPStatus.FORBIDDEN: OpenApiResponse(
                description="The user may not add play-count jobs."
            ),
            HTTPStatus.REQUEST_TIMEOUT: OpenApiResponse(
                description="The upload stopped arriving (GUNICORN_STALL_TIMEOUT)."
            ),
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE: OpenApiResponse(
                description="Larger than PLAYS_MAX_UPLOAD_BYTES."
            ),
        },
    )
    def create(self, request):
        try:
            # Before the body is read: a user past a limit does not get to
            # send gigabytes first. The service checks again, exactly.
            play_count_job_limits_check(
                owner=request.user, size=declared_file_size(request)
            )
            upload = self.get_serializer(data=request.data)
            upload.is_valid(raise_exception=True)
            file = upload.validated_data["file"]
            job = play_count_job_create(
                upload=file, sha256=file.sha256, owner=request.user
            )
        except PlayCountJobDuplicate as duplicate:
            return Response(
                {"detail": duplicate.message, "id": duplicate.job_id},
                status=status.HTTP_409_CONFLICT,
            )
        except PlayCountJobLimit as over:
            return Response(
                {"detail": over.message, "limit": over.limit},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        job.refresh_from_db()
        path = reverse("plays-job-detail", args=[job.pk])
        body = {
            "id": job.pk,
            "status": job.status,
            "url": request.build_absolute_uri(path),
        }
        return Response(body, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        tags=["plays"],
        summary="A job's state: 425 while it runs, 406 if the file was invalid.",
        parameters=[JOB_ID],
        responses={HTTPStatus.OK: PlayCountJobDoneSerializer, **PENDING_RESPONSES},
    )
    def retrieve(self, request, pk: str):
        code, body = job_state(self.get_job(), request)
        return Response(body, status=code)

    @extend_schema(
        tags=["plays"],
        summary="The daily totals: Song,Date,Total Number of Plays for Date.",
        parameters=[JOB_ID],
        responses={
            (HTTPStatus.OK, "text/csv"): OpenApiTypes.BINARY,
            **PENDING_RESPONSES,
        },
    )
    @action(
        detail=True,
        methods=["get"],
        renderer_classes=[renderers.JSONRenderer, CSVRenderer],
    )
    def result(self, request, pk: str):
        job = self.get_job()
        code, body = job_state(job, request)
        if code != HTTPStatus.OK:
            # The JSON body whatever was asked for: the CSV does not exist yet.
            return JsonResponse(body, status=code)
        name = job.file_name.rsplit(".", 1)[0] or "plays"
        return FileResponse(
            job.result.open("rb"),
            as_attachment=True,
            filename=f"{name}-daily-totals.csv",
            content_type="text/csv; charset=utf-8",
        )
