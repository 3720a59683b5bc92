"""The admin: jobs listed with their figures, results downloadable, re-run."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from plays.admin import RERUN_DONE
from plays.models import PlayCountJob
from tests.plays.factories import PlayCountJobFactory

pytestmark = pytest.mark.django_db

Status = PlayCountJob.Status
CHANGELIST = reverse("admin:plays_playcountjob_changelist")


def test_changelist_shows_figures_and_a_download_link(admin_client):
    done = PlayCountJobFactory(status=Status.DONE, rows_in=7, rows_out=4, size=2048)
    PlayCountJobFactory(status=Status.FAILED, error="line 4, Number of Plays")
    response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="/plays/jobs/{done.pk}/result"' in page
    assert page.count("download CSV") == 1
    assert "2.0\xa0KB" in page
    assert response.context["cl"].result_count == 2


def test_detail_shows_the_error(admin_client):
    job = PlayCountJobFactory(status=Status.FAILED, error="line 4, Date: 'x'")
    response = admin_client.get(
        reverse("admin:plays_playcountjob_change", args=[job.pk])
    )
    assert response.status_code == 200
    assert "line 4, Date: &#x27;x&#x27;" in response.content.decode()


def test_rerun_failed_jobs(admin_client, media, django_capture_on_commit_callbacks):
    failed = PlayCountJobFactory(status=Status.FAILED, error="boom")
    done = PlayCountJobFactory(status=Status.DONE)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            CHANGELIST,
            {"action": "rerun_failed", "_selected_action": [failed.pk, done.pk]},
            follow=True,
        )
    assert RERUN_DONE.format(count=1) in response.content.decode()
    failed.refresh_from_db()
    assert (failed.status, failed.rows_out, failed.attempts) == (Status.DONE, 4, 1)


def test_viewers_cannot_rerun(client):
    user = User.objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_playcountjob"))
    client.force_login(user)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert "rerun_failed" not in response.content.decode()


def test_the_uploaded_file_downloads_through_the_admin(admin_client):
    job = PlayCountJobFactory()
    page = admin_client.get(reverse("admin:plays_playcountjob_change", args=[job.pk]))
    upload = reverse("admin:plays_playcountjob_upload", args=[job.pk])
    assert f'href="{upload}"' in page.content.decode()
    assert "/media/" not in page.content.decode()
    response = admin_client.get(upload)
    assert response.status_code == 200
    assert "initial_test.csv" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == job.upload.open("rb").read()


def test_the_uploaded_file_is_not_for_anyone(client):
    job = PlayCountJobFactory()
    upload = reverse("admin:plays_playcountjob_upload", args=[job.pk])
    assert client.get(upload).status_code == 302  # to the login page
    staff = User.objects.create_user("staff", password="pw", is_staff=True)
    client.force_login(staff)
    assert client.get(upload).status_code == 403


def test_a_removed_upload_is_a_404(admin_client):
    job = PlayCountJobFactory()
    job.upload.delete(save=False)
    upload = reverse("admin:plays_playcountjob_upload", args=[job.pk])
    assert admin_client.get(upload).status_code == 404
