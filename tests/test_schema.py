"""The schemas themselves: documented everywhere, closed everywhere, valid JSON Schema 2020-12."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
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


# --------------------------------------------------------------------------------------------- formats

FORMAT_EXAMPLES = [
    "2024-05-01",
    "2024-02-30",
    "2024-5-1",
    "２０２４-05-01",
    "2024-05-01\n",
    " 2024-05-01",
    "20240501",
    "a@b",
    "@",
    "no at sign",
    "https://example.org/a?b=c#d",
    "https://exa mple.org/",
    "example.org",
    "mailto:a@b.org",
    "tel:+12085550100",
    "http://[::1]/",
    "http://[::1/",
    "",
    "//example.org",
    "https://exámple.org/",
]


def _agree(value: object) -> None:
    from generator.records.schema_check import FORMATS

    checker = Draft202012Validator.FORMAT_CHECKER
    for name, check in FORMATS.items():
        assert check(value) == checker.conforms(value, name), (name, value)


@pytest.mark.parametrize("value", [*FORMAT_EXAMPLES, 20240501, None, ["a@b"]])
def test_our_format_checks_give_jsonschemas_answers(value: object) -> None:
    """schema_check checks date, email and uri without importing jsonschema (a sixth of re-checking one changed
    record): the answers must be jsonschema's."""
    _agree(value)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z") | st.from_regex(r"\A[a-z]+://\S*\Z"))
def test_our_format_checks_give_jsonschemas_answers_for_any_text(value: str) -> None:
    _agree(value)


def test_checking_a_record_imports_no_jsonschema(tmp_path: Path) -> None:
    """A valid record is checked by the compiled schema alone: jsonschema is imported only to word a problem."""
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from generator.records.schema_check import is_valid; "
        "import json; rec = json.loads(sys.argv[1]); "
        "assert is_valid(rec, Path(sys.argv[2])) is False; print('jsonschema' in sys.modules)"
    )
    schema = REPO / "schema" / "organization.schema.json"
    out = subprocess.run(
        [sys.executable, "-c", code, json.dumps({"id": "x"}), str(schema)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    assert out.stdout.strip() == "False"


def test_the_yes_no_schema_code_answers_as_fastjsonschemas_own_on_every_fixture() -> None:
    """`is_valid` runs fastjsonschema's code with the wording of failures cut out (schema_check._yes_no): it must
    give the same answer as the code fastjsonschema writes, on every fixture (valid and invalid records)."""
    import fastjsonschema

    from generator.records.load import load_yaml_file
    from generator.records.schema_check import FORMATS, _yes_no, is_valid

    path = REPO / "schema" / "organization.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    source = fastjsonschema.compile_to_code(schema, formats=dict(FORMATS), use_default=False)
    bare = _yes_no(source)
    assert "definition=" in source and "locals()" in source
    assert "definition=" not in bare and "locals()" not in bare and bare.count("raise ") == source.count("raise ")
    own = fastjsonschema.compile(schema, formats=dict(FORMATS), use_default=False)
    answers = {True: 0, False: 0}
    for fixture in sorted((REPO / "tests" / "fixtures").rglob("*.yaml")):
        data = load_yaml_file(fixture).data
        if not isinstance(data, dict):
            continue
        try:
            own(json.loads(json.dumps(data)))
            expected = True
        except fastjsonschema.JsonSchemaException:
            expected = False
        assert is_valid(data, path) is expected, fixture
        answers[expected] += 1
    assert answers[True] >= 5 and answers[False] >= 20, answers
