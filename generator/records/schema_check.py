"""Layer 1: JSON Schema (2020-12) checks, with messages a maintainer can act on."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import marshal
import os
import re
import sys
import types
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema
from rfc3986_validator import validate_rfc3986  # type: ignore[import-untyped]

if TYPE_CHECKING:  # imported where a problem is worded: importing jsonschema is a sixth of re-checking one record
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

from generator.records.load import Loaded
from generator.records.problems import ERROR, Problem, json_path

# Per-field wording for `pattern` failures: (last key in the path, rule id, how to fix).
_PATTERN_HELP: dict[str, tuple[str, str]] = {
    "website": ("link-scheme", "links must start with https:// (http, javascript: and data: links are refused)"),
    "url": ("link-scheme", "links must start with https:// (http, javascript: and data: links are refused)"),
    "number": (
        "phone-format",
        'write it as "+1" and 10 digits, e.g. "+12086306601" (run \'ccci fmt\'), '
        'a 3-digit code like "988", or a text short code like "233733"',
    ),
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
_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys to values",
    "null": "empty",
}


@lru_cache(maxsize=8)
def _validator(schema_file: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    schema = json.loads(Path(schema_file).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validator_for(schema_path: Path) -> Draft202012Validator:
    return _validator(_resolved(schema_path))


_RESOLVED: dict[Path, str] = {}
_STAMPS: dict[str, tuple[int, int]] = {}


def _resolved(schema_path: Path) -> str:
    """The schema's real path (asked once per record: resolving it each time cost 3 % of `ccci validate`)."""
    found = _RESOLVED.get(schema_path)
    if found is None:
        found = _RESOLVED[schema_path] = str(schema_path.resolve())
    return found


def forget_changed(schema_paths: list[Path]) -> bool:
    """Drop the compiled schemas when one of these files changed since the last call (a long-running process,
    such as `ccci serve` or the tests, may see the schema edited). True when something was dropped."""
    changed = False
    for path in schema_paths:
        key = str(path.resolve())
        try:
            st = os.stat(key)
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = (0, 0)
        changed |= _STAMPS.get(key, stamp) != stamp
        _STAMPS[key] = stamp
    if changed:
        _validator.cache_clear()
        _compiled.cache_clear()
        _RESOLVED.clear()
    return changed


# The formats our schemas use, for the compiled schema: each checked as jsonschema's draft 2020-12 FORMAT_CHECKER
# checks it (its _format.py), without importing jsonschema. tests/test_schema.py holds them to jsonschema's answers.
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def _is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    try:
        return bool(_DATE.fullmatch(value) and dt.date.fromisoformat(value))
    except ValueError:
        return False


def _is_email(value: Any) -> bool:
    return not isinstance(value, str) or "@" in value


def _is_uri(value: Any) -> bool:  # jsonschema checks "uri" with rfc3986-validator (a dependency: pyproject.toml)
    return not isinstance(value, str) or bool(validate_rfc3986(value, rule="URI"))


FORMATS = {"date": _is_date, "email": _is_email, "uri": _is_uri}


_CODE_DIR: list[Path] = []  # where the compiled schema is kept between runs (`keep_compiled_in`); empty: nowhere


def keep_compiled_in(folder: Path | None) -> None:
    """Keep the compiled schema in `folder` (the project's .cache/ccci) between runs, or (None) nowhere.

    Compiling the schema took about 0.2 s of every `ccci validate` that checks a record, a fifth of re-checking
    one changed record among 10,000 (issue 15). The folder is the project's own, like validate.json beside it.
    """
    wanted = [folder] if folder is not None else []
    if wanted != _CODE_DIR:
        _CODE_DIR[:] = wanted
        _compiled.cache_clear()


@lru_cache(maxsize=8)
def _compiled(schema_file: str) -> Any:
    """The same schema compiled to Python: a yes/no answer ~10x faster than jsonschema.

    fastjsonschema speaks draft 7, which covers every keyword our schemas use; formats are checked as jsonschema
    checks them (FORMATS) so both agree (a property test holds them to it). What `fastjsonschema.compile` does, with the
    compiled code kept between runs (`keep_compiled_in`).
    """
    schema = json.loads(Path(schema_file).read_text(encoding="utf-8"))
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    formats = dict(FORMATS)
    name, code = _schema_code(schema, formats, Path(schema_file).name.split(".")[0])
    scope: dict[str, Any] = {}
    exec(code, scope)  # noqa: S102 - fastjsonschema's own code for our schema, as `fastjsonschema.compile` runs it
    return partial(scope[name], custom_formats=formats)


def _schema_code(schema: dict[str, Any], formats: dict[str, Any], stem: str) -> tuple[str, Any]:
    """(name of the validating function, code object) for `schema` (the file `stem`.schema.json), from the cache
    when it holds this schema compiled by this fastjsonschema for this Python, else compiled now and kept there
    (best effort), in place of an earlier version of the same file's."""
    key = hashlib.blake2b(
        json.dumps(
            [schema, sorted(formats), fastjsonschema.VERSION, sys.implementation.cache_tag, "no-defaults", "yes-no"],
            sort_keys=True,
        ).encode(),
        digest_size=16,
    ).hexdigest()
    path = _CODE_DIR[0] / f"schema-{stem}-{key}.marshal" if _CODE_DIR else None
    if path is not None:
        try:
            # written by the lines below into the project's own cache: trusted as the project's code is
            name, code = marshal.loads(path.read_bytes())  # noqa: S302
            if isinstance(name, str) and isinstance(code, types.CodeType):
                return name, code
        except (OSError, ValueError, EOFError, TypeError):
            pass  # none yet, or unreadable: compile it again
    # use_default=False: fastjsonschema would otherwise write the schema's defaults into the record it checks
    # (a location's `confidential: false`), so exports differed between a cold and a cached run
    source = _yes_no(fastjsonschema.compile_to_code(schema, formats=formats, use_default=False))
    first = re.search(r"^def (\w+)\(", source, re.M)  # the schema's own function comes first, its $defs after
    if first is None:
        raise RuntimeError("fastjsonschema wrote no validating function")
    name, code = first.group(1), compile(source, "<schema>", "exec")
    if path is not None:
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(marshal.dumps((name, code)))
            os.replace(tmp, path)
            for old in path.parent.glob(f"schema-{stem}-*.marshal"):  # an earlier version's: never read again
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            tmp.unlink(missing_ok=True)
    return name, code


_RAISE = re.compile(r"^([ \t]*)raise JsonSchemaValueException\(.*\)$", re.M)
_ITEM_PATH = re.compile(r'\(name_prefix or "data"\) \+ "[^"\n]*"\.format\(\*\*locals\(\)\)')


def _yes_no(source: str) -> str:
    """fastjsonschema's code, made to answer only yes or no, which is all ccci asks of it (jsonschema words the
    problems: `check_schema`). As written, each failure builds its message, the value's path and the sub-schema
    as a dict literal, and each list item's path is made with str.format(**locals()); on a valid record the
    `if`, `oneOf` and `anyOf` branches fail as a matter of course (about 15 per record). Here a failure raises
    a bare exception and item paths are not made. Code it does not recognise is left as it is (slower, as right)."""
    source = _RAISE.sub(r'\1raise JsonSchemaValueException("invalid")', source)
    return _ITEM_PATH.sub("name_prefix", source)


def is_valid(data: Any, schema_path: Path) -> bool:
    try:
        _compiled(_resolved(schema_path))(data)
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


# Values checked against the taxonomy by the dataset rules, which can say more ("write the code 'legal'").
_TAXONOMY_CODES = {"service_area", "categories", "populations", "regions", "languages"}
_TRUTHY = {"true", "false", "yes", "no", "True", "False", "Yes", "No", "TRUE", "FALSE"}


def _home(key: str, node: dict[str, Any], root: dict[str, Any], depth: int = 3) -> list[str] | None:
    """The field path below `node` whose object has property `key` (sources -> ['verification']), if any."""
    queue: list[tuple[dict[str, Any], list[str]]] = [(node, [])]
    for _ in range(depth):
        nxt: list[tuple[dict[str, Any], list[str]]] = []
        for schema, where in queue:
            for name, sub in (schema.get("properties") or {}).items():
                for part in _branches(sub, root):
                    if key in (part.get("properties") or {}) and where + [name]:
                        return where + [name]
                    nxt.append((part, where + [name]))
        queue = nxt
    return None


def _branches(node: Any, root: dict[str, Any]) -> list[dict[str, Any]]:
    """The object schemas a value may be: through $ref, oneOf/anyOf and list items."""
    out: list[dict[str, Any]] = []
    todo = [node]
    while todo:
        n = todo.pop()
        if not isinstance(n, dict):
            continue
        if "$ref" in n:
            n = root.get("$defs", {}).get(str(n["$ref"]).rsplit("/", 1)[-1], {})
        if n.get("type") == "array" or "items" in n:
            todo.append(n.get("items"))
        todo += [b for b in n.get("oneOf", []) + n.get("anyOf", []) if isinstance(b, dict)]
        if "properties" in n:
            out.append(n)
    return out


def _best_branch(err: ValidationError) -> ValidationError:
    """For a mapping that matches no `oneOf` branch (hours), the deepest problem in the branch meant for it."""
    while err.validator == "oneOf" and isinstance(err.instance, dict) and err.context:
        objects = [
            e
            for e in err.context
            if e.relative_schema_path
            and isinstance(err.validator_value, list)
            and err.validator_value[e.relative_schema_path[0]].get("type") == "object"
        ]
        if not objects:
            break
        err = max(objects, key=lambda e: len(e.absolute_path))
    return err


_ROOT: dict[str, Any] = {}


def _message(err: ValidationError, path: tuple[Any, ...]) -> tuple[str, str, tuple[Any, ...], bool] | None:
    """(message, rule, path to point at, point at the key?) for one schema error; None: said better elsewhere."""
    v = err.validator
    last = next((p for p in reversed(path) if isinstance(p, str)), "")
    if v == "additionalProperties":
        extras = sorted(set(err.instance) - set(_known_keys(err))) if isinstance(err.instance, dict) else []
        key = extras[0] if extras else "?"
        home = _home(key, err.schema, _ROOT) if isinstance(err.schema, dict) and key != "?" else None
        if home:
            where = ", then ".join(f"'{h}:'" for h in home)
            return (
                f"'{key}' is not a field here: it belongs under {where}. Move the line (and the lines under "
                f"it) below {where}, indented two more spaces",
                "misplaced-field",
                path + (key,),
                True,
            )
        close = difflib.get_close_matches(key, _known_keys(err), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f"; allowed here: {', '.join(_known_keys(err))}"
        return f"unknown field '{key}': remove it or fix its name{hint}", "unknown-field", path + (key,), True
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else "?"
        if missing == "last_verified" or missing == "method":
            return (
                (
                    "a verified record needs 'last_verified' (the date a person confirmed it, YYYY-MM-DD) and "
                    "'method' (phone, email, site-visit or website), or set status: unverified"
                ),
                "verified-needs-date",
                path,
                False,
            )
        return f"'{missing}' is required here: add it", "required", path, False
    if v is None or err.message.startswith("False schema"):
        field = str(path[-1]) if path else "this field"
        return (
            (
                f"a confidential location must not have '{field}': remove it (give only city, county and "
                "state; the address stays private)"
            ),
            "confidential-location",
            path,
            True,
        )
    if v == "enum":
        allowed = [str(a) for a in err.validator_value]
        close = difflib.get_close_matches(str(err.instance), allowed, n=1)
        if not close and str(err.instance)[:2].lower() in allowed:  # 'monday' -> 'mo'
            close = [str(err.instance)[:2].lower()]
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"{_describe(err.instance)} is not one of: {', '.join(allowed)}{hint}", "enum", path, False
    if v == "const" or v == "oneOf":
        if last == "hours":
            return (
                (
                    'hours must be "24/7" or a weekly schedule like {weekly: [{days: [mo, tu], opens: "09:00", '
                    'closes: "17:00"}]}'
                ),
                "hours-format",
                path,
                False,
            )
        return f"{_describe(err.instance)} is not allowed here", "schema", path, False
    if v == "type":
        want = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
        if want == "boolean" and isinstance(err.instance, str) and err.instance.strip() in _TRUTHY:
            word = "true" if err.instance.strip().lower() in ("true", "yes") else "false"
            return (
                f"{_describe(err.instance)} is read as text, not as yes or no: write {last}: {word} with no "
                "quotes (only true and false, without quotes, mean yes and no)",
                "type",
                path,
                False,
            )
        if want == "array" and isinstance(err.instance, str):
            items = [x.strip() for x in err.instance.split(",") if x.strip()]
            return (
                f"{_describe(err.instance)} must be a list: write it in square brackets, like {last}: "
                f"[{', '.join(items)}]",
                "type",
                path,
                False,
            )
        hint = " (put it in quotes)" if want == "string" else ""
        return f"{_describe(err.instance)} must be {_TYPE_WORDS.get(want, want)}{hint}", "type", path, False
    if v == "pattern":
        if last in _TAXONOMY_CODES:
            return None
        rule, how = _PATTERN_HELP.get(str(last), ("pattern", f"must match {err.validator_value}"))
        return f"{_describe(err.instance)} is not valid: {how}", rule, path, False
    if v == "format":
        what = {"date": "a real date written YYYY-MM-DD", "email": "an email address", "uri": "a full link"}
        return (
            f"{_describe(err.instance)} is not {what.get(err.validator_value, err.validator_value)}",
            f"{err.validator_value}-format",
            path,
            False,
        )
    if v in ("minimum", "maximum"):
        return (
            f"{_describe(err.instance)} must be {'at least' if v == 'minimum' else 'at most'} {err.validator_value}",
            "range",
            path,
            False,
        )
    if v in ("minItems", "minLength"):
        return "must not be empty", "empty", path, False
    if v == "maxLength":
        return f"is too long (at most {err.validator_value} characters): shorten it", "too-long", path, False
    if v == "uniqueItems":
        return "lists the same item twice: remove the repeat", "duplicate-item", path, False
    if v in ("anyOf", "not"):
        if last == "coverage" or "coverage" in path:
            return (
                "coverage: scope local needs 'regions' and/or 'counties'; national and statewide take neither",
                "coverage",
                path,
                False,
            )
        return f"{err.message}", "schema", path, False
    return err.message, "schema", path, False


def check_schema(loaded: Loaded, schema_path: Path, limit: int | None = None) -> list[Problem]:
    """Every schema error in one loaded file (the first `limit`), located at the value (or key) it is about."""
    out: list[Problem] = []
    if is_valid(loaded.data, schema_path):
        return out
    seen: set[tuple[Any, ...]] = set()
    validator = validator_for(schema_path)
    _ROOT.clear()
    _ROOT.update(validator.schema if isinstance(validator.schema, dict) else {})
    for err in validator.iter_errors(loaded.data):
        err = _best_branch(err)
        path = tuple(err.absolute_path)
        if err.validator is None:
            key_name = _false_schema_key(err, loaded.data)
            path = path + (key_name,) if key_name else path
        said = _message(err, path)
        if said is None:
            continue
        message, rule, at, key = said
        if at in seen:
            continue  # one schema problem per value is enough to fix it
        seen.add(at)
        line, col = loaded.locate(at, key=key)
        out.append(Problem(loaded.path, line, col, ERROR, json_path(at), message, rule))
        if limit is not None and len(out) >= limit:
            break
    return out
