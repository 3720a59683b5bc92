"""Deleting DSRs from the admin: a confirmation page, then ``dsr_delete``."""

from django.contrib import admin, messages
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from common.formatting import count_format
from dsrs.models import DSR
from dsrs.selectors import dsr_contents_count, resource_orphan_count
from dsrs.services import DSRDeleteResult, dsr_delete
from dsrs.services.deletion_log import deletion_log_attribute

DELETE_ACTION = "delete_dsrs_and_contents"


class DSRDeleteMixin:
    """Both ways of deleting (the action and the delete button) confirm first.

    Django's ``delete_selected`` would load every usage to list it.
    """

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

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
            deletion_log_attribute(
                dsr_ids=[d.dsr_id for d in result.dsrs],
                username=request.user.get_username(),
            )
            _admin_log(request, result)
        self.message_user(
            request,
            f"Deleted {count_format(len(result.dsrs))} DSR(s) with "
            f"{count_format(sum(d.usages for d in result.dsrs))} usage lines, "
            f"{count_format(sum(d.row_errors for d in result.dsrs))} row errors and "
            f"{count_format(result.orphan_resources)} resources no other DSR "
            "reports.",
            messages.SUCCESS,
        )


def _admin_log(request: HttpRequest, result: DSRDeleteResult) -> None:
    content_type = ContentType.objects.get_for_model(DSR)
    LogEntry.objects.bulk_create(
        LogEntry(
            user_id=request.user.pk,
            content_type=content_type,
            object_id=str(deleted.dsr_id),
            object_repr=deleted.path[:200],
            action_flag=DELETION,
            change_message=(
                f"Deleted {deleted.path} with {deleted.usages} usage lines and "
                f"{deleted.row_errors} row errors"
            ),
        )
        for deleted in result.dsrs
    )
