"""Every page a browser reaches renders: the browsable API, docs, home, 403.

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
from tests.playlists.factories import (
    PlaylistEntryFactory,
    PlaylistSnapshotFactory,
    VideoMatchFactory,
)
from tests.plays.factories import PlayCountJobFactory
from tests.works.factories import ReviewItemFactory, WorkFactory

pytestmark = pytest.mark.django_db

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
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
    VideoMatchFactory(recording=None, method="none")
    return PlaylistSnapshotFactory(name="Top Hits")


@pytest.fixture
def staff(client, db):
    """A staff user who may view every page of the four apps, changing nothing."""
    user = User.objects.create_user("staff", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=APPS, codename__startswith="view_"
        )
    )
    client.force_login(user)
    return client


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
    ("path", "status"),
    [
        ("/dsrs/", 200),
        ("/dsrs", 200),
        ("/dsrs/{dsr}", 200),
        ("/dsrs/999999", 404),
        ("/resources/percentile/10", 200),
        ("/resources/percentile/10?territory=ES", 200),
        ("/resources/percentile/10?territory=es&period_start=2020-01-01", 200),
        ("/resources/percentile/0", 400),
        ("/resources/percentile/10?territory=XX1", 400),
        ("/works/?title=je", 200),
        ("/works/?contributor=sheeran", 200),
        ("/works/?title=je&contributor=sheeran&page_size=10", 200),
        ("/works/", 400),
        ("/works/{iswc}", 200),
        ("/works/T0000000001", 404),
        ("/works/enrich", 405),
        ("/plays/jobs", 405),
        ("/plays/jobs/{job}", 425),
        ("/playlists/", 200),
        ("/playlists/?name=top&source=youtube&limit=5", 200),
        ("/playlists/{playlist}", 200),
        ("/playlists/{playlist}/history?video={video}", 200),
        ("/playlists/{playlist}/history", 400),
        ("/recordings/{isrc}/playlists", 200),
    ],
)
def test_every_api_endpoint_renders_as_html(client, browsable_api, path, status):
    """Each app's endpoints, with and without their filters: no 500, and the
    status the JSON answer has. (A job's result is a CSV download, no page.)"""
    dsr = DSRFactory()
    UsageFactory(dsr=dsr)
    work = WorkFactory(title="Je t'aime", iswc="T9204649558")
    job = PlayCountJobFactory()
    match = VideoMatchFactory()
    snapshot = PlaylistSnapshotFactory()
    PlaylistEntryFactory(snapshot=snapshot, video=match.video)
    url = path.format(
        dsr=dsr.pk,
        iswc=work.iswc,
        job=job.pk,
        playlist=snapshot.playlist_id,
        video=match.video.source_id,
        isrc=match.recording.isrc,
    )
    response = client.get(url, HTTP_ACCEPT="text/html")
    assert response.status_code == status
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert b"Django REST framework" in response.content


def test_the_enrich_form_asks_for_iswcs(client, browsable_api):
    page = client.get("/works/enrich", HTTP_ACCEPT="text/html").content.decode()
    assert "&quot;iswcs&quot;: []" in page  # the raw JSON body
    assert '<textarea name="iswcs"' in page  # the HTML form: one per line
    assert 'name="title"' not in page


def test_the_enrich_form_takes_one_iswc_per_line(client, browsable_api):
    WorkFactory(iswc="T9204649558", title="Shape of You")
    response = client.post(
        "/works/enrich",
        {"iswcs": "T-920.464.955-8\r\n\r\nT0000000001\n"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert [w["iswc"] for w in body["works"]] == ["T9204649558"]
    assert body["invalid"] == ["T0000000001"]


def test_the_percentile_page_has_its_filters_and_a_name(client, browsable_api):
    page = client.get("/resources/percentile/10", HTTP_ACCEPT="text/html")
    text = page.content.decode()
    assert 'name="territory"' in text and 'name="period_start"' in text
    assert "Resources in the top percentile by EUR revenue" in text
    assert "Resource Percentile Instance" not in text


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
    script = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert b"Redoc" in script
    assert b"cdn.redoc.ly" not in script


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
