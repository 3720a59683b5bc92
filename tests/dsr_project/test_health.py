"""/health answers container probes whatever the Host header and the scheme."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_host_only(settings):
    settings.ALLOWED_HOSTS = ["dsr.example.com"]
    settings.SECURE_SSL_REDIRECT = True


def test_health_answers_a_probe_on_127_0_0_1(client, public_host_only):
    response = client.get("/health", HTTP_HOST="127.0.0.1:8000")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_other_paths_still_check_the_host(client, public_host_only):
    response = client.get("/dsrs/", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 400


def test_other_paths_still_redirect_to_https(client, public_host_only):
    response = client.get("/dsrs/", HTTP_HOST="dsr.example.com")
    assert response.status_code == 301
    assert response["Location"] == "https://dsr.example.com/dsrs/"


def test_health(client):
    response = client.get("/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_health_reports_a_database_failure(client, monkeypatch):

    def broken_cursor(*args, **kwargs):
        raise ConnectionError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/health")
    assert (response.status_code, response.json()) == (503, {"status": "unavailable"})


def test_health_with_a_slash(client):
    response = client.get("/health/")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
