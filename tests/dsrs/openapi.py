"""openapi.md, the contract, loaded for tests."""

import functools
from pathlib import Path

import jsonschema
import yaml

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.md"


@functools.cache
def spec() -> dict:
    return yaml.safe_load(SPEC_PATH.read_text())


def assert_matches(instance, schema: dict) -> None:
    """Validate ``instance`` against an openapi.md schema, refs resolved."""
    resolver_schema = {**schema, "components": spec()["components"]}
    jsonschema.validate(instance, resolver_schema)


def response_schema(path: str, status: str = "200") -> dict:
    response = spec()["paths"][path]["get"]["responses"]
    return response[int(status)]["content"]["application/json"]["schema"]
