"""Every page of every app in headless Chromium at 1366x900, as an analyst walks them.

On the delivered samples: the home page, the API docs, each app's admin
(changelists, change pages, charts, review queues) and the browsable API of
every endpoint with and without its filters. A page fails the walk when it
answers other than 200, when the browser asks anything of a host other than
the test server, when a table (or the page) is wider than the window, or when
the console shows an error. One browser for the whole walk; a screenshot of
each page goes to ``$CI_ARTIFACTS/walk/`` (CI keeps it), else a temp folder.
"""

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from dsrs.models import DSR
from dsrs.services import dsr_import
from playlists.models import PlaylistSnapshot, VideoMatch
from playlists.services import crawl_file_import, track_file_import, videos_match
from plays.models import PlayCountJob
from tests.browser import chromium_driver, requires_chromium
from tests.plays.factories import PlayCountJobFactory
from tests.works.factories import ReviewItemFactory
from works.models import ReviewItem, Work
from works.services import work_import

PASSWORD = "a browser walk password"
WIDTH, HEIGHT = 1366, 900
DATA = Path(__file__).resolve().parents[2] / "data"
# What may be fetched besides the test server: nothing leaves the machine.
LOCAL_SCHEMES = ("data:", "blob:", "about:", "chrome:", "chrome-extension:")
# Django's English dates ("Jan. 1, 2020", "5:41 a.m.", "01/31/2020"): every
# page writes dates one way (dsr_project/formats).
OTHER_DATES = re.compile(
    r"\d [ap]\.m\.|\b(?:Jan|Feb|Mar|Apr|Aug|Sept|Oct|Nov|Dec)\. \d"
    r"|\b\d{2}/\d{2}/\d{4}\b"
)

pytestmark = [requires_chromium, pytest.mark.django_db(transaction=True)]


@dataclass
class Walk:
    """What the walk saw: pages visited, and each page's problems."""

    pages: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@pytest.fixture
def artifacts() -> Path:
    folder = Path(os.environ.get("CI_ARTIFACTS") or tempfile.mkdtemp()) / "walk"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def samples(settings, tmp_path) -> None:
    """The delivered samples of the four apps, as ``make import`` loads them."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for path in sorted(DATA.glob("*.tsv.gz")):
        assert dsr_import(path=path).status == "ingested"
    work_import(path=DATA / "works" / "works_metadata.csv")
    track_file_import(path=DATA / "playlists" / "cm_track.csv")
    crawl_file_import(path=DATA / "playlists" / "youtube_playlist.json")
    videos_match()
    # The samples make no review item and no play-count job: one of each.
    ReviewItemFactory(work=Work.objects.order_by("pk").first())
    PlayCountJobFactory(status="failed", error="line 4, Date: 'yesterday'")
    PlayCountJobFactory(status="done", rows_in=7, rows_out=4)


def admin_pages() -> list[str]:
    """Each registered model's list, and the page of its first row."""
    pages = []
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        name = f"admin:{meta.app_label}_{meta.model_name}"
        pages.append(reverse(f"{name}_changelist"))
        first = model_admin.get_queryset(_AnyStaff()).order_by("pk").first()
        if first is not None:
            pages.append(reverse(f"{name}_change", args=[first.pk]))
    return pages


class _AnyStaff:
    """Enough of a request for a ModelAdmin's ``get_queryset``."""

    GET: dict = {}
    user = None


def other_pages() -> list[str]:
    # Ids from the rows: PostgreSQL's sequences go on from earlier tests.
    dsr_id = DSR.objects.order_by("pk").first().pk
    review_id = ReviewItem.objects.order_by("pk").first().pk
    snapshot = PlaylistSnapshot.objects.order_by("-views").first()
    match = VideoMatch.objects.filter(track__isnull=False).first()
    review = reverse("admin:works_reviewitem_changelist")
    iswc = Work.objects.exclude(iswc="").order_by("pk").first().iswc
    return [
        "/readme",
        "/api/docs/",
        "/api/redoc/",
        "/api/schema/",
        reverse("admin:index"),
        *(reverse("admin:app_list", args=[a]) for a in APPS),
        # dsrs: the analyst's pages and lists with filters.
        reverse("admin:dsrs_dsr_revenue"),
        reverse("admin:dsrs_dsr_revenue") + "?territory=ES",
        reverse("admin:dsrs_dsr_revenue") + "?territory=XX",
        reverse("admin:dsrs_dsr_revenue") + "?period_start=2020-01-01",
        reverse("admin:dsrs_dsr_usages", args=[dsr_id]),
        reverse("admin:dsrs_dsr_delete", args=[dsr_id]),
        reverse("admin:dsrs_dsr_changelist") + "?status=failed",
        reverse("admin:dsrs_resource_changelist") + f"?dsr={dsr_id}",
        reverse("admin:dsrs_resource_changelist") + "?q=GB",
        # works: the review queue, filtered, and a merge page.
        review + "?status__exact=open",
        review + "?kind=invalid_iswc",
        reverse("admin:works_reviewitem_merge", args=[review_id]),
        reverse("admin:works_work_changelist") + "?q=shape",
        reverse("admin:works_sourcerow_changelist") + "?outcome=created",
        # plays: jobs by status.
        reverse("admin:plays_playcountjob_changelist") + "?status__exact=failed",
        # playlists: the chart, the review queue, lists by name.
        reverse("playlist-chart", args=[snapshot.playlist_id]),
        reverse("admin:playlists_videoreview_changelist") + "?ambiguous__exact=1",
        reverse("admin:playlists_playlist_changelist") + "?q=top",
        reverse("admin:playlists_videomatch_changelist") + "?method__exact=exact",
        # The browsable API: every endpoint that answers a GET, with and
        # without its filters.
        "/dsrs/",
        f"/dsrs/{dsr_id}",
        "/resources/percentile/10",
        "/resources/percentile/10?territory=ES&period_start=2020-01-01",
        "/works/?title=je",
        "/works/?contributor=sheeran",
        f"/works/{iswc}",
        f"/plays/jobs/{PlayCountJob.objects.get(status='done').pk}",
        "/playlists/",
        "/playlists/?name=top&source=youtube&limit=5",
        f"/playlists/{snapshot.playlist_id}",
        f"/playlists/{match_playlist(match)}/history?video={match.video.source_id}",
        f"/recordings/{match.track.isrc}/playlists",
    ]


def match_playlist(match: VideoMatch) -> int:
    return (
        PlaylistSnapshot.objects.filter(entries__video=match.video)
        .values_list("playlist_id", flat=True)
        .first()
    )


APPS = ["dsrs", "works", "plays", "playlists"]

# The figures each page is judged on, read in the page.
MEASURE = """
const wide = [...document.querySelectorAll('table, .results')]
  .filter(e => e.scrollWidth > e.clientWidth + 1)
  .map(e => (e.id || e.className || e.tagName) + ' ' + e.scrollWidth);
if (document.documentElement.scrollWidth > window.innerWidth)
  wide.push('page ' + document.documentElement.scrollWidth);
return wide;
"""


# The browsable API's HTML form: ISWCs one per line, sent with its POST button.
ENRICH = """
const iswcs = document.querySelector('textarea[name=iswcs]');
iswcs.value = arguments[0];
iswcs.form.querySelector('button[type=submit], button').click();
"""


def slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")[:80] or "home"


def test_every_page_of_every_app(live_server, artifacts, samples):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    User.objects.create_superuser("analyst", password=PASSWORD)
    pages = ["/", *admin_pages(), *other_pages()]
    walk = Walk()
    with chromium_driver(
        width=WIDTH, height=HEIGHT, logs=("browser", "performance")
    ) as browser:
        browser.get(f"{live_server.url}/admin/login/")
        browser.find_element(By.ID, "id_username").send_keys("analyst")
        browser.find_element(By.ID, "id_password").send_keys(PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
        WebDriverWait(browser, 20).until(lambda d: "/login/" not in d.current_url)
        for log in ("browser", "performance"):
            browser.get_log(log)  # the login's, not the walk's

        for number, path in enumerate(pages, start=1):
            url = f"{live_server.url}{path}"
            browser.get(url)
            if path.startswith("/api/redoc/"):
                WebDriverWait(browser, 20).until(
                    lambda d: d.find_elements(By.CSS_SELECTOR, "[role=menuitem]")
                )
            if path.startswith("/api/docs/"):
                WebDriverWait(browser, 20).until(
                    lambda d: d.find_elements(By.CSS_SELECTOR, ".opblock")
                )
            browser.save_screenshot(str(artifacts / f"{number:02d}-{slug(path)}.png"))
            walk.pages.append(path)
            walk.problems += [
                f"{path}: {problem}"
                for problem in page_problems(browser, url, live_server.url)
            ]

        # POST /works/enrich answers only a POST: its page is the browsable
        # API's form (a 405 to the GET), sent as a person would send it.
        path = "/works/enrich"
        url = f"{live_server.url}{path}"
        browser.get(url)
        walk.problems += [
            f"GET {path}: {problem}"
            for problem in page_problems(browser, url, live_server.url, status=405)
        ]
        browser.execute_script(ENRICH, "T-004.695.170-5\nT0000000001")
        WebDriverWait(browser, 20).until(lambda d: "not_found" in d.page_source)
        browser.save_screenshot(
            str(artifacts / f"{len(pages) + 1:02d}-works-enrich.png")
        )
        walk.pages.append(f"POST {path}")
        walk.problems += [
            f"POST {path}: {problem}"
            for problem in page_problems(browser, url, live_server.url)
        ]

    (artifacts / "pages.txt").write_text("\n".join(walk.pages) + "\n")
    assert len(walk.pages) >= 60
    assert {a for a in APPS if any(f"/admin/{a}/" in p for p in walk.pages)} == set(
        APPS
    )
    assert not walk.problems, "\n".join(walk.problems)


def page_problems(browser, url: str, server: str, status: int = 200) -> list[str]:
    """What is wrong with the page at ``url``, expected to answer ``status``."""
    problems = []
    answered = None
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent":
            requested = params["request"]["url"]
            if not requested.startswith((server, *LOCAL_SCHEMES)):
                problems.append(f"asked another host: {requested}")
        if (
            message["method"] == "Network.responseReceived"
            # A browsable API form is sent by script (XHR), a link is a page.
            and params.get("type") in ("Document", "XHR")
            and params["response"]["url"] == url
        ):
            answered = params["response"]["status"]
    if answered != status:
        problems.append(f"status {answered}")
    # Chromium reports the expected status of the page itself as an error.
    expected = f"{url} - Failed to load resource: the server responded with a "
    expected += f"status of {status} "
    problems += [
        f"console: {entry['message']}"
        for entry in browser.get_log("browser")
        if entry["level"] == "SEVERE"
        and not (status != 200 and entry["message"].startswith(expected))
    ]
    problems += [
        f"wider than the window: {wide}" for wide in browser.execute_script(MEASURE)
    ]
    return problems


def test_the_walk_sees_what_it_must_refuse(live_server):
    """A console error, a request to another host and a wide table are each
    reported (a check that never fires would pass any page)."""
    with chromium_driver(
        width=WIDTH, height=HEIGHT, logs=("browser", "performance")
    ) as browser:
        url = f"{live_server.url}/readme"
        browser.get(url)
        browser.execute_script(
            "console.error('boom');"
            "new Image().src = 'https://example.org/pixel.png';"
            "const t = document.body.appendChild(document.createElement('table'));"
            "t.style.display = 'block'; t.style.width = '400px';"
            "t.style.overflow = 'auto';"
            "t.innerHTML = '<tr><td style=\"white-space: nowrap\">' +"
            " 'x'.repeat(900) + '</td></tr>';"
        )
        problems = page_problems(browser, url, live_server.url)
    assert any(
        "asked another host: https://example.org/pixel.png" in p for p in problems
    )
    assert any(p.startswith("console: ") and "boom" in p for p in problems)
    assert any(p.startswith("wider than the window: ") for p in problems)
