"""Recordings with their works, revenue and playlists; links staff add or remove.

Links staff make or remove go through ``recording_work_link`` /
``recording_work_unlink`` so the review rule runs and the admin log records
them. The unmatched revenue list links to the form that makes a link.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from common.admin import ReadOnlyAdmin
from recordings.models import LinkReview, Recording, RecordingWork, Track
from recordings.selectors import (
    Filters,
    eur_text,
    recording_detail,
    revenue_unmatched,
)
from recordings.services import (
    LinkError,
    recording_work_link,
    recording_work_unlink,
)

LINKED = "Linked {isrc} to {iswc}."
UNMATCHED_SHOWN = 100


class LinkForm(forms.Form):
    isrc = forms.CharField(label="ISRC")
    iswc = forms.CharField(label="ISWC")
    share = forms.DecimalField(
        required=False, max_digits=9, decimal_places=6, min_value=0
    )


@admin.register(Recording)
class RecordingAdmin(admin.ModelAdmin):
    list_display = ["isrc", "title", "artists", "title_source"]
    search_fields = ["isrc", "title"]
    readonly_fields = [
        "isrc",
        "title",
        "title_source",
        "artists",
        "artists_source",
        "works",
        "revenue",
        "playlists",
    ]
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Its links would go without the admin log; remove links instead.
        return False

    def get_urls(self):
        urls = [
            path(
                "unmatched/",
                self.admin_site.admin_view(self.unmatched_view),
                name="recordings_unmatched",
            ),
            path(
                "link/",
                self.admin_site.admin_view(self.link_view),
                name="recordings_link",
            ),
        ]
        return urls + super().get_urls()

    @admin.display(description="works")
    def works(self, obj: Recording) -> str:
        detail = recording_detail(isrc=obj.isrc) or {"works": []}
        return (
            format_html_join(
                "",
                "<div>{} {} ({})</div>",
                (
                    (
                        w["iswc"],
                        w["title"] or "",
                        ", ".join(s["source"] for s in w["sources"]),
                    )
                    for w in detail["works"]
                ),
            )
            or "-"
        )

    @admin.display(description="DSR revenue (EUR)")
    def revenue(self, obj: Recording) -> str:
        detail = recording_detail(isrc=obj.isrc)
        if detail is None:
            return "-"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (c["territory"], c["month"], c["usages"], c["revenue_eur"])
                for c in detail["by_territory_month"]
            ),
        )
        return format_html(
            "<p>{} usages, {} EUR</p><table><tr><th>territory</th><th>month</th>"
            "<th>usages</th><th>EUR</th></tr>{}</table>",
            detail["usages"],
            detail["revenue_eur"],
            rows,
        )

    @admin.display(description="playlists")
    def playlists(self, obj: Recording) -> str:
        detail = recording_detail(isrc=obj.isrc) or {"playlists": []}
        return (
            format_html_join(
                "",
                "<div>{} (best position {}, {} crawls)</div>",
                (
                    (p["name"], p["best_position"] + 1, p["crawls"])
                    for p in detail["playlists"]
                ),
            )
            or "-"
        )

    def unmatched_view(self, request: HttpRequest):
        rows = revenue_unmatched(filters=Filters(), limit=UNMATCHED_SHOWN)
        link = reverse("admin:recordings_link")
        context = {
            **self.admin_site.each_context(request),
            "title": "Revenue matched to no work",
            "rows": [
                {
                    "row": row,
                    "revenue": eur_text(amount=row.revenue_eur),
                    "share": eur_text(amount=row.share * 100),
                    "link": f"{link}?isrc={row.isrc}" if row.isrc else "",
                }
                for row in rows
            ],
        }
        return TemplateResponse(request, "admin/recordings/unmatched.html", context)

    def link_view(self, request: HttpRequest):
        if not request.user.has_perm("recordings.add_recordingwork"):
            raise PermissionDenied
        form = LinkForm(request.POST or None, initial=request.GET.dict())
        if request.method == "POST" and form.is_valid():
            try:
                link = recording_work_link(
                    isrc=form.cleaned_data["isrc"],
                    iswc=form.cleaned_data["iswc"],
                    source="admin",
                    share=form.cleaned_data["share"],
                    user_id=request.user.pk,
                )
            except LinkError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    LINKED.format(isrc=link.recording.isrc, iswc=link.iswc),
                )
                return HttpResponseRedirect(reverse("admin:recordings_unmatched"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Link a recording to a work",
            "form": form,
        }
        return TemplateResponse(request, "admin/recordings/link.html", context)


@admin.register(RecordingWork)
class RecordingWorkAdmin(admin.ModelAdmin):
    list_display = ["recording", "iswc", "source", "share", "created_at"]
    list_filter = ["source"]
    search_fields = ["recording__isrc", "iswc"]
    actions = ["unlink_selected"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description="Remove the selected links", permissions=["delete"])
    def unlink_selected(self, request: HttpRequest, queryset):
        for pk in queryset.values_list("pk", flat=True):
            recording_work_unlink(link_id=pk, user_id=request.user.pk)

    def delete_model(self, request: HttpRequest, obj: RecordingWork) -> None:
        recording_work_unlink(link_id=obj.pk, user_id=request.user.pk)


@admin.register(LinkReview)
class LinkReviewAdmin(admin.ModelAdmin):
    list_display = ["recording", "status", "claims", "opened_at"]
    list_filter = ["status"]
    readonly_fields = ["recording", "status", "claims", "opened_at", "resolved_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Track)
class TrackAdmin(ReadOnlyAdmin):
    """The catalogue tracks of ``cm_track.csv`` (``import_tracks``), each
    with the recording of its ISRC; staff choose one when matching a video."""

    # The recording's own column would repeat the ISRC and title (and push
    # the list past a 1366-pixel window); the change page links it.
    list_display = ["cm_track", "title", "artist", "isrc", "isrc_valid"]
    list_select_related = ["artist"]
    list_filter = ["isrc_valid"]
    search_fields = ["title", "=isrc", "artist__name"]
