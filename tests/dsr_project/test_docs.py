"""The API docs: the schema for browsers and for programs, docs served offline."""

import pytest

pytestmark = pytest.mark.django_db


BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_the_schema_is_a_page_in_a_browser(client):
    response = client.get("/api/schema/", HTTP_ACCEPT=BROWSER_ACCEPT)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert b"/resources/percentile/{number}:" in response.content


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("*/*", "application/vnd.oai.openapi"),
        ("application/json", "application/json"),
        ("application/vnd.oai.openapi+json", "application/vnd.oai.openapi+json"),
    ],
)
def test_the_schema_for_programs_is_unchanged(client, accept, media_type):
    response = client.get("/api/schema/", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == media_type


@pytest.mark.parametrize(
    ("path", "asset"),
    [
        ("/api/docs/", "/static/drf_spectacular_sidecar/swagger-ui-dist/"),
        ("/api/redoc/", "/api/redoc/redoc.standalone.js"),
    ],
)
def test_docs_load_nothing_from_elsewhere(client, path, asset):
    content = client.get(path).content.decode()
    assert asset in content
    assert "cdn" not in content.lower() and "https://" not in content


def test_redoc_script_draws_no_logo_from_a_cdn(client):
    response = client.get("/api/redoc/redoc.standalone.js")
    assert response.status_code == 200
    assert b"Redoc" in response.content
    assert b"cdn.redoc.ly" not in response.content
