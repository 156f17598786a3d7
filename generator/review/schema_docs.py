"""The schema reference page (docs/reference/schema.md), generated from schema/*.schema.json.

Generated, committed, and checked in CI: `ccci schema-docs --check` fails when the page and the schema disagree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.records.dataset import SCHEMA_DIR

PAGE = Path("docs") / "reference" / "schema.md"
ORDER = ["organization", "service_areas", "populations", "languages", "regions"]


def _anchor(schema_name: str, def_name: str) -> str:
    full = def_name if schema_name == "organization" else f"{schema_name}-{def_name}"
    return full.replace("_", "-")


def _type(node: dict[str, Any], schema_name: str = "organization") -> str:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{_anchor(schema_name, name)})"
    if "enum" in node:
        return "one of " + ", ".join(f"`{v}`" for v in node["enum"])
    if "oneOf" in node:
        return " or ".join(_type(b, schema_name) if "const" not in b else f"`{b['const']}`" for b in node["oneOf"])
    t = node.get("type", "")
    if t == "array":
        return f"list of {_type(node.get('items', {}), schema_name)}"
    extra = f" (`{node['format']}`)" if "format" in node else ""
    return f"{t}{extra}" if t else "value"


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _prose(text: Any) -> str:
    """A description as Markdown text: `<id>` would be read as an HTML tag, so <, > and & are escaped."""
    return _cell(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _example(node: dict[str, Any]) -> str:
    ex = node.get("examples", [None])[0]
    if ex is None:
        return ""
    text = json.dumps(ex, ensure_ascii=False)
    return f"`{_cell(text if len(text) <= 60 else text[:57] + '...')}`"


def _table(
    title: str, node: dict[str, Any], anchor: str, out: list[str], defs: dict[str, Any], schema_name: str
) -> None:
    required = set(node.get("required", []))
    out += [
        f"### {title} {{#{anchor}}}",
        "",
        _prose(node.get("description", "")),
        "",
        "| field | type | required | what it is | example |",
        "| --- | --- | --- | --- | --- |",
    ]
    for key, prop in node.get("properties", {}).items():
        if "$ref" in prop and "description" not in prop:
            prop = {**defs.get(prop["$ref"].rsplit("/", 1)[-1], {}), **prop}
        out.append(
            f"| `{key}` | {_cell(_type(prop, schema_name))} | {'yes' if key in required else ''} | "
            f"{_prose(prop.get('description', ''))} | {_example(prop)} |"
        )
    out.append("")


def _object(node: dict[str, Any]) -> dict[str, Any] | None:
    if "properties" in node:
        return node
    for branch in node.get("oneOf", []):
        if "properties" in branch:
            return dict(branch)
    return None


def render(root: Path) -> str:
    out = [
        "---",
        "title: Data reference",
        "---",
        "",
        "# Data reference",
        "",
        "Generated from `schema/*.schema.json` by `ccci schema-docs`. Do not edit by hand.",
        "",
    ]
    for name in ORDER:
        schema = json.loads((root / SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
        out += [f"## {schema['title']}", ""]
        defs = schema.get("$defs", {})
        _table(schema["title"], schema, f"{name}-file".replace("_", "-"), out, defs, name)
        for def_name, node in schema.get("$defs", {}).items():
            obj = _object(node)
            if obj is not None:
                _table(node.get("title", def_name), obj, _anchor(name, def_name), out, defs, name)
    return "\n".join(out).rstrip() + "\n"
