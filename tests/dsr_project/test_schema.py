"""One schema for the four apps, its paths spelled by one hook; the DSR paths
agree with openapi.md."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from dsr_project.schema import path_spelled
from tests.dsrs.openapi import spec

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


# The DSR API's paths as openapi.md, the contract, specifies them.
SPECIFIED_PATHS = list(spec()["paths"])
# Answers the API gives that openapi.md does not list; the served schema does.
UNSPECIFIED_RESPONSES = {"/resources/percentile/{number}": {"400"}}


@pytest.fixture(scope="module")
def generated_schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def shape(schema: dict, document: dict) -> dict:
    """Type, format, properties and items of a schema, references resolved."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return shape(document["components"]["schemas"][name], document)
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return shape(schema["allOf"][0], document)
    result = {"type": schema.get("type", "string" if "enum" in schema else None)}
    if "format" in schema:
        result["format"] = schema["format"]
    if "properties" in schema:
        result["properties"] = {
            name: shape(value, document) for name, value in schema["properties"].items()
        }
    if "items" in schema:
        result["items"] = shape(schema["items"], document)
    if "enum" in schema:
        result["enum"] = sorted(schema["enum"])
    return result


def parameters(operation: dict) -> dict[tuple[str, str], dict]:
    return {
        (p["in"], p["name"]): {
            "required": p.get("required", False),
            **{
                k: v
                for k, v in p["schema"].items()
                if k in ("type", "format", "minimum", "maximum")
            },
        }
        for p in operation.get("parameters", [])
    }


def test_paths_are_the_specified_ones(generated_schema):
    assert set(SPECIFIED_PATHS) <= set(generated_schema["paths"])


@pytest.mark.parametrize("path", SPECIFIED_PATHS)
def test_parameters_agree(generated_schema, path):
    expected = spec()["paths"][path]["get"]
    found = generated_schema["paths"][path]["get"]
    assert parameters(found) == parameters(expected)


@pytest.mark.parametrize("path", SPECIFIED_PATHS)
def test_responses_agree(generated_schema, path):
    expected = spec()["paths"][path]["get"]["responses"]
    found = generated_schema["paths"][path]["get"]["responses"]
    assert {str(code) for code in expected} | UNSPECIFIED_RESPONSES.get(
        path, set()
    ) == set(found)
    for code, response in expected.items():
        expected_shape = shape(
            response["content"]["application/json"]["schema"], spec()
        )
        found_shape = shape(
            found[str(code)]["content"]["application/json"]["schema"], generated_schema
        )
        assert found_shape == expected_shape


def test_the_percentiles_400_is_documented(generated_schema):
    operation = generated_schema["paths"]["/resources/percentile/{number}"]["get"]
    schema = operation["responses"]["400"]["content"]["application/json"]["schema"]
    assert schema["additionalProperties"] == {
        "type": "array",
        "items": {"type": "string"},
    }
