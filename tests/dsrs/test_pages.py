"""The site's own pages: the landing page, the README as text, the 403 page."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from tests.dsrs.factories import DSRFactory

pytestmark = pytest.mark.django_db


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
