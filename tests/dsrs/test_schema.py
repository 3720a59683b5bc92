"""The schema drf-spectacular generates agrees with openapi.md on its paths."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests.dsrs.openapi import spec

SPECIFIED_PATHS = list(spec()["paths"])
# Answers the API gives that openapi.md does not list; the served schema does.
UNSPECIFIED_RESPONSES = {"/resources/percentile/{number}": {"400"}}


@pytest.fixture(scope="module")
def generated() -> dict:
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


def test_paths_are_the_specified_ones(generated):
    assert set(SPECIFIED_PATHS) <= set(generated["paths"])


@pytest.mark.parametrize("path", SPECIFIED_PATHS)
def test_parameters_agree(generated, path):
    expected = spec()["paths"][path]["get"]
    found = generated["paths"][path]["get"]
    assert parameters(found) == parameters(expected)


@pytest.mark.parametrize("path", SPECIFIED_PATHS)
def test_responses_agree(generated, path):
    expected = spec()["paths"][path]["get"]["responses"]
    found = generated["paths"][path]["get"]["responses"]
    assert {str(code) for code in expected} | UNSPECIFIED_RESPONSES.get(
        path, set()
    ) == set(found)
    for code, response in expected.items():
        expected_shape = shape(
            response["content"]["application/json"]["schema"], spec()
        )
        found_shape = shape(
            found[str(code)]["content"]["application/json"]["schema"], generated
        )
        assert found_shape == expected_shape


def test_the_percentiles_400_is_documented(generated):
    operation = generated["paths"]["/resources/percentile/{number}"]["get"]
    schema = operation["responses"]["400"]["content"]["application/json"]["schema"]
    assert schema["additionalProperties"] == {
        "type": "array",
        "items": {"type": "string"},
    }
