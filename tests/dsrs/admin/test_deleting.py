"""Deleting DSRs from the admin with their contents, one form for all ways in."""

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth.models import User
from django.urls import reverse

from dsrs.models import DSR, DSRRowError, Resource, Usage
from dsrs.selectors import resource_list_top_percentile

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:dsrs_dsr_changelist")


def action_post(dsrs, **extra):
    return {
        "action": "delete_dsrs_and_contents",
        "_selected_action": [dsr.pk for dsr in dsrs],
        **extra,
    }


class TestDeleting:
    def test_confirmation_lists_counts_and_deletes_nothing(
        self, admin_client, two_dsrs
    ):
        first, _ = two_dsrs
        response = admin_client.post(CHANGELIST, action_post([first]))
        assert response.status_code == 200
        assert response.templates[0].name == "admin/dsrs/dsr/delete_confirmation.html"
        assert response.context["dsrs"] == [(first, 2, 1)]
        assert response.context["orphan_resources"] == 1
        assert DSR.objects.count() == 2 and Usage.objects.count() == 4

    def test_confirming_deletes_contents_and_orphans_only(self, admin_client, two_dsrs):
        first, second = two_dsrs
        response = admin_client.post(
            CHANGELIST, action_post([first], post="yes"), follow=True
        )
        assert response.status_code == 200
        assert list(DSR.objects.all()) == [second]
        assert set(Usage.objects.values_list("dsr_id", flat=True)) == {second.pk}
        assert not DSRRowError.objects.exists()
        assert sorted(Resource.objects.values_list("dsp_id", flat=True)) == [
            "ONLY_SECOND",
            "SHARED",
        ]
        [message] = [str(m) for m in response.context["messages"]]
        assert message == (
            "Deleted 1 DSR(s) with 2 usage lines, 1 row errors and "
            "1 resources no other DSR reports."
        )

    def test_deletion_is_logged(self, admin_client, two_dsrs):
        first, _ = two_dsrs
        admin_client.post(CHANGELIST, action_post([first], post="yes"))
        entry = LogEntry.objects.get()
        assert (entry.action_flag, entry.object_id, entry.object_repr) == (
            DELETION,
            str(first.pk),
            first.path,
        )
        assert (
            entry.change_message
            == f"Deleted {first.path} with 2 usage lines and 1 row errors"
        )

    def test_deleting_both_removes_every_resource(self, admin_client, two_dsrs):
        response = admin_client.post(CHANGELIST, action_post(two_dsrs))
        assert response.context["orphan_resources"] == 3
        admin_client.post(CHANGELIST, action_post(two_dsrs, post="yes"))
        assert not Resource.objects.exists() and not Usage.objects.exists()

    def test_single_object_delete_uses_the_same_form(self, admin_client, two_dsrs):
        first, second = two_dsrs
        url = reverse("admin:dsrs_dsr_delete", args=[second.pk])
        confirm = admin_client.get(url)
        assert confirm.context["dsrs"] == [(second, 2, 0)]
        assert confirm.context["orphan_resources"] == 1
        admin_client.post(url, {"post": "yes"})
        assert list(DSR.objects.all()) == [first]

    def test_percentile_changes_accordingly(self, admin_client, two_dsrs):
        first, _ = two_dsrs
        before = {r.dsp_id: r.revenue for r in resource_list_top_percentile(number=100)}
        assert before == {"ONLY_FIRST": 5, "SHARED": 3, "ONLY_SECOND": 1}
        admin_client.post(CHANGELIST, action_post([first], post="yes"))
        after = {r.dsp_id: r.revenue for r in resource_list_top_percentile(number=100)}
        assert after == {"SHARED": 2, "ONLY_SECOND": 1}

    def test_without_delete_permission_it_is_forbidden(self, viewer, two_dsrs):
        first, _ = two_dsrs
        listing = viewer.get(CHANGELIST)
        assert listing.status_code == 200
        assert listing.context[
            "action_form"
        ] is None or "delete_dsrs_and_contents" not in [
            name for name, _ in listing.context["action_form"].fields["action"].choices
        ]
        url = reverse("admin:dsrs_dsr_delete", args=[first.pk])
        assert viewer.get(url).status_code == 403
        assert viewer.post(url, {"post": "yes"}).status_code == 403
        viewer.post(CHANGELIST, action_post([first], post="yes"))
        assert DSR.objects.count() == 2

    def test_csrf_is_required(self, two_dsrs):
        from django.test import Client

        first, _ = two_dsrs
        client = Client(enforce_csrf_checks=True)
        client.force_login(User.objects.create_superuser("root", password="pw"))
        response = client.post(
            reverse("admin:dsrs_dsr_delete", args=[first.pk]), {"post": "yes"}
        )
        assert response.status_code == 403
        assert DSR.objects.count() == 2

    def test_default_bulk_delete_is_replaced(self, admin_client, two_dsrs):
        actions = admin_client.get(CHANGELIST).context["action_form"].fields["action"]
        names = [name for name, _ in actions.choices]
        assert "delete_selected" not in names
        assert "delete_dsrs_and_contents" in names

    def test_delete_confirmation_is_djangos_red_one(self, admin_client, nok_dsr):
        content = admin_client.get(
            reverse("admin:dsrs_dsr_delete", args=[nok_dsr.pk])
        ).content.decode()
        assert "delete-confirmation" in content
