"""The revenue API on the samples: shapes, filters, 404s, links that change it."""

from decimal import Decimal

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from dsrs.api import UNKNOWN_TERRITORY
from recordings.models import LinkReview, Recording, RecordingWork
from recordings.services import (
    LinkError,
    recording_work_link,
    recording_work_link_many,
    recording_work_unlink,
)
from recordings.services.links import INVALID_ISWC
from tests.recordings.conftest import SAMPLE_ISRCS, SAMPLE_ISWC

pytestmark = pytest.mark.django_db
ISRC_A, ISRC_B = SAMPLE_ISRCS


def get(path: str, **params):
    return APIClient().get(path, params)


def test_works_csv_isrcs_column_makes_links(works_linked):
    links = RecordingWork.objects.values_list("recording__isrc", "iswc", "source")
    assert sorted(links) == [
        (ISRC_A, SAMPLE_ISWC, "works:works_recordings"),
        (ISRC_B, SAMPLE_ISWC, "works:works_recordings"),
    ]


def test_work_revenue_filters_as_the_percentile(dsrs_imported, works_linked):
    whole = get(f"/works/{SAMPLE_ISWC}/revenue").json()
    spain = get("/works/T-926.000.001-9/revenue/", territory="es").json()
    assert [c["territory"] for c in spain["by_territory_month"]] == ["ES"]
    assert spain["revenue_eur"] == "711213148851241.000000"
    january = get(
        f"/works/{SAMPLE_ISWC}/revenue",
        period_start="2020-01-01",
        period_end="2020-01-31T00:00:00Z",
    ).json()
    assert {c["territory"] for c in january["by_territory_month"]} == {"ES", "NO"}
    assert whole["usages"] == 4 * (877956 + 67870)


def test_bad_filters_are_400s_naming_the_parameter(db):
    response = get(f"/works/{SAMPLE_ISWC}/revenue", territory="XX")
    assert response.status_code == 400
    assert response.json() == {"territory": [UNKNOWN_TERRITORY.format(value="XX")]}
    assert get("/revenue/unmatched", period_start="soon").status_code == 400
    twice = APIClient().get("/revenue/unmatched?territory=ES&territory=FR")
    assert twice.status_code == 400


def test_unknown_work_and_recording_are_openapi_404s(db):
    for path in ("/works/T9260000019/revenue", "/works/nope/revenue", "/recordings/X"):
        response = get(path)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


def test_recording_answers_any_spelling(dsrs_imported, works_linked):
    body = get("/recordings/us-vdu-02-15539").json()
    assert body["isrc"] == ISRC_B
    assert body["usages"] == 4 * 877956
    assert [w["iswc"] for w in body["works"]] == [SAMPLE_ISWC]
    assert body["works"][0]["counted"] is True
    assert len(body["by_territory_month"]) == 4
    assert sorted(d["territory"] for d in body["dsrs"]) == ["CH", "ES", "GB", "NO"]
    assert body["playlists"] == []
    assert (body["title"], body["title_source"]) == ("firm far where", "dsr:Spotify")
    assert body["artists"] == "Jessica Malone"


def test_unmatched_is_largest_first_with_shares_and_bad_isrcs(dsrs_imported):
    body = get("/revenue/unmatched", limit=5000).json()
    rows = body["results"]
    revenues = [float(r["revenue_eur"]) for r in rows]
    assert revenues == sorted(revenues, reverse=True)
    assert body.keys() == {"next", "previous", "results"}  # no count: a scan
    by_resource = [r for r in rows if r["isrc"] is None]
    assert by_resource and all(r["dsp_id"] for r in by_resource)
    assert ISRC_A in {r["isrc"] for r in rows}
    shares = sum(float(r["share"]) for r in rows)
    assert shares == pytest.approx(1, abs=1e-3)


def test_a_link_takes_the_recording_out_of_unmatched(dsrs_imported, works_linked):
    rows = get("/revenue/unmatched", limit=5000).json()["results"]
    assert not {ISRC_A, ISRC_B} & {r["isrc"] for r in rows}


def test_medley_splits_equally_and_parts_add_up(dsrs_imported, works_linked):
    before = get(f"/works/{SAMPLE_ISWC}/revenue").json()
    recording_work_link(
        isrc=ISRC_A, iswc="T9204649558", source="works:works_recordings"
    )
    mine = get(f"/works/{SAMPLE_ISWC}/revenue").json()
    other = get("/works/T9204649558/revenue").json()
    a_before = next(r for r in before["recordings"] if r["isrc"] == ISRC_A)
    a_mine = next(r for r in mine["recordings"] if r["isrc"] == ISRC_A)
    (a_other,) = other["recordings"]
    total = Decimal(a_mine["revenue_eur"]) + Decimal(a_other["revenue_eur"])
    assert abs(total - Decimal(a_before["revenue_eur"])) <= Decimal("0.000001")
    assert a_mine["usages"] == a_other["usages"] == a_before["usages"]


def test_sources_that_disagree_open_a_review_and_leave_it_unmatched(
    dsrs_imported, works_linked
):
    recording_work_link(isrc=ISRC_A, iswc="T9204649558", source="cwr:acme")
    review = LinkReview.objects.get(recording__isrc=ISRC_A)
    assert review.status == LinkReview.Status.OPEN
    assert review.claims == {
        "cwr:acme": ["T9204649558"],
        "works:works_recordings": [SAMPLE_ISWC],
    }
    rows = get("/revenue/unmatched", limit=5000).json()["results"]
    (row,) = [r for r in rows if r["isrc"] == ISRC_A]
    assert row["in_review"] is True
    body = get(f"/works/{SAMPLE_ISWC}/revenue").json()
    assert [r["isrc"] for r in body["recordings"]] == [ISRC_B]

    user = get_user_model().objects.create_superuser("staff", "s@x.org", "pw")
    link = recording_work_link(
        isrc=ISRC_A, iswc=SAMPLE_ISWC, source="admin", user_id=user.pk
    )
    review.refresh_from_db()
    assert review.status == LinkReview.Status.RESOLVED
    assert LogEntry.objects.filter(object_id=str(link.pk)).count() == 1
    recording_work_unlink(link_id=link.pk, user_id=user.pk)
    assert LogEntry.objects.filter(object_id=str(link.pk)).count() == 2
    review.refresh_from_db()
    assert review.status == LinkReview.Status.OPEN


def test_invalid_identifiers_make_no_link(db):
    with pytest.raises(LinkError, match="is not a valid ISRC"):
        recording_work_link(isrc="nope", iswc=SAMPLE_ISWC, source="admin")
    with pytest.raises(LinkError) as error:
        recording_work_link(isrc=ISRC_A, iswc="T1", source="admin")
    assert str(error.value) == INVALID_ISWC.format(value="T1")
    assert not Recording.objects.filter(isrc=ISRC_A, work_links__isnull=False).exists()


def test_a_file_linking_a_recording_another_source_disagrees_with(works_linked):
    recording_work_link_many(links=[(ISRC_A, "T9204649558")], source="works:other")
    assert LinkReview.objects.get(recording__isrc=ISRC_A).status == "open"
    assert not LinkReview.objects.filter(recording__isrc=ISRC_B).exists()
