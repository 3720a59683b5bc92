"""Who may upload and who sees a job: tokens, the model permission, owners, limits."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from plays.models import PlayCountJob
from plays.services.creating import OVER_ACTIVE_JOBS
from plays.views import PlayLogParser
from tests.accounts.factories import StaffFactory, SubmitterFactory, UserFactory
from tests.plays.factories import PlayCountJobFactory, upload_of

pytestmark = pytest.mark.django_db

Status = PlayCountJob.Status
JOBS = "/plays/jobs"


def post(client: APIClient, name: str = "initial_test.csv"):
    return client.post(JOBS, {"file": upload_of(name)}, format="multipart")


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user)}")
    return client


def stored_files(media) -> list:
    return [path for path in media.rglob("*") if path.is_file()]


def test_an_anonymous_upload_is_401_and_stores_nothing(media):
    response = post(APIClient())
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert not PlayCountJob.objects.exists()
    assert not stored_files(media)


def test_a_bad_token_is_401():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert post(client).status_code == 401


def test_a_user_without_the_permission_is_403(media):
    response = post(token_client(UserFactory()))
    assert response.status_code == 403
    assert not PlayCountJob.objects.exists()


def test_a_submitters_token_uploads(media):
    submitter = SubmitterFactory()
    response = post(token_client(submitter))
    assert response.status_code == 202
    assert PlayCountJob.objects.get().owner == submitter


@pytest.mark.parametrize("suffix", ["", "/result"])
@pytest.mark.parametrize("status", [Status.DONE, Status.FAILED, Status.RUNNING])
def test_another_users_job_is_404(suffix, status):
    """Its status, its error and its result: ids cannot be probed."""
    job = PlayCountJobFactory(status=status, error="line 4, Date: 'x'")
    for client in (token_client(SubmitterFactory()), APIClient()):
        response = client.get(f"{JOBS}/{job.pk}{suffix}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("suffix", ["", "/result"])
def test_the_owner_and_staff_see_a_job(suffix):
    job = PlayCountJobFactory(status=Status.FAILED, error="line 4, Date: 'x'")
    for user in (job.owner, StaffFactory()):
        response = token_client(user).get(f"{JOBS}/{job.pk}{suffix}")
        assert response.status_code == 406
        assert response.json()["error"] == "line 4, Date: 'x'"


def test_a_duplicate_of_another_users_file_is_a_new_job(media):
    first = post(token_client(SubmitterFactory()))
    second = post(token_client(SubmitterFactory()))
    assert (first.status_code, second.status_code) == (202, 202)
    assert first.json()["id"] != second.json()["id"]


def test_past_the_active_job_limit_is_429_and_stores_nothing(media, settings):
    settings.PLAYS_USER_MAX_ACTIVE_JOBS = 1
    submitter = SubmitterFactory()
    PlayCountJobFactory(owner=submitter, status=Status.RUNNING)
    before = stored_files(media)
    response = post(token_client(submitter))
    assert response.status_code == 429
    assert response.json() == {
        "detail": OVER_ACTIVE_JOBS.format(count=1, limit=1),
        "limit": "PLAYS_USER_MAX_ACTIVE_JOBS",
    }
    assert PlayCountJob.objects.count() == 1
    assert stored_files(media) == before


def test_past_the_quota_is_429_and_stores_nothing(media, settings):
    settings.PLAYS_USER_QUOTA_BYTES = 10
    response = post(token_client(SubmitterFactory()))
    assert response.status_code == 429
    assert response.json()["limit"] == "PLAYS_USER_QUOTA_BYTES"
    assert "PLAYS_USER_QUOTA_BYTES" in response.json()["detail"]
    assert not PlayCountJob.objects.exists()
    assert not stored_files(media)


def test_a_failed_files_upload_is_deleted_and_its_error_kept(
    media, django_capture_on_commit_callbacks
):
    client = token_client(SubmitterFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "initial_test_with_invalid_value.csv")
    job_id = response.json()["id"]
    job = PlayCountJob.objects.get(pk=job_id)
    assert (job.status, job.upload.name) == (Status.FAILED, "")
    assert "patata" in client.get(f"{JOBS}/{job_id}").json()["error"]
    assert not any((media / "plays" / "uploads").rglob("*.csv"))


@pytest.mark.parametrize("name", ["plays.csv.gz", "é" * 200, "a." + "ü" * 126])
def test_no_error_shows_a_server_path(
    media, name, tmp_path, django_capture_on_commit_callbacks
):
    """A plain CSV named .csv.gz, or a name too long for the disk."""
    client = token_client(SubmitterFactory())
    body = b"Song,Date,Number of Plays\nUmbrella,2020-01-01,x\n"
    upload = upload_of("initial_test.csv")
    upload.name, upload.file = name, type(upload.file)(body)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(JOBS, {"file": upload}, format="multipart")
    assert response.status_code == 202, response.content
    error = client.get(f"{JOBS}/{response.json()['id']}").json()["error"]
    assert error == "line 2, Number of Plays: 'x' is not a whole number"
    assert str(tmp_path) not in error
    assert PlayCountJob.objects.get().file_name == name


def test_a_user_past_a_limit_is_refused_before_the_body_is_read(
    media, settings, monkeypatch
):
    settings.PLAYS_USER_MAX_ACTIVE_JOBS = 1
    submitter = SubmitterFactory()
    PlayCountJobFactory(owner=submitter, status=Status.QUEUED)

    def parse(*args, **kwargs):
        raise AssertionError("the body was read")

    monkeypatch.setattr(PlayLogParser, "parse", parse)
    response = post(token_client(submitter))
    assert response.status_code == 429
    assert response.json()["limit"] == "PLAYS_USER_MAX_ACTIVE_JOBS"


def test_a_declared_size_past_the_quota_is_refused_at_once(media, settings):
    settings.PLAYS_USER_QUOTA_BYTES = 1000
    client = token_client(SubmitterFactory())
    body = b"Song,Date,Number of Plays\n" + b"x,2020-01-01,1\n" * 10_000
    upload = SimpleUploadedFile("big.csv", body, "text/csv")
    response = client.post(JOBS, {"file": upload}, format="multipart")
    assert response.status_code == 429
    assert response.json()["limit"] == "PLAYS_USER_QUOTA_BYTES"
    assert not PlayCountJob.objects.exists()
