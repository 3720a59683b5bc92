"""Every app's endpoints in DRF's browsable API (``DJANGO_DEBUG=1``), with and
without their filters: each renders, with the status its JSON answer has, and
the forms ask for what the endpoint takes."""

import pytest

from tests.dsrs.factories import DSRFactory, UsageFactory
from tests.playlists.factories import (
    PlaylistEntryFactory,
    PlaylistSnapshotFactory,
    VideoMatchFactory,
)
from tests.plays.factories import PlayCountJobFactory
from tests.works.factories import WorkFactory

pytestmark = pytest.mark.django_db


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
        isrc=match.track.isrc,
    )
    client.force_login(job.owner)  # a job is its owner's (and staff's) to see
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
