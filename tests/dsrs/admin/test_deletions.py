"""The deletion log: who deleted which DSR with what, read-only."""

import pytest
from django.urls import reverse

from dsrs.models import DeletedDSR
from tests.dsrs.factories import (
    DSRFactory,
)

pytestmark = pytest.mark.django_db


class TestDeletionLog:
    def test_deletion_appears_with_counts_and_who(self, admin_client, nok_dsr):
        admin_client.post(
            reverse("admin:dsrs_dsr_delete", args=[nok_dsr.pk]), {"post": "yes"}
        )
        entry = DeletedDSR.objects.get()
        assert (entry.dsr_id, entry.usages, entry.orphan_resources) == (
            nok_dsr.pk,
            2,
            2,
        )
        assert entry.deleted_by == "admin"
        listing = admin_client.get(reverse("admin:dsrs_deleteddsr_changelist"))
        assert listing.context["cl"].result_count == 1
        page = admin_client.get(
            reverse("admin:dsrs_deleteddsr_change", args=[entry.pk])
        )
        assert page.status_code == 200
        assert "1,234.57 EUR" in page.content.decode()

    def test_it_is_read_only(self, admin_client, nok_dsr):
        admin_client.post(
            reverse("admin:dsrs_dsr_delete", args=[nok_dsr.pk]), {"post": "yes"}
        )
        entry = DeletedDSR.objects.get()
        url = reverse("admin:dsrs_deleteddsr_delete", args=[entry.pk])
        assert admin_client.post(url, {"post": "yes"}).status_code == 403
        assert DeletedDSR.objects.exists()

    def test_a_reimported_dsr_shows_its_deletion_history(self, admin_client, nok_dsr):
        identity = {
            f: getattr(nok_dsr, f)
            for f in ("dsp", "offer", "territory", "currency", "period_start")
        }
        admin_client.post(
            reverse("admin:dsrs_dsr_delete", args=[nok_dsr.pk]), {"post": "yes"}
        )
        again = DSRFactory(**identity)
        content = admin_client.get(
            reverse("admin:dsrs_dsr_change", args=[again.pk])
        ).content.decode()
        assert f"#{nok_dsr.pk} deleted" in content and "by admin" in content
