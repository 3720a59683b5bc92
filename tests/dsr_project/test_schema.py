"""One schema for the four apps, its paths spelled by one hook."""

import pytest

from dsr_project.schema import path_spelled

# Every path of the four apps' APIs, as the schema has spelled them so far.
PATHS = [
    "/dsrs/",
    "/dsrs/{id}",
    "/playlists/",
    "/playlists/{id}",
    "/playlists/{id}/history/",
    "/plays/jobs",
    "/plays/jobs/{id}",
    "/plays/jobs/{id}/result",
    "/recordings/{isrc}",
    "/recordings/{isrc}/playlists",
    "/resources/percentile/{number}",
    "/revenue/unmatched/",
    "/works/",
    "/works/{iswc}",
    "/works/{iswc}/revenue/",
    "/works/enrich/",
]


@pytest.fixture(scope="module")
def served(django_db_blocker) -> dict:
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        return APIClient().get("/api/schema/", {"format": "json"}).json()


def test_one_schema_titled_for_the_platform(served):
    assert served["info"]["title"] == "Royalty data platform API"
    tags = {
        tag
        for path in served["paths"].values()
        for op in path.values()
        for tag in op.get("tags", [])
    }
    assert tags == {
        "dsrs",
        "resources",
        "works",
        "plays",
        "playlists",
        "recordings",
    }


def test_every_app_path_is_spelled_as_documented(served):
    assert sorted(served["paths"]) == sorted(PATHS)


@pytest.mark.parametrize(
    ("generated", "spelled"),
    [
        ("/dsrs/", "/dsrs/"),
        ("/dsrs/{id}/", "/dsrs/{id}"),
        ("/works/{iswc}/", "/works/{iswc}"),
        ("/works/enrich/", "/works/enrich/"),
        ("/playlists/{id}/history/", "/playlists/{id}/history/"),
        ("/plays/jobs/", "/plays/jobs"),
        ("/plays/jobs/{id}/result/", "/plays/jobs/{id}/result"),
    ],
)
def test_the_hook_spells_item_paths_and_play_paths_without_slash(generated, spelled):
    assert path_spelled(generated) == spelled
