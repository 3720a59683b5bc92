"""The job API with eager tasks: upload, follow, fetch; bad input and duplicates."""

import tempfile
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from common.ingest.upload_hashing import UPLOAD_TOO_LARGE
from plays.engine.errors import NOT_WHOLE
from plays.models import PlayCountJob
from plays.services import creating
from plays.services.creating import DUPLICATE
from tests.plays.factories import PlayCountJobFactory, upload_of
from tests.plays.services.test_running import SAMPLE_TOTALS

pytestmark = pytest.mark.django_db

Status = PlayCountJob.Status
JOBS = "/plays/jobs"


def post(api, name: str):
    return api.post(JOBS, {"file": upload_of(name)}, format="multipart")


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run the jobs queued by a request once it returned, as a worker would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_upload_follow_and_fetch(api, media, run_on_commit):
    with run_on_commit():
        response = post(api, "initial_test.csv")
        assert response.status_code == 202
        job_id = response.json()["id"]
        assert response.json() == {
            "id": job_id,
            "status": "queued",
            "url": f"http://testserver/plays/jobs/{job_id}",
        }
        early = api.get(f"{JOBS}/{job_id}")
        assert early.status_code == 425
        assert early.json() == {"status": "queued", "rows_done": 0}
    done = api.get(f"{JOBS}/{job_id}")
    assert done.status_code == 200
    assert done.json() == {
        "status": "done",
        "rows_in": 7,
        "rows_out": 4,
        "result": f"http://testserver/plays/jobs/{job_id}/result",
    }
    result = api.get(done.json()["result"])
    assert result.status_code == 200
    assert result["Content-Type"] == "text/csv; charset=utf-8"
    assert result["Content-Disposition"] == (
        'attachment; filename="initial_test-daily-totals.csv"'
    )
    assert b"".join(result.streaming_content).decode() == SAMPLE_TOTALS


def test_invalid_file_is_406_with_the_error(api, media, run_on_commit):
    with run_on_commit():
        job_id = post(api, "initial_test_with_invalid_value.csv").json()["id"]
    response = api.get(f"{JOBS}/{job_id}/")
    assert response.status_code == 406
    assert response.json() == {
        "status": "failed",
        "error": NOT_WHOLE.format(line=4, value="patata"),
    }
    assert api.get(f"{JOBS}/{job_id}/result").status_code == 406


def test_running_job_reports_rows_done(api, submitter):
    job = PlayCountJobFactory(owner=submitter, status=Status.RUNNING, rows_done=1234)
    response = api.get(f"{JOBS}/{job.pk}")
    assert response.status_code == 425
    assert response.json() == {"status": "running", "rows_done": 1234}
    result = api.get(f"{JOBS}/{job.pk}/result", HTTP_ACCEPT="text/csv")
    assert result.status_code == 425
    assert result.json() == {"status": "running", "rows_done": 1234}


def test_result_can_be_asked_for_as_csv(api, media, run_on_commit):
    with run_on_commit():
        job_id = post(api, "initial_test.csv").json()["id"]
    response = api.get(f"{JOBS}/{job_id}/result", HTTP_ACCEPT="text/csv")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == SAMPLE_TOTALS


@pytest.mark.parametrize("key", ["999999", "abc", "1.5", "99999999999999999999999"])
@pytest.mark.parametrize("suffix", ["", "/result"])
def test_unknown_or_malformed_id_is_404(api, key, suffix):
    response = api.get(f"{JOBS}/{key}{suffix}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_duplicate_upload_is_409_with_the_earlier_id(api, media):
    first = post(api, "initial_test.csv").json()["id"]
    response = post(api, "initial_test.csv")
    assert response.status_code == 409
    assert response.json() == {"detail": DUPLICATE.format(job_id=first), "id": first}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({}, "No file was submitted."),
        ({"file": upload_of("empty.csv")}, "The submitted file is empty."),
    ],
)
def test_no_file_or_an_empty_one_is_400(api, media, data, expected):
    response = api.post(JOBS, data, format="multipart")
    assert response.status_code == 400
    assert response.json() == {"file": [expected]}
    assert not PlayCountJob.objects.exists()


@pytest.mark.parametrize("size", [150, 100_000])
def test_an_upload_past_the_limit_is_413_and_stores_nothing(
    api, media, settings, size, tmp_path, monkeypatch
):
    # 150 bytes is refused while it arrives, 100 kB from its Content-Length.
    settings.PLAYS_MAX_UPLOAD_BYTES = 100
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    body = b"Song,Date,Number of Plays\n" + b"Umbrella,2020-01-01,1\n" * size
    upload = SimpleUploadedFile("big.csv", body[:size], "text/csv")
    response = api.post(JOBS, {"file": upload}, format="multipart")
    assert response.status_code == 413
    assert response.json() == {"detail": UPLOAD_TOO_LARGE.format(limit=100)}
    assert not PlayCountJob.objects.exists()
    assert not media.exists() or not any(media.rglob("*.csv"))
    assert not list(tmp_path.glob("*.upload*"))


def test_an_upload_within_the_limit_is_accepted(api, media, settings):
    settings.PLAYS_MAX_UPLOAD_BYTES = len(upload_of("initial_test.csv").read())
    assert post(api, "initial_test.csv").status_code == 202


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_jobs_cannot_be_changed(api, submitter, method):
    job = PlayCountJobFactory(owner=submitter)
    assert getattr(api, method)(f"{JOBS}/{job.pk}").status_code == 405


@pytest.mark.postgresql  # threads need their own connections to one database
@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicate_uploads_make_one_job(media, submitter, monkeypatch):
    """Both requests pass the lookup before either inserts; the database decides."""
    both_looked = threading.Barrier(2, timeout=10)
    lookup = creating.play_count_job_get
    looked = set()

    def lookup_together(*, sha256: str, owner):
        found = lookup(sha256=sha256, owner=owner)
        if threading.get_ident() not in looked:  # the first lookup, not the last
            looked.add(threading.get_ident())
            both_looked.wait()
        return found

    monkeypatch.setattr(creating, "play_count_job_get", lookup_together)
    responses = []

    def upload():
        try:
            client = APIClient()
            client.force_authenticate(submitter)
            responses.append(post(client, "initial_test.csv"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=upload) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status_code for r in responses) == [202, 409]
    accepted = next(r for r in responses if r.status_code == 202).json()["id"]
    conflict = next(r for r in responses if r.status_code == 409).json()
    assert conflict["id"] == accepted
    assert PlayCountJob.objects.get().status == Status.DONE
    uploads = list((media / "plays" / "uploads").rglob("*"))
    assert [p for p in uploads if p.is_file()] == [
        media / PlayCountJob.objects.get().upload.name
    ]


def test_schema_documents_the_three_paths():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = schema["paths"]
    assert set(paths[JOBS]["post"]["responses"]) == {
        "202",
        "400",
        "401",
        "403",
        "408",
        "409",
        "413",
        "429",
    }
    assert set(paths[JOBS + "/{id}"]["get"]["responses"]) == {
        "200",
        "404",
        "406",
        "425",
    }
    result = paths[JOBS + "/{id}/result"]["get"]["responses"]
    assert set(result) == {"200", "404", "406", "425"}
    assert set(result["200"]["content"]) == {"text/csv"}
    request = paths[JOBS]["post"]["requestBody"]["content"]
    assert request["multipart/form-data"]["schema"]["$ref"].endswith(
        "PlayCountJobUpload"
    )
