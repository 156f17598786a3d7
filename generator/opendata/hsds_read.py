"""Reading a hostile HSDS 3.0 document: its shapes, its objects and their fields, with a note for every value
we cannot use (its JSON path and why). Nothing here raises on bad input.

`Reader` holds what one import shares: our taxonomy (and its names, to match HSDS terms by name), the length
limits of our fields (from schema/organization.schema.json) and the result so far. hsds_values.py,
hsds_places.py and hsds_services.py map the objects; hsds_import.py puts the drafts together.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from generator.opendata.hsds_fields import DEFAULT_LIMIT, KNOWN, LIMITS, USED, WHY_NOT
from generator.opendata.hsds_tables import as_dict
from generator.opendata.hsds_terms import terms_by_id
from generator.present.urls import slug as slug  # the one slug (re-exported for the importer)
from generator.records.dataset import Taxonomy

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # control characters, except tab and newline
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
HTTPS = re.compile(r"^https://[^\s/]+\.[^\s]+$")

Found = tuple[str, dict[str, Any]]  # (JSON path, the object there)
Item = tuple[str, dict[str, Any], list[Found]]  # (path, an organization, its services)


def short(value: Any, limit: int = 40) -> str:
    """A value, cut and cleaned, to quote in a note."""
    text = " ".join(str(value)[: limit * 4].split())  # cut first: the value may be megabytes long
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return text if len(text) <= limit else text[:limit] + "..."


def kind(value: Any) -> str:
    """What a JSON value is, in words."""
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        type(None): "null",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)


def as_text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def put(out: dict[str, Any], key: str, value: Any) -> None:
    """Set a field of a draft only when something usable was found for it."""
    if value:
        out[key] = value


def unique(ident: str, taken: set[str]) -> str:
    """The id, or the id with -2, -3... when this record already has it."""
    base, n = ident, 1
    while ident in taken:
        n += 1
        ident = f"{base[:56]}-{n}"
    return ident


def _pointer(schema: dict[str, Any], pointer: str) -> Any:
    node: Any = schema
    for part in pointer.strip("/").split("/"):
        if isinstance(node, list) and part.isdigit():
            node = node[int(part)]
        elif isinstance(node, dict):
            node = node.get(part, {})
    return node


@dataclass(frozen=True)
class Note:
    path: str
    message: str


@dataclass
class ImportResult:
    records: list[dict[str, Any]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


class Attr(NamedTuple):
    """One HSDS attribute, as far as we could read it."""

    taxonomy: str
    code: str
    value: str | None
    name: str  # the term's name


def general_path(path: str) -> str:
    return re.sub(r"\[[0-9]+\]", "[*]", path)


def summarize(notes: list[Note]) -> list[str]:
    """One line per kind of note (same general path and message), with how many times it happened."""
    groups: dict[tuple[str, str], list[Note]] = {}
    for n in notes:
        groups.setdefault((general_path(n.path), n.message), []).append(n)
    lines = []
    for (_, message), items in groups.items():
        where = items[0].path
        more = f" ({len(items)} times, first at {where})" if len(items) > 1 else ""
        lines.append(f"{where if not more else general_path(where)}: {message}{more}")
    return lines


def _by_name(table: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {str(entry.get("name", "")).lower(): key for key, entry in table.items()}


class Reader:
    """One import's taxonomy, limits and notes, and the checked reading of fields."""

    def __init__(self, tax: Taxonomy, schema: dict[str, Any]) -> None:
        self.tax = tax
        self.limits: dict[str, int] = {}
        for key, pointer in LIMITS.items():
            node = _pointer(schema, pointer)
            self.limits[key] = int(node.get("maxLength", DEFAULT_LIMIT)) if isinstance(node, dict) else DEFAULT_LIMIT
        self.result = ImportResult()
        self.area_by_name = _by_name(tax.service_areas)
        self.sub_by_name = _by_name({k: s for k, (_, s) in tax.subcategories.items()})
        self.pop_by_name = _by_name(tax.populations)
        self.lang_by_name = _by_name(tax.languages)
        self.region_by_name = _by_name(tax.regions)
        self.term_by_id: dict[str, Any] = terms_by_id(tax)  # an attribute may name its term by id only

    def note(self, path: str, message: str) -> None:
        self.result.notes.append(Note(path, message))

    def check_fields(self, obj: dict[str, Any], table: str, path: str) -> None:
        known, used = KNOWN.get(table, set()), set(USED.get(table, "").split())
        for key, value in obj.items():
            if not isinstance(key, str) or key not in known:
                self.note(f"{path}.{short(key)}", "unknown field: left out")
            elif key not in used and value not in (None, "", [], {}):
                why = WHY_NOT.get(key, "no place for it in our records")
                self.note(f"{path}.{key}", f"not imported: {why}")

    def text(self, obj: dict[str, Any], key: str, path: str, limit: str | None = None, minimum: int = 1) -> str | None:
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.note(f"{path}.{key}", f"expected text, found {kind(value)}: left out")
            return None
        value = _CONTROL.sub("", value).strip()
        if not value:
            return None
        return self.fits(value, f"{path}.{key}", limit or key, minimum)

    def fits(self, value: str, path: str, limit: str, minimum: int = 1) -> str | None:
        """The value, if its length is within our field's limits."""
        most = self.limits.get(limit, DEFAULT_LIMIT)
        if len(value) > most:
            self.note(path, f"{len(value):,} characters, more than the {most} allowed: left out")
            return None
        if len(value) < minimum:
            self.note(path, f"'{short(value)}' is shorter than {minimum} characters: left out")
            return None
        return value

    def objects(self, obj: dict[str, Any], key: str, path: str) -> list[Found]:
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.note(f"{path}.{key}", f"expected a list, found {kind(value)}: left out")
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append((f"{path}.{key}[{i}]", item))
            else:
                self.note(f"{path}.{key}[{i}]", f"expected an object, found {kind(item)}: left out")
        return out

    def texts(self, obj: dict[str, Any], key: str, table: str, field_name: str, path: str, limit: str) -> list[str]:
        """One text field of each object of a list (e.g. the `document` of each required document)."""
        out = []
        for ipath, item in self.objects(obj, key, path):
            self.check_fields(item, table, ipath)
            value = self.text(item, field_name, ipath, limit=limit)
            if value:
                out.append(value)
        return out

    def https(self, obj: dict[str, Any], key: str, path: str) -> str | None:
        value = self.text(obj, key, path, limit=key)
        if value is None:
            return None
        if not HTTPS.match(value) or any(ch in value for ch in "<>\"'`"):
            self.note(f"{path}.{key}", f"'{short(value)}' is not an https:// address: left out")
            return None
        return value

    def attributes(self, obj: dict[str, Any], path: str) -> list[Attr]:
        out = []
        for apath, attr in self.objects(obj, "attributes", path):
            self.check_fields(attr, "attribute", apath)
            term = as_dict(attr.get("taxonomy_term")) or self.term_by_id.get(str(attr.get("taxonomy_term_id")), {})
            taxonomy = (
                term.get("taxonomy")
                if isinstance(term.get("taxonomy"), str)
                else as_dict(term.get("taxonomy_detail")).get("name")
            )
            code = term.get("code")
            value = attr.get("value")
            if value is not None and not isinstance(value, str):
                value = str(value) if isinstance(value, (int, float, bool)) else None
            name = as_text(term.get("name"))
            if not isinstance(code, str) and not name:
                self.note(apath, "attribute without a taxonomy term we can read: left out")
                continue
            out.append(Attr(str(taxonomy or ""), str(code or ""), value, name))
        return out

    def items(self, doc: Any) -> list[Item]:
        """(path, organization, its services) from any accepted shape."""
        out: list[Item] = []
        by_org: dict[str, int] = {}
        for path, item in _entries(doc):
            if not isinstance(item, dict):
                self.note(path, f"expected an object, found {kind(item)}: left out")
            elif "status" in item and "services" not in item:  # a service, with its organization inside
                org = item.get("organization")
                if not isinstance(org, dict):
                    self.note(path, "service without its organization: left out")
                    continue
                key = str(org.get("id") or org.get("name"))
                if key not in by_org:
                    by_org[key] = len(out)
                    out.append((f"{path}.organization", org, []))
                out[by_org[key]][2].append((path, item))
            else:
                out.append((path, item, self.objects(item, "services", path)))
        return out


def _entries(doc: Any) -> list[tuple[str, Any]]:
    """The items of the accepted shapes: a list page ({"contents": [...]}), a list, or one object."""
    if isinstance(doc, dict) and isinstance(doc.get("contents"), list):
        return [(f"$.contents[{i}]", x) for i, x in enumerate(doc["contents"])]
    if isinstance(doc, list):
        return [(f"$[{i}]", x) for i, x in enumerate(doc)]
    if isinstance(doc, dict) and ("name" in doc or "id" in doc):
        return [("$", doc)]
    return []
