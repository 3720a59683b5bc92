"""The admin: a recording's page, a work's revenue, unmatched list -> link form."""

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.test import Client

from recordings.models import Recording, RecordingWork
from tests.recordings.conftest import SAMPLE_ISRCS, SAMPLE_ISWC
from works.models import Work

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    user = get_user_model().objects.create_superuser("staff", "s@x.org", "pw")
    client = Client()
    client.force_login(user)
    return client


def test_recording_and_work_pages_show_revenue(staff, dsrs_imported, works_linked):
    recording = Recording.objects.get(isrc=SAMPLE_ISRCS[0])
    page = staff.get(f"/admin/recordings/recording/{recording.pk}/change/")
    assert page.status_code == 200
    assert SAMPLE_ISWC in page.text and "usages" in page.text
    work = Work.objects.get(iswc=SAMPLE_ISWC)
    page = staff.get(f"/admin/works/work/{work.pk}/change/")
    assert page.status_code == 200
    assert "2245729788195962.930578" in page.text


def test_unmatched_list_links_to_the_form_that_links(staff, dsrs_imported):
    page = staff.get("/admin/recordings/recording/unmatched/")
    assert page.status_code == 200
    assert "/admin/recordings/recording/link/?isrc=" in page.text
    form = staff.get("/admin/recordings/recording/link/?isrc=UGOBU8365238")
    assert 'value="UGOBU8365238"' in form.text
    done = staff.post(
        "/admin/recordings/recording/link/",
        {"isrc": "UGOBU8365238", "iswc": "T-920.464.955-8", "share": ""},
    )
    assert done.status_code == 302
    link = RecordingWork.objects.get()
    assert (link.iswc, link.source) == ("T9204649558", "admin")
    assert LogEntry.objects.get(object_id=str(link.pk)).action_flag == ADDITION
    bad = staff.post(
        "/admin/recordings/recording/link/", {"isrc": "UGOBU8365238", "iswc": "T1"}
    )
    assert "is not a valid ISWC" in bad.text


def test_removing_a_link_in_the_admin_is_logged(staff, works_linked):
    link = RecordingWork.objects.first()
    response = staff.post(
        "/admin/recordings/recordingwork/",
        {"action": "unlink_selected", "_selected_action": [link.pk]},
    )
    assert response.status_code == 302
    assert not RecordingWork.objects.filter(pk=link.pk).exists()
    assert LogEntry.objects.filter(object_id=str(link.pk)).exists()


def test_the_link_form_needs_the_add_link_permission(db):
    user = get_user_model().objects.create_user("clerk", password="pw", is_staff=True)
    client = Client()
    client.force_login(user)
    assert client.get("/admin/recordings/recording/link/").status_code == 403
