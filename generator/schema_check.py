"""Layer 1: JSON Schema (2020-12) checks, with messages a maintainer can act on."""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .load import Loaded
from .problems import ERROR, Problem, json_path

# Per-field wording for `pattern` failures: (last key in the path, rule id, how to fix).
_PATTERN_HELP: dict[str, tuple[str, str]] = {
    "website": ("link-scheme", "links must start with https:// (http, javascript: and data: links are refused)"),
    "url": ("link-scheme", "links must start with https:// (http, javascript: and data: links are refused)"),
    "number": ("phone-format", 'write it as "+1" and 10 digits, e.g. "+12086306601" (run \'ccci fmt\'), '
                               'a 3-digit code like "988", or a text short code like "233733"'),
    "postal_code": ("zip-format", 'a ZIP code is 5 digits in quotes, e.g. "83702"'),
    "id": ("id-format", "ids are lowercase words joined by hyphens, e.g. 'womens-and-childrens-alliance'"),
    "opens": ("time-format", 'times are 24-hour "HH:MM" in quotes, e.g. "09:00"'),
    "closes": ("time-format", 'times are 24-hour "HH:MM" in quotes, e.g. "17:00"'),
    "seen": ("date-format", 'write the date the source shows as "2024", "2024-05" or "2024-05-01"'),
    "email": ("email-format", "write a full address like info@example.org"),
    "state": ("state-format", "use the two-letter code, e.g. ID"),
    "text_keyword": ("text-keyword", "a text keyword is one word of letters and digits, e.g. BEFREE"),
    "extension": ("phone-format", "an extension is 1 to 6 digits"),
}
_TYPE_WORDS = {"string": "text", "number": "a number", "integer": "a whole number", "boolean": "true or false",
               "array": "a list", "object": "a mapping of keys to values", "null": "empty"}


@lru_cache(maxsize=8)
def _validator(schema_file: str) -> Draft202012Validator:
    schema = json.loads(Path(schema_file).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validator_for(schema_path: Path) -> Draft202012Validator:
    return _validator(str(schema_path.resolve()))


def _format(name: str) -> Any:
    checker = Draft202012Validator.FORMAT_CHECKER
    return lambda value: checker.conforms(value, name)


@lru_cache(maxsize=8)
def _compiled(schema_file: str) -> Any:
    """The same schema compiled to Python: a yes/no answer ~10x faster than jsonschema.

    fastjsonschema speaks draft 7, which covers every keyword our schemas use; formats use jsonschema's own
    checkers so both agree (a property test holds them to it).
    """
    schema = json.loads(Path(schema_file).read_text(encoding="utf-8"))
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    formats = {name: _format(name) for name in ("date", "email", "uri")}
    return fastjsonschema.compile(schema, formats=formats)


def is_valid(data: Any, schema_path: Path) -> bool:
    try:
        _compiled(str(schema_path.resolve()))(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _describe(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _known_keys(err: ValidationError) -> list[str]:
    props = err.schema.get("properties", {}) if isinstance(err.schema, dict) else {}
    return list(props)


_PRIVATE_KEYS = ("street", "street2", "postal_code", "geo")


def _false_schema_key(err: ValidationError, data: Any) -> str | None:
    """jsonschema reports a `false` subschema at the parent object; find which forbidden key it meant."""
    parent = data
    for part in err.absolute_path:
        parent = parent[part]
    if isinstance(parent, dict):
        for key in _PRIVATE_KEYS:
            if key in parent and parent[key] is err.instance:
                return key
    return None


def _message(err: ValidationError, path: tuple[Any, ...]) -> tuple[str, str, tuple[Any, ...], bool]:
    """(message, rule, path to point at, point at the key?) for one schema error."""
    v = err.validator
    last = next((p for p in reversed(path) if isinstance(p, str)), "")
    if v == "additionalProperties":
        extras = sorted(set(err.instance) - set(_known_keys(err))) if isinstance(err.instance, dict) else []
        key = extras[0] if extras else "?"
        close = difflib.get_close_matches(key, _known_keys(err), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f"; allowed here: {', '.join(_known_keys(err))}"
        return f"unknown field '{key}': remove it or fix its name{hint}", "unknown-field", path + (key,), True
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else "?"
        if missing == "last_verified" or missing == "method":
            return ("a verified record needs 'last_verified' (the date a person confirmed it, YYYY-MM-DD) and "
                    "'method' (phone, email, site-visit or website), or set status: unverified"), \
                "verified-needs-date", path, False
        return f"'{missing}' is required here: add it", "required", path, False
    if v is None or err.message.startswith("False schema"):
        field = str(path[-1]) if path else "this field"
        return (f"a confidential location must not have '{field}': remove it (give only city, county and "
                "state; the address stays private)"), "confidential-location", path, True
    if v == "enum":
        allowed = [str(a) for a in err.validator_value]
        close = difflib.get_close_matches(str(err.instance), allowed, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"{_describe(err.instance)} is not one of: {', '.join(allowed)}{hint}", "enum", path, False
    if v == "const" or v == "oneOf":
        if last == "hours":
            return ('hours must be "24/7" or a weekly schedule like {weekly: [{days: [mo, tu], opens: "09:00", '
                    'closes: "17:00"}]}'), "hours-format", path, False
        return f"{_describe(err.instance)} is not allowed here", "schema", path, False
    if v == "type":
        want = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
        hint = " (put it in quotes)" if want == "string" else ""
        return f"{_describe(err.instance)} must be {_TYPE_WORDS.get(want, want)}{hint}", "type", path, False
    if v == "pattern":
        rule, how = _PATTERN_HELP.get(str(last), ("pattern", f"must match {err.validator_value}"))
        return f"{_describe(err.instance)} is not valid: {how}", rule, path, False
    if v == "format":
        what = {"date": "a real date written YYYY-MM-DD", "email": "an email address", "uri": "a full link"}
        return (f"{_describe(err.instance)} is not {what.get(err.validator_value, err.validator_value)}",
                f"{err.validator_value}-format", path, False)
    if v in ("minimum", "maximum"):
        return f"{_describe(err.instance)} must be {'at least' if v == 'minimum' else 'at most'} " \
            f"{err.validator_value}", "range", path, False
    if v in ("minItems", "minLength"):
        return "must not be empty", "empty", path, False
    if v == "maxLength":
        return f"is too long (at most {err.validator_value} characters): shorten it", "too-long", path, False
    if v == "uniqueItems":
        return "lists the same item twice: remove the repeat", "duplicate-item", path, False
    if v in ("anyOf", "not"):
        if last == "coverage" or "coverage" in path:
            return ("coverage: scope local needs 'regions' and/or 'counties'; national and statewide take neither",
                    "coverage", path, False)
        return f"{err.message}", "schema", path, False
    return err.message, "schema", path, False


def check_schema(loaded: Loaded, schema_path: Path) -> list[Problem]:
    """Every schema error in one loaded file, located at the value (or key) it is about."""
    out: list[Problem] = []
    if is_valid(loaded.data, schema_path):
        return out
    seen: set[tuple[Any, ...]] = set()
    for err in validator_for(schema_path).iter_errors(loaded.data):
        path = tuple(err.absolute_path)
        if err.validator is None:
            key_name = _false_schema_key(err, loaded.data)
            path = path + (key_name,) if key_name else path
        message, rule, at, key = _message(err, path)
        if at in seen:
            continue  # one schema problem per value is enough to fix it
        seen.add(at)
        line, col = loaded.locate(at, key=key)
        out.append(Problem(loaded.path, line, col, ERROR, json_path(at), message, rule))
    return out
