"""Property-based tests: no input makes the loader or validator crash; every problem is located."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.records.fmt import dump
from generator.records.load import load_yaml_bytes
from generator.records.schema_check import is_valid, validator_for
from generator.records.validate import _check_taxonomy, check_file
from tests.helpers import FIXTURES, REPO

SCHEMA = REPO / "schema" / "organization.schema.json"
TAXONOMY, _ = _check_taxonomy(REPO)
VALID = load_yaml_bytes((FIXTURES / "valid" / "example-survivor-services.yaml").read_bytes(), "v.yaml").data
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.dates().map(str),
    st.sampled_from(["83702", "NO", "12:30", "javascript:x", "+12085550100"]),
)
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=5)),
    max_leaves=25,
)


def located(problems: list[Any]) -> bool:
    return all(p.line >= 1 and p.col >= 1 and p.path and p.message and p.rule for p in problems)


@FAST
@given(st.binary(max_size=400))
def test_loader_never_raises_on_bytes(raw: bytes) -> None:
    loaded = load_yaml_bytes(raw, "fuzz.yaml")
    assert located(loaded.problems)
    assert loaded.problems or loaded.data is not None or raw.strip() == b""


@FAST
@given(
    st.lists(st.sampled_from(list(":-[]{}&*!|>'\"#,?\n\t %@`") + ["a", "1", "key", "  ", "- ", ": "]), max_size=60).map(
        "".join
    )
)
def test_loader_never_raises_on_yaml_like_text(text: str) -> None:
    loaded = load_yaml_bytes(text.encode(), "fuzz.yaml")
    assert located(loaded.problems)


@FAST
@given(structures)
def test_validator_never_raises_on_any_structure(tmp_path_factory: Any, value: Any) -> None:
    path = tmp_path_factory.mktemp("s") / "fuzz.yaml"
    path.write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    result = check_file(path, "fuzz.yaml", TAXONOMY, dt.date(2026, 11, 28), SCHEMA)
    assert located(result.problems)
    if result.data is not None and not result.problems:
        assert is_valid(result.data, SCHEMA)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, prefix + (i,))
    return out


PATHS = [p for p in _paths(VALID) if p]


@FAST
@given(st.sampled_from(PATHS), structures)
def test_mutated_record_is_checked_without_crash_and_both_validators_agree(
    tmp_path_factory: Any, where: tuple[Any, ...], value: Any
) -> None:
    record = copy.deepcopy(VALID)
    target = record
    for part in where[:-1]:
        target = target[part]
    target[where[-1]] = value
    fast = is_valid(record, SCHEMA)
    full = not any(True for _ in validator_for(SCHEMA).iter_errors(record))
    assert fast == full, f"fastjsonschema and jsonschema disagree on {where} = {value!r}"
    path = tmp_path_factory.mktemp("m") / "example-survivor-services.yaml"
    path.write_text(dump(record, SCHEMA), encoding="utf-8")
    result = check_file(path, "m.yaml", TAXONOMY, dt.date(2026, 11, 28), SCHEMA)
    assert located(result.problems)


@FAST
@given(st.text(min_size=10, max_size=80), st.text(min_size=2, max_size=40))
def test_canonical_form_round_trips(description: str, name: str) -> None:
    record = copy.deepcopy(VALID)
    record["description"], record["name"] = description, name
    text = dump(record, SCHEMA)
    again = load_yaml_bytes(text.encode(), "r.yaml")
    assert again.problems == [] and again.data == record
    assert dump(again.data, SCHEMA) == text


def test_every_valid_fixture_round_trips() -> None:
    for path in sorted((FIXTURES / "valid").glob("*.yaml")):
        data = load_yaml_bytes(path.read_bytes(), path.name).data
        assert dump(data, SCHEMA) == path.read_text(encoding="utf-8")


def test_schema_path_is_real() -> None:
    assert Path(SCHEMA).is_file()
