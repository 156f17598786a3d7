"""The schemas themselves: documented everywhere, closed everywhere, valid JSON Schema 2020-12."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.helpers import REPO

SCHEMAS = sorted((REPO / "schema").glob("*.schema.json"))


def properties(node: Any, where: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for key, prop in node.get("properties", {}).items():
            if isinstance(prop, dict):
                yield f"{where}.{key}", prop
        for key, value in node.items():
            if key not in ("if", "then", "else"):  # conditions restate properties; they are not new ones
                yield from properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from properties(value, f"{where}[{i}]")


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_schema_is_valid_2020_12(path: Path) -> None:
    schema = json.loads(path.read_text())
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_every_property_has_title_description_example(path: Path) -> None:
    schema = json.loads(path.read_text())
    defs = schema.get("$defs", {})
    missing = []
    for where, prop in properties(schema):
        target = defs[prop["$ref"].rsplit("/", 1)[-1]] if "$ref" in prop else prop
        if isinstance(target, dict) and not all(target.get(k) for k in ("title", "description", "examples")):
            missing.append(where)
    assert missing == []


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_every_object_refuses_unknown_properties(path: Path) -> None:
    schema = json.loads(path.read_text())
    open_objects = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if "properties" in node and node.get("additionalProperties") is not False:
                open_objects.append(where)
            for k, v in node.items():
                if k not in ("if", "then", "else"):
                    walk(v, f"{where}/{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}[{i}]")

    walk({k: v for k, v in schema.items()}, "$")
    assert open_objects == []


def test_examples_validate_against_their_schema() -> None:
    for path in SCHEMAS:
        schema = json.loads(path.read_text())
        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        for example in schema.get("examples", []):
            assert list(validator.iter_errors(example)) == [], path.name
