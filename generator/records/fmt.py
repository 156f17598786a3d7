"""The one canonical serializer for records: key order from the schema, phones in E.164, quoted codes.

Like congress-legislators' canonical YAML: a file is either canonical or `ccci fmt --check` prints the diff
(`--format github`: the same diff as notices on the lines, a suggestion that never blocks a contributor).
Comments are not kept (put notes for maintainers in `verification.notes`), so `ccci fmt` leaves a file with
comments alone unless asked with `--drop-comments`, and says which comments it would drop.
"""

from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import phonenumbers
import yaml

# Values under these keys are always written in double quotes: they look like numbers, times or dates.
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/-]*$")
QUOTED_KEYS = {"number", "postal_code", "opens", "closes", "seen", "last_verified", "extension", "date"}


class _Quoted(str):
    pass


class _Flow(list[str]):
    """A short list of codes, written on one line: `languages: [en, es]`."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # indent list items under their key


_UNICODE_BREAKS = ("\x85", "\u2028", "\u2029")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if any(ch in value for ch in _UNICODE_BREAKS):  # YAML folds these in plain text; escape them
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _represent_quoted(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


def _represent_flow(dumper: yaml.SafeDumper, value: list[str]) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(_Flow, _represent_flow)
_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Quoted, _represent_quoted)


@lru_cache(maxsize=4)
def _schema(path: str) -> dict[str, Any]:
    return dict(json.loads(Path(path).read_text(encoding="utf-8")))


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _object_schema(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    node = _resolve(node, root)
    for branch in node.get("oneOf", []):
        if branch.get("type") == "object":
            return _resolve(branch, root)
    return node


def normalise_phone(number: str) -> str:
    """'(208) 630-6601' -> '+12086306601'; short codes and anything unparseable are left for the validator."""
    if number.isdigit() and len(number) <= 6:
        return number
    try:
        parsed = phonenumbers.parse(number, "US")
    except phonenumbers.NumberParseException:
        return number
    if not phonenumbers.is_valid_number(parsed):
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def canonical(value: Any, node: dict[str, Any], root: dict[str, Any], key: str = "") -> Any:
    """Reorder mappings as the schema lists their properties (unknown keys last, as found) and mark quoting."""
    if isinstance(value, dict):
        obj = _object_schema(node, root)
        props = obj.get("properties", {})
        ordered = [k for k in props if k in value] + [k for k in value if k not in props]
        return {k: canonical(value[k], props.get(k, {}), root, k) for k in ordered}
    if isinstance(value, list):
        items = _resolve(node, root).get("items", {}) if node else {}
        out = [canonical(v, items, root, key) for v in value]
        if out and all(isinstance(v, str) and _CODE.match(v) for v in out) and sum(len(v) + 2 for v in out) < 80:
            return _Flow(out)
        return out
    if isinstance(value, str):
        if key == "number":
            value = normalise_phone(value)
        return _Quoted(value) if key in QUOTED_KEYS else value
    return value


def dump(data: Any, schema_path: Path) -> str:
    """The canonical text of one record."""
    root = _schema(str(schema_path.resolve()))
    text = yaml.dump(
        canonical(data, root, root),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=110,
        default_flow_style=False,
        indent=2,
    )
    return str(text)


def diff(old: str, new: str, path: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(), new.splitlines(), f"{path} (now)", f"{path} (canonical)", lineterm=""
    )
    return "".join(line + "\n" for line in lines)


_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@")


def github_notices(old: str, new: str, path: str) -> str:
    """The diff as GitHub notices, one per changed block, on the lines it is about (the exact new text)."""
    out = []
    lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0))
    i = 0
    while i < len(lines):
        m = _HUNK.match(lines[i])
        i += 1
        if not m:
            continue
        start, count = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
        body = []
        while i < len(lines) and not lines[i].startswith("@@"):
            body.append(lines[i])
            i += 1
        line = max(start, 1)
        end = max(line, start + count - 1)
        removed = [b[1:] for b in body if b.startswith("-")]
        added = [b[1:] for b in body if b.startswith("+")]
        words = "Suggestion (not required; a maintainer's 'ccci fmt' applies it): the canonical form of " + (
            "these lines is:\n" + "\n".join(added) if added else "these lines removes them: " + "\n".join(removed)
        )
        props = f"file={_escape(path, True)},line={line},endLine={end},title=Canonical form (ccci fmt)"
        out.append(f"::notice {props}::{_escape(words)}\n")
    return "".join(out)


def _escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value
