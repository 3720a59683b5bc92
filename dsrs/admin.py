"""DSRs: browse, and delete with their contents. Everything else is read-only."""

from django.contrib import admin, messages
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from dsrs.models import DSR, Currency, DSRRowError, Resource, Territory
from dsrs.selectors import dsr_contents_count, resource_orphan_count
from dsrs.services import DSRDeleteResult, dsr_delete

ROW_ERRORS_SHOWN = 100
DELETE_ACTION = "delete_dsrs_and_contents"


class NoWriteAdmin(admin.ModelAdmin):
    """Rows come from files (import_dsrs), never from a form."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(NoWriteAdmin):
    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Currency)
class CurrencyAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "symbol"]
    search_fields = ["code", "name"]


@admin.register(Territory)
class TerritoryAdmin(ReadOnlyAdmin):
    list_display = ["code_2", "code_3", "name", "local_currency"]
    search_fields = ["code_2", "code_3", "name"]


@admin.register(Resource)
class ResourceAdmin(ReadOnlyAdmin):
    list_display = ["dsp_id", "dsp", "title", "artists", "isrc"]
    list_filter = ["dsp"]
    search_fields = ["=dsp_id", "title", "=isrc"]
    fields = [
        "dsp",
        "dsp_id",
        "title",
        "artists",
        "isrc",
        "metadata_period_end",
        "reported_in",
    ]
    readonly_fields = fields

    @admin.display(description="Reported in DSRs")
    def reported_in(self, resource: Resource) -> str:
        dsrs = DSR.objects.filter(usages__resource=resource).distinct().order_by("pk")
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:dsrs_dsr_change", args=[dsr.pk]), str(dsr))
                for dsr in dsrs
            ),
        )


@admin.register(DSR)
class DSRAdmin(NoWriteAdmin):
    list_display = [
        "id",
        "path",
        "dsp",
        "territory",
        "currency",
        "period",
        "status",
        "rows_imported",
        "rows_rejected",
        "eur_rate",
    ]
    list_filter = ["status", "territory", "currency", "dsp"]
    list_select_related = ["territory", "currency"]
    search_fields = ["path"]
    actions = [DELETE_ACTION]
    fields = [
        "path",
        ("dsp", "offer", "society"),
        ("territory", "currency"),
        ("period_start", "period_end"),
        ("status", "imported_at"),
        "error",
        "checksum",
        ("rows_read", "rows_imported", "rows_rejected"),
        "usage_count",
        "warnings",
        ("eur_rate", "eur_rate_source"),
        "row_errors_preview",
    ]
    readonly_fields = [
        field
        for group in fields
        for field in (group if isinstance(group, tuple) else (group,))
    ]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # it would load every usage
        return actions

    @admin.display(description="period", ordering="period_start")
    def period(self, dsr: DSR) -> str:
        return f"{dsr.period_start}..{dsr.period_end}"

    @admin.display(description="usages stored")
    def usage_count(self, dsr: DSR) -> int:
        return dsr_contents_count(dsr_ids=[dsr.pk]).usages[dsr.pk]

    @admin.display(description=f"row errors (first {ROW_ERRORS_SHOWN})")
    def row_errors_preview(self, dsr: DSR) -> str:
        errors = DSRRowError.objects.filter(dsr=dsr).order_by("line")[:ROW_ERRORS_SHOWN]
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((e.line, e.field, e.value, e.reason) for e in errors),
        )
        if not rows:
            return "none"
        return format_html(
            "<table><thead><tr><th>line</th><th>field</th><th>value</th>"
            "<th>reason</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )

    @admin.action(
        description="Delete selected DSRs and their contents",
        permissions=["delete"],
    )
    def delete_dsrs_and_contents(self, request: HttpRequest, queryset):
        return self._delete_confirm(request, list(queryset.order_by("pk")), action=True)

    def delete_view(self, request: HttpRequest, object_id: str, extra_context=None):
        dsr = self.get_object(request, object_id)
        if dsr is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return self._delete_confirm(request, [dsr], action=False)

    def _delete_confirm(self, request: HttpRequest, dsrs: list[DSR], *, action: bool):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        if request.method == "POST" and request.POST.get("post") == "yes":
            self._delete(request, dsrs)
            return HttpResponseRedirect(reverse("admin:dsrs_dsr_changelist"))
        ids = [dsr.pk for dsr in dsrs]
        contents = dsr_contents_count(dsr_ids=ids)
        context = {
            **self.admin_site.each_context(request),
            "title": "Delete DSRs and their contents?",
            "opts": self.opts,
            "dsrs": [
                (dsr, contents.usages[dsr.pk], contents.row_errors[dsr.pk])
                for dsr in dsrs
            ],
            "orphan_resources": resource_orphan_count(dsr_ids=ids),
            "action": DELETE_ACTION if action else None,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/dsrs/dsr/delete_confirmation.html", context
        )

    def _delete(self, request: HttpRequest, dsrs: list[DSR]) -> None:
        with transaction.atomic():
            result = dsr_delete(dsr_ids=[dsr.pk for dsr in dsrs])
            _deletion_log(request, result)
        usages = sum(d.usages for d in result.dsrs)
        self.message_user(
            request,
            f"Deleted {len(result.dsrs)} DSR(s) with {usages:,} usages, "
            f"{sum(d.row_errors for d in result.dsrs):,} row errors and "
            f"{result.orphan_resources:,} resources no other DSR reports.",
            messages.SUCCESS,
        )


def _deletion_log(request: HttpRequest, result: DSRDeleteResult) -> None:
    content_type = ContentType.objects.get_for_model(DSR)
    LogEntry.objects.bulk_create(
        LogEntry(
            user_id=request.user.pk,
            content_type=content_type,
            object_id=str(deleted.dsr_id),
            object_repr=deleted.path[:200],
            action_flag=DELETION,
            change_message=(
                f"Deleted {deleted.path} with {deleted.usages} usages and "
                f"{deleted.row_errors} row errors"
            ),
        )
        for deleted in result.dsrs
    )
