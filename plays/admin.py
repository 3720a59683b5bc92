"""Play-count jobs: browse them, download results, re-run the failed ones."""

from pathlib import PurePosixPath

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html

from common.admin import ReadOnlyAdmin
from plays.models import PlayCountJob
from plays.services import play_count_job_rerun

RERUN_DONE = "{count} failed job(s) queued again."
UPLOAD_GONE = "The uploaded file of this job is no longer stored."


@admin.register(PlayCountJob)
class PlayCountJobAdmin(ReadOnlyAdmin):
    """Jobs come from uploads (POST /plays/jobs), never from a form."""

    list_display = [
        "id",
        "path",
        "owner",
        "status",
        "file_size",
        "rows_read",
        "rows_out",
        "duration",
        "created_at",
        "download",
    ]
    list_filter = ["status"]
    search_fields = ["path", "=sha256", "owner__username"]
    list_select_related = ["owner"]
    actions = ["rerun_failed"]
    fields = [
        ("path", "file_size"),
        "owner",
        "sha256",
        "upload_link",
        ("status", "attempts"),
        ("rows_done", "rows_read", "rows_out"),
        ("created_at", "started_at", "finished_at", "duration"),
        "error",
        "download",
    ]
    readonly_fields = [
        field
        for group in fields
        for field in (group if isinstance(group, tuple) else (group,))
    ]

    def get_urls(self):
        upload = path(
            "<int:job_id>/upload/",
            self.admin_site.admin_view(self.upload_view),
            name="plays_playcountjob_upload",
        )
        return [upload, *super().get_urls()]

    def upload_view(self, request: HttpRequest, job_id: int) -> FileResponse:
        """The uploaded file, to whoever may see the job (``/media/`` is not
        served: uploads are not public)."""
        job = get_object_or_404(PlayCountJob, pk=job_id)
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        if not job.upload or not job.upload.storage.exists(job.upload.name):
            raise Http404(UPLOAD_GONE)
        return FileResponse(
            job.upload.open("rb"),
            as_attachment=True,
            filename=PurePosixPath(job.path).name or "plays.csv",
        )

    def has_rerun_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("plays.change_playcountjob")

    @admin.display(description="size", ordering="size")
    def file_size(self, job: PlayCountJob) -> str:
        return filesizeformat(job.size)

    @admin.display(description="duration")
    def duration(self, job: PlayCountJob) -> str:
        seconds = job.seconds
        return "" if seconds is None else f"{seconds:.1f} s"

    @admin.display(description="uploaded file")
    def upload_link(self, job: PlayCountJob) -> str:
        url = reverse("admin:plays_playcountjob_upload", args=[job.pk])
        return format_html('<a href="{}">download {}</a>', url, job.path)

    @admin.display(description="result")
    def download(self, job: PlayCountJob) -> str:
        if job.status != PlayCountJob.Status.DONE:
            return ""
        url = reverse("plays-job-result", args=[job.pk])
        return format_html('<a href="{}">download CSV</a>', url)

    @admin.action(description="Re-run selected failed jobs", permissions=["rerun"])
    def rerun_failed(self, request: HttpRequest, queryset) -> None:
        count = play_count_job_rerun(
            job_ids=list(queryset.values_list("pk", flat=True))
        )
        self.message_user(request, RERUN_DONE.format(count=count), messages.SUCCESS)
