"""The site's own pages: the home page, the README as text, the 403 page.

The home page is the platform's entry point: it links every app, and every
page it links answers a staff user.
"""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from dsrs.services import dsr_import
from tests.dsrs.factories import DSRFactory, UsageFactory
from tests.playlists.factories import PlaylistSnapshotFactory, VideoMatchFactory
from tests.plays.factories import PlayCountJobFactory
from tests.works.factories import ReviewItemFactory, WorkFactory

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[2] / "data"
APPS = ["dsrs", "works", "plays", "playlists"]


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])


def links(content: bytes) -> list[str]:
    parser = LinkParser()
    parser.feed(content.decode())
    return parser.hrefs


def answer(client, page: str) -> int:
    """The status of a page read to its end, as a server sends it: a streamed
    answer left unread would hold the test's connection (PostgreSQL COPY)."""
    response = client.get(page)
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


@pytest.fixture
def imported_samples(db):
    """The four DSRs delivered with the specification, imported."""
    for path in sorted(SAMPLES.glob("*.tsv.gz")):
        dsr_import(path=path)


@pytest.fixture
def every_app(db, settings, tmp_path):
    """A row or two in each app, so that counts, charts and queues show."""
    settings.MEDIA_ROOT = tmp_path / "media"
    UsageFactory(dsr=DSRFactory())
    DSRFactory(status="failed")
    ReviewItemFactory(work=WorkFactory(title="Shape of You"))
    PlayCountJobFactory(status="failed")
    VideoMatchFactory(track=None, method="none")
    return PlaylistSnapshotFactory(name="Top Hits")


@pytest.fixture
def staff(client, db):
    """A staff user who may view every page of the four apps (and of the
    recordings catalogue the playlists section links to), changing nothing."""
    user = User.objects.create_user("staff", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=[*APPS, "recordings"],
            codename__startswith="view_",
        )
    )
    client.force_login(user)
    return client


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
    assert response.templates[0].name == "dsr_project/403.html"
    content = response.content.decode()
    assert 'id="site-name"' in content and "delete DSR" in content


def test_the_home_page_links_every_app(client, every_app):
    response = client.get("/")
    assert response.status_code == 200
    content, hrefs = response.content.decode(), links(response.content)
    for app in APPS:
        assert f'<section id="{app}">' in content and f"#{app}" in hrefs
        assert reverse("admin:app_list", args=[app]) in hrefs
        assert f"/api/redoc/#tag/{app}" in hrefs
    chart = reverse("playlist-chart", args=[every_app.playlist_id])
    assert chart in hrefs
    assert reverse("admin:dsrs_dsr_revenue") in hrefs
    assert reverse("admin:playlists_videoreview_changelist") in hrefs


@pytest.mark.parametrize(
    ("section", "figure"),
    [
        ("dsrs", "DSRs failed"),
        ("works", "open review items"),
        ("plays", "failed jobs"),
        ("playlists", "videos to review"),
    ],
)
def test_the_home_page_counts_each_app(client, every_app, section, figure):
    content = client.get("/").content.decode()
    part = content[content.index(f'<section id="{section}">') :]
    assert f'<th>{figure}</th><td class="number">1</td>' in part


def test_the_home_page_of_an_empty_platform(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "none until a crawl is imported" in response.content.decode()


def test_every_page_the_home_page_links_answers_a_staff_user(staff, every_app):
    hrefs = [href for href in links(staff.get("/").content) if href[0] != "#"]
    assert all(href.startswith("/") for href in hrefs), "no link leaves the site"
    pages = sorted({href.split("#")[0] for href in hrefs})
    assert len(pages) > 30
    answers = {page: answer(staff, page) for page in pages}
    assert {page: code for page, code in answers.items() if code != 200} == {}


def test_the_admin_index_links_each_app_and_the_home_page(staff):
    hrefs = links(staff.get(reverse("admin:index")).content)
    for app in APPS:
        assert reverse("admin:app_list", args=[app]) in hrefs
    assert "/" in hrefs  # "View site"
