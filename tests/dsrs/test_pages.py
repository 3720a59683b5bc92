"""Every page a browser reaches renders: the browsable API, docs, landing, 403."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from tests.dsrs.factories import DSRFactory, UsageFactory

pytestmark = pytest.mark.django_db

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture
def browsable_api(settings):
    """The renderers of DJANGO_DEBUG=1, whatever the test run's setting."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_RENDERER_CLASSES": [
            "rest_framework.renderers.JSONRenderer",
            "rest_framework.renderers.BrowsableAPIRenderer",
        ],
    }


@pytest.mark.parametrize(
    "path",
    [
        "/dsrs/",
        "/dsrs",
        "/dsrs/{dsr}",
        "/dsrs/999999",
        "/resources/percentile/10",
        "/resources/percentile/10?territory=ES",
        "/resources/percentile/10?territory=es&period_start=2020-01-01",
        "/resources/percentile/0",
        "/resources/percentile/10?territory=XX1",
    ],
)
def test_every_api_endpoint_renders_as_html(client, browsable_api, path):
    dsr = DSRFactory()
    UsageFactory(dsr=dsr)
    response = client.get(path.format(dsr=dsr.pk), HTTP_ACCEPT="text/html")
    assert response.status_code in {200, 400, 404}
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert b"Django REST framework" in response.content


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
        ("/api/redoc/", "/static/drf_spectacular_sidecar/redoc/"),
    ],
)
def test_docs_load_nothing_from_elsewhere(client, path, asset):
    content = client.get(path).content.decode()
    assert asset in content
    assert "cdn" not in content.lower() and "https://" not in content


def test_the_landing_page_links_docs_admin_and_figures(client, imported_samples):
    content = client.get("/").content.decode()
    for target in ("/api/docs/", "/api/redoc/", "/api/schema/", "/admin/", "/readme"):
        assert f'href="{target}' in content
    assert "4,000" in content  # usage lines of the four samples


def test_the_readme_is_served_as_text(client):
    response = client.get("/readme")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.startswith(b"# Royalty data platform")


def test_403_uses_the_admin_template(client):
    user = User.objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_dsr"))
    client.force_login(user)
    dsr = DSRFactory()
    response = client.get(reverse("admin:dsrs_dsr_delete", args=[dsr.pk]))
    assert response.status_code == 403
    assert response.templates[0].name == "dsrs/403.html"
    content = response.content.decode()
    assert 'id="site-name"' in content and "delete DSR" in content
