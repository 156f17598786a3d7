"""HSDS 3.0 JSON -> our organization records, as unverified drafts, with notes on everything left out.

The document is hostile until proven otherwise: any value may have the wrong type, any string may be megabytes
long, any field may be unknown. Nothing here raises on bad input; every value we cannot use becomes a note with
its JSON path, and the draft gets what could be mapped. People's names (HSDS contacts) are never imported.

Accepted shapes: the HSDS API's list page (`{"contents": [...]}`, as `ccci export --format hsds` writes), a
list, or one object; the items may be organizations (with `services`) or services (with `organization`).
Our own export comes back whole: ids travel as identifiers and attributes, see generator/opendata/hsds.py.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from generator.opendata import hsds
from generator.present import plain
from generator.records.dataset import Taxonomy
from generator.records.fmt import normalise_phone

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # control characters, except tab and newline
PHONE = re.compile(r"^(\+[1-9][0-9]{6,14}|[0-9]{3,6})$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
TIME = re.compile(r"^([01][0-9]|2[0-4]):([0-5][0-9])(:[0-5][0-9](\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$")
ZIP = re.compile(r"^([0-9]{5})(-[0-9]{4})?$")
KEYWORD = re.compile(r"^[A-Za-z0-9]{1,20}$")
AREA_LINE = re.compile(r"^(General area|Address): (?P<body>.+?)(?P<nozip> \(no ZIP code on record\))?\.$")
PLACEHOLDER_SOURCE = "https://example.org/TODO"
PLACEHOLDER_ORG = "TODO: say in plain words what this organization does and who it helps."
PLACEHOLDER_SERVICE = "TODO: say in plain words what this service does."
UNKNOWN_AREA = "todo"
MAX_NOTES_PER_KIND = 1
DEFAULT_LIMIT = 500
PHONE_TYPES = {"voice": "voice", "text": "text", "fax": "fax", "textphone": "tty", "cell": "voice"}
LANGUAGE_ALIASES = {
    "eng": "en", "spa": "es", "ara": "ar", "fra": "fr", "fre": "fr", "swa": "sw", "nep": "ne", "mya": "my",
    "bur": "my", "fas": "fa", "per": "fa", "rus": "ru", "ukr": "uk", "som": "so", "vie": "vi", "zho": "zh",
    "chi": "zh", "kor": "ko", "bos": "bs", "kik": "ki", "kin": "rw", "tgl": "tl", "por": "pt", "sgn-us": "ase",
}
STATES = {"idaho": "ID"}

# Fields each HSDS object may have (3.0), so that anything else is reported as unknown.
_NESTED = {
    "organization": "funding contacts phones locations programs organization_identifiers attributes metadata services",
    "service": "phones schedules service_areas service_at_locations languages organization funding cost_options "
               "program required_documents contacts attributes metadata",
    "location": "languages addresses contacts accessibility phones schedules attributes metadata",
    "phone": "languages attributes metadata",
    "service_at_location": "contacts phones schedules location attributes metadata",
    "attribute": "taxonomy_term metadata",
    "taxonomy_term": "taxonomy_detail metadata",
}
KNOWN = {name: set(fields.split()) | set(_NESTED.get(name, "attributes metadata").split())
         for name, (_, fields) in hsds.TABLES.items()}
# Fields we read, per object; the other known ones are reported as having no place in our records.
USED = {
    "organization": "id name alternate_name description email website phones locations organization_identifiers "
                    "attributes services",
    "service": "id organization_id name description url status interpretation_services application_process "
               "fees_description eligibility_description assured_date phones schedules service_areas "
               "service_at_locations languages organization required_documents attributes",
    "location": "id location_type organization_id name description latitude longitude external_identifier "
                "external_identifier_type addresses accessibility phones attributes",
    "phone": "id organization_id service_id location_id number extension type description languages attributes",
    "address": "id location_id address_1 address_2 city region state_province postal_code country address_type",
    "schedule": "id service_id freq byday opens_at closes_at description notes",
    "service_area": "id service_id name description",
    "service_at_location": "id service_id location_id location",
    "language": "id service_id phone_id location_id name code",
    "accessibility": "id location_id description",
    "required_document": "id service_id document",
    "attribute": "id link_id taxonomy_term_id link_type link_entity value taxonomy_term",
    "organization_identifier": "id organization_id identifier_type identifier identifier_scheme",
}
WHY_NOT = {
    "contacts": "people's names and details are never imported",
    "assurer_email": "people's details are never imported",
    "metadata": "change history is not kept in records",
}
_LIMITS = {  # our field -> JSON pointer of its maxLength in organization.schema.json
    "name": "/properties/name", "alternate_name": "/properties/alternate_name",
    "description": "/properties/description", "tag": "/properties/tags/items",
    "phone.description": "/$defs/phone/properties/description", "note": "/$defs/hours/oneOf/1/properties/note",
    "location.name": "/$defs/location/properties/name",
    "location.description": "/$defs/location/properties/description",
    "street": "/$defs/address/properties/street", "street2": "/$defs/address/properties/street2",
    "city": "/$defs/address/properties/city", "county": "/$defs/address/properties/county",
    "service.name": "/$defs/service/properties/name", "service.description": "/$defs/service/properties/description",
    "interpretation": "/$defs/service/properties/interpretation",
    "fees.description": "/$defs/service/properties/fees/properties/description",
    "eligibility": "/$defs/service/properties/eligibility",
    "steps": "/$defs/service/properties/how_to_get_help/properties/steps",
    "what_to_bring": "/$defs/service/properties/how_to_get_help/properties/what_to_bring/items",
    "notes": "/$defs/verification/properties/notes",
}


def slug(text: str, limit: int = 60) -> str:
    value = unicodedata.normalize("NFKD", text.replace("&", " and ").replace("'", "").replace("\u2019", ""))
    value = "".join(ch for ch in value if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", value).strip("-")[:limit].strip("-")


def _short(value: Any, limit: int = 40) -> str:
    text = " ".join(str(value)[:limit * 4].split())  # cut first: the value may be megabytes long
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return text if len(text) <= limit else text[:limit] + "..."


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


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


class Importer:
    """Maps one HSDS document; `run` returns the drafts and the notes."""

    def __init__(self, tax: Taxonomy, schema: dict[str, Any], source_url: str | None = None, day: str = "") -> None:
        self.tax = tax
        self.source_url = source_url
        self.day = day
        self.limits = {}
        for key, pointer in _LIMITS.items():
            node = _pointer(schema, pointer)
            self.limits[key] = int(node.get("maxLength", DEFAULT_LIMIT)) if isinstance(node, dict) else DEFAULT_LIMIT
        self.result = ImportResult()
        self.area_by_name = {str(a.get("name", "")).lower(): k for k, a in tax.service_areas.items()}
        self.sub_by_name = {str(s.get("name", "")).lower(): k for k, (_, s) in tax.subcategories.items()}
        self.pop_by_name = {str(p.get("name", "")).lower(): k for k, p in tax.populations.items()}
        self.lang_by_name = {str(x.get("name", "")).lower(): c for c, x in tax.languages.items()}
        self.region_by_name = {str(r.get("name", "")).lower(): k for k, r in tax.regions.items()}

    # ------------------------------------------------------------------------------------------- helpers

    def note(self, path: str, message: str) -> None:
        self.result.notes.append(Note(path, message))

    def check_fields(self, obj: dict[str, Any], kind: str, path: str) -> None:
        known, used = KNOWN.get(kind, set()), set(USED.get(kind, "").split())
        for key, value in obj.items():
            if not isinstance(key, str) or key not in known:
                self.note(f"{path}.{_short(key)}", "unknown field: left out")
            elif key not in used and value not in (None, "", [], {}):
                why = WHY_NOT.get(key, "no place for it in our records")
                self.note(f"{path}.{key}", f"not imported: {why}")

    def text(self, obj: dict[str, Any], key: str, path: str, limit: str | None = None,
             minimum: int = 1) -> str | None:
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.note(f"{path}.{key}", f"expected text, found {_kind(value)}: left out")
            return None
        value = _CONTROL.sub("", value).strip()
        if not value:
            return None
        most = self.limits.get(limit or key, DEFAULT_LIMIT)
        if len(value) > most:
            self.note(f"{path}.{key}", f"{len(value):,} characters, more than the {most} allowed: left out")
            return None
        if len(value) < minimum:
            self.note(f"{path}.{key}", f"'{_short(value)}' is shorter than {minimum} characters: left out")
            return None
        return value

    def objects(self, obj: dict[str, Any], key: str, path: str) -> list[tuple[str, dict[str, Any]]]:
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.note(f"{path}.{key}", f"expected a list, found {_kind(value)}: left out")
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append((f"{path}.{key}[{i}]", item))
            else:
                self.note(f"{path}.{key}[{i}]", f"expected an object, found {_kind(item)}: left out")
        return out

    def https(self, obj: dict[str, Any], key: str, path: str) -> str | None:
        value = self.text(obj, key, path, limit=key)
        if value is None:
            return None
        if not re.match(r"^https://[^\s/]+\.[^\s]+$", value) or any(ch in value for ch in "<>\"'`"):
            self.note(f"{path}.{key}", f"'{_short(value)}' is not an https:// address: left out")
            return None
        return value

    def attributes(self, obj: dict[str, Any], path: str) -> list[tuple[str, str, str | None, str]]:
        """(taxonomy name, term code, value, term name) of each attribute."""
        out = []
        for apath, attr in self.objects(obj, "attributes", path):
            self.check_fields(attr, "attribute", apath)
            term = attr.get("taxonomy_term") if isinstance(attr.get("taxonomy_term"), dict) else {}
            detail = term.get("taxonomy_detail") if isinstance(term.get("taxonomy_detail"), dict) else {}
            taxonomy = term.get("taxonomy") if isinstance(term.get("taxonomy"), str) else detail.get("name")
            code = term.get("code")
            value = attr.get("value")
            if value is not None and not isinstance(value, str):
                value = str(value) if isinstance(value, (int, float, bool)) else None
            name = term.get("name") if isinstance(term.get("name"), str) else ""
            if not isinstance(code, str) and not name:
                self.note(apath, "attribute without a taxonomy term we can read: left out")
                continue
            out.append((str(taxonomy or ""), str(code or ""), value, name))
        return out

    # ------------------------------------------------------------------------------------------- values

    def language(self, lang: dict[str, Any], path: str) -> str | None:
        code = lang.get("code") if isinstance(lang.get("code"), str) else ""
        name = lang.get("name") if isinstance(lang.get("name"), str) else ""
        code = code.strip().lower()
        code = LANGUAGE_ALIASES.get(code, code)
        if code in self.tax.languages:
            return code
        if name.strip().lower() in self.lang_by_name:
            return self.lang_by_name[name.strip().lower()]
        self.note(path, f"language '{_short(code or name)}' is not in data/taxonomy/languages.yaml: left out")
        return None

    def languages(self, obj: dict[str, Any], path: str) -> list[str]:
        out: list[str] = []
        for lpath, lang in self.objects(obj, "languages", path):
            self.check_fields(lang, "language", lpath)
            code = self.language(lang, lpath)
            if code and code not in out:
                out.append(code)
        return out

    def time(self, value: Any, path: str) -> str | None:
        if not isinstance(value, str) or not TIME.match(value.strip()):
            self.note(path, f"'{_short(value)}' is not a time like 09:00: left out")
            return None
        m = TIME.match(value.strip())
        assert m is not None
        if m.group(5):
            self.note(path, "time zone offset dropped: our times are local")
        hh = m.group(1)
        return "24:00" if hh == "24" else f"{hh}:{m.group(2)}"

    def parse_hours_value(self, value: str, path: str) -> Any:
        """The 'phone-hours' attribute back into our hours (see hsds.hours_value)."""
        if value == "24/7":
            return "24/7"
        blocks_text, _, note = value.partition(" | ")
        weekly = []
        for part in filter(None, (p.strip() for p in blocks_text.split(";"))):
            m = re.match(r"^([a-z,]+) ([0-9:]+)-([0-9:]+)$", part)
            days = m.group(1).split(",") if m else []
            if not m or not days or any(d not in hsds.ALL_DAYS for d in days):
                self.note(path, f"phone hours '{_short(part)}' could not be read: left out")
                continue
            opens, closes = self.time(m.group(2), path), self.time(m.group(3), path)
            if opens and closes:
                weekly.append({"days": days, "opens": opens, "closes": closes})
        out: dict[str, Any] = {}
        if weekly:
            out["weekly"] = weekly
        if note.strip() and len(note.strip()) <= self.limits["note"]:
            out["note"] = note.strip()
        return out or None

    def schedules(self, obj: dict[str, Any], path: str) -> Any:
        weekly: list[dict[str, Any]] = []
        notes: list[str] = []
        for spath, sch in self.objects(obj, "schedules", path):
            self.check_fields(sch, "schedule", spath)
            freq, byday = sch.get("freq"), sch.get("byday")
            desc = self.text(sch, "description", spath, limit="note")
            note = self.text(sch, "notes", spath, limit="note")
            has_time = sch.get("opens_at") is not None or sch.get("closes_at") is not None
            if has_time or byday is not None:
                days = [d.strip().lower() for d in byday.split(",")] if isinstance(byday, str) else []
                if freq not in (None, "WEEKLY") or not days or any(d not in hsds.ALL_DAYS for d in days):
                    self.note(spath, f"schedule rule (freq {_short(freq)}, byday {_short(byday)}) is not a "
                              "plain weekly one: left out")
                    days = []
                opens = self.time(sch.get("opens_at"), f"{spath}.opens_at")
                closes = self.time(sch.get("closes_at"), f"{spath}.closes_at")
                if days and opens and closes:
                    block = {"days": days, "opens": opens, "closes": closes}
                    weekly.append(block)
                    if desc and desc not in (plain.hours_text({"weekly": [block]}), hsds.ALWAYS_OPEN):
                        notes.append(desc)
                elif desc:
                    notes.append(desc)
            elif desc:
                notes.append(desc)
            if note:
                notes.append(note)
        if len(weekly) == 1 and sorted(weekly[0]["days"]) == sorted(hsds.ALL_DAYS) and \
                weekly[0]["opens"] == "00:00" and weekly[0]["closes"] in ("23:59", "24:00") and not notes:
            return "24/7"
        out: dict[str, Any] = {}
        if weekly:
            out["weekly"] = weekly
        note_text = " ".join(dict.fromkeys(notes))
        if note_text:
            if len(note_text) <= self.limits["note"]:
                out["note"] = note_text
            else:
                self.note(f"{path}.schedules", "schedule notes are longer than our limit: left out")
        return out or None

    def phone(self, ph: dict[str, Any], path: str) -> dict[str, Any] | None:
        self.check_fields(ph, "phone", path)
        raw = ph.get("number")
        if not isinstance(raw, str) or len(raw) > 40:
            found = "long text" if isinstance(raw, str) else _kind(raw)
            self.note(f"{path}.number", f"expected a phone number, found {found}: phone left out")
            return None
        number = normalise_phone(raw.strip())
        if not PHONE.match(number):
            self.note(f"{path}.number", f"'{_short(raw)}' is not a phone number we can read: phone left out")
            return None
        out: dict[str, Any] = {"number": number}
        ext = ph.get("extension")
        if isinstance(ext, bool) or ext is None:
            pass
        elif isinstance(ext, int) and 0 <= ext < 10**6 or isinstance(ext, str) and re.match(r"^[0-9]{1,6}$", ext):
            out["extension"] = str(ext)
        else:
            self.note(f"{path}.extension", f"'{_short(ext)}' is not an extension: left out")
        kind = ph.get("type")
        out["type"] = PHONE_TYPES.get(kind, "voice") if isinstance(kind, str) else "voice"
        if isinstance(kind, str) and kind not in PHONE_TYPES:
            self.note(f"{path}.type", f"phone type '{_short(kind)}' is not one of ours: imported as voice")
        desc = self.text(ph, "description", path, limit="phone.description")
        if desc:
            out["description"] = desc
        for taxonomy, code, value, _ in self.attributes(ph, path):
            if taxonomy != hsds.TAXONOMIES["directory"][0]:
                self.note(f"{path}.attributes", f"attribute '{_short(code)}' has no place on a phone: left out")
            elif code == "hotline" and value == "true" and out["type"] == "voice":
                out["type"] = "hotline"
            elif code == "text-keyword" and value and KEYWORD.match(value):
                out["text_keyword"] = value
            elif code == "phone-hours" and value:
                hours = self.parse_hours_value(value, f"{path}.attributes")
                if hours:
                    out["hours"] = hours
        langs = self.languages(ph, path)
        if langs:
            out["languages"] = langs
        return out

    def phones(self, obj: dict[str, Any], path: str) -> list[dict[str, Any]]:
        return [p for p in (self.phone(ph, ppath) for ppath, ph in self.objects(obj, "phones", path)) if p]

    # ------------------------------------------------------------------------------------------- places

    def area_from_text(self, desc: str) -> tuple[str, dict[str, str]]:
        """Split our 'General area: Boise, Ada County, ID.' line off a description (see hsds.Builder.location)."""
        paras = desc.split("\n\n")
        m = AREA_LINE.match(paras[-1].strip())
        if not m:
            return desc, {}
        parts = [p.strip() for p in m.group("body").split(", ")]
        addr: dict[str, str] = {}
        if parts and re.match(r"^[A-Z]{2}$", parts[-1]):
            addr["state"] = parts.pop()
        if parts and parts[-1].endswith(" County"):
            addr["county"] = parts.pop().removesuffix(" County")
        if parts:
            addr["city"] = parts.pop()
        if m.group(1) == "Address" and parts:
            addr["street"] = parts[0]
            if len(parts) > 1:
                addr["street2"] = ", ".join(parts[1:])
        return "\n\n".join(paras[:-1]).strip(), addr

    def address(self, loc: dict[str, Any], path: str) -> dict[str, str]:
        items = self.objects(loc, "addresses", path)
        items.sort(key=lambda pa: pa[1].get("address_type") != "physical")
        if len(items) > 1:
            self.note(f"{path}.addresses", f"{len(items)} addresses: only the first physical one is imported")
        for apath, a in items[:1]:
            self.check_fields(a, "address", apath)
            out: dict[str, str] = {}
            for ours, theirs, limit in (("street", "address_1", "street"), ("street2", "address_2", "street2"),
                                        ("city", "city", "city"), ("county", "region", "county")):
                value = self.text(a, theirs, apath, limit=limit)
                if value:
                    out[ours] = value.removesuffix(" County") if ours == "county" else value
            state = self.text(a, "state_province", apath, limit="city")
            if state:
                code = state.upper() if re.match(r"^[A-Za-z]{2}$", state) else STATES.get(state.lower())
                if code:
                    out["state"] = code
                else:
                    self.note(f"{apath}.state_province", f"'{_short(state)}' is not a two-letter state code: left out")
            zip_code = a.get("postal_code")
            if isinstance(zip_code, str) and ZIP.match(zip_code.strip()):
                out["postal_code"] = ZIP.match(zip_code.strip()).group(1)  # type: ignore[union-attr]
            elif zip_code not in (None, ""):
                self.note(f"{apath}.postal_code", f"'{_short(zip_code)}' is not a US ZIP code: left out")
            country = a.get("country")
            if isinstance(country, str) and country.upper() not in ("US", "USA"):
                self.note(f"{apath}.country", f"country '{_short(country)}' is not the US: check this address")
            return out
        return {}

    def location(self, loc: dict[str, Any], path: str, taken: set[str]) -> dict[str, Any] | None:
        self.check_fields(loc, "location", path)
        name = self.text(loc, "name", path, limit="location.name")
        ext, ext_type = loc.get("external_identifier"), loc.get("external_identifier_type")
        ident = ext if ext_type == hsds.LOCATION_ID_TYPE and isinstance(ext, str) and SLUG.match(ext) \
            and len(ext) <= 60 else slug(name or "") or "location"
        base, n = ident, 1
        while ident in taken:
            n += 1
            ident = f"{base[:56]}-{n}"
        attrs = self.attributes(loc, path)
        directory = hsds.TAXONOMIES["directory"][0]
        confidential = any(t == directory and c == "confidential-location" and v == "true" for t, c, v, _ in attrs)
        raw_desc = loc.get("description") if isinstance(loc.get("description"), str) else None
        desc, area = self.area_from_text(raw_desc) if raw_desc and len(raw_desc) < 100_000 else (raw_desc, {})
        addr = self.address(loc, path) or area
        if loc.get("location_type") not in (None, "physical"):
            self.note(f"{path}.location_type", f"a {_short(loc.get('location_type'))} location has no place in "
                      "our records: left out")
            return None
        if not addr.get("city") or not addr.get("state"):
            self.note(path, "location without a city and state: left out")
            return None
        out: dict[str, Any] = {"id": ident}
        if name:
            out["name"] = name
        if confidential:
            out["confidential"] = True
            if any(k in addr for k in ("street", "street2", "postal_code")) or loc.get("latitude") is not None:
                self.note(path, "confidential location: street, ZIP code and coordinates dropped")
            addr = {k: v for k, v in addr.items() if k not in ("street", "street2", "postal_code")}
        out["address"] = {k: addr[k] for k in ("street", "street2", "city", "county", "state", "postal_code")
                          if k in addr}
        lat, lon = loc.get("latitude"), loc.get("longitude")
        if not confidential and lat is not None:
            if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and not isinstance(lat, bool) \
                    and math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180:
                out["geo"] = {"lat": lat, "lon": lon}
            else:
                self.note(f"{path}.latitude", "coordinates are not numbers on the globe: left out")
        access = []
        reverse = {v.lower(): k for k, v in plain.ACCESSIBILITY.items()}
        for apath, acc in self.objects(loc, "accessibility", path):
            self.check_fields(acc, "accessibility", apath)
            d = acc.get("description")
            if isinstance(d, str) and d.strip().lower() in reverse:
                access.append(reverse[d.strip().lower()])
            else:
                self.note(apath, f"accessibility '{_short(d)}' is not one of our codes: left out")
        if access:
            out["accessibility"] = list(dict.fromkeys(access))
        safety = [v for t, c, v, _ in attrs if t == directory and c == "safety" and v in plain.SAFETY]
        if safety:
            out["safety"] = list(dict.fromkeys(safety))
        if desc:
            if len(desc) <= self.limits["location.description"]:
                out["description"] = desc
            else:
                self.note(f"{path}.description", f"{len(desc):,} characters, more than the "
                          f"{self.limits['location.description']} allowed: left out")
        taken.add(ident)
        return out

    # ------------------------------------------------------------------------------------------- services

    def coverage(self, svc: dict[str, Any], path: str) -> dict[str, Any]:
        scope, regions, counties = None, [], []
        for apath, area in self.objects(svc, "service_areas", path):
            self.check_fields(area, "service_area", apath)
            name = area.get("name") if isinstance(area.get("name"), str) else ""
            bare = name.strip().removesuffix(", Idaho").strip()
            county = bare.removesuffix(" County")
            if name.strip() == "United States":
                scope = "national"
            elif name.strip() == "Idaho":
                scope = scope or "statewide"
            elif bare.lower() in self.region_by_name:
                regions.append(self.region_by_name[bare.lower()])
            elif county in self.tax.county_region:
                counties.append(county)
            else:
                self.note(apath, f"service area '{_short(name)}' is not Idaho, a region or a county: left out")
        if scope:
            if regions or counties:
                self.note(f"{path}.service_areas", f"{scope} coverage: regions and counties left out")
            return {"scope": scope}
        if regions or counties:
            out: dict[str, Any] = {"scope": "local"}
            if regions:
                out["regions"] = list(dict.fromkeys(regions))
            if counties:
                out["counties"] = list(dict.fromkeys(counties))
            return out
        self.note(f"{path}.service_areas", "no service area we can read: set to statewide, check it")
        return {"scope": "statewide"}

    def classify(self, attrs: list[tuple[str, str, str | None, str]], path: str) -> dict[str, Any]:
        areas_tax, pops_tax, directory = (hsds.TAXONOMIES[k][0] for k in ("service-areas", "populations", "directory"))
        out: dict[str, Any] = {"areas": [], "categories": [], "populations": [], "flags": {}}
        for taxonomy, code, value, name in attrs:
            lname = name.strip().lower()
            if taxonomy == directory:
                out["flags"].setdefault(code, value)
            elif (taxonomy == areas_tax and code in self.tax.service_areas) or (
                    taxonomy != areas_tax and lname in self.area_by_name):
                out["areas"].append(code if taxonomy == areas_tax else self.area_by_name[lname])
            elif (taxonomy == areas_tax and code in self.tax.subcategories) or (
                    taxonomy != areas_tax and lname in self.sub_by_name):
                out["categories"].append(code if taxonomy == areas_tax else self.sub_by_name[lname])
            elif (taxonomy == pops_tax and code in self.tax.populations) or lname in self.pop_by_name:
                out["populations"].append(code if taxonomy == pops_tax else self.pop_by_name[lname])
            else:
                self.note(f"{path}.attributes", f"taxonomy term '{_short(name or code)}' ({_short(taxonomy)}) "
                          "matches none of ours: left out")
        return out

    def service(self, svc: dict[str, Any], path: str, taken: set[str],
                loc_ids: dict[str, str]) -> dict[str, Any] | None:
        self.check_fields(svc, "service", path)
        status = svc.get("status")
        if status in ("inactive", "defunct"):
            self.note(path, f"service is {status}: left out")
            return None
        if status == "temporarily closed":
            self.note(path, "service is temporarily closed: imported, check when it opens again")
        name = self.text(svc, "name", path, limit="service.name", minimum=2)
        if not name:
            self.note(path, "service without a name: left out")
            return None
        attrs = self.attributes(svc, path)
        cls = self.classify(attrs, path)
        flags = cls["flags"]
        given = flags.get("service-id")
        ident = given if isinstance(given, str) and SLUG.match(given) and len(given) <= 60 else slug(name) or "service"
        base, n = ident, 1
        while ident in taken:
            n += 1
            ident = f"{base[:56]}-{n}"
        taken.add(ident)
        out: dict[str, Any] = {"id": ident, "name": name}
        areas = list(dict.fromkeys(cls["areas"]))
        cats = list(dict.fromkeys(cls["categories"]))
        area = areas[0] if areas else (self.tax.subcategories[cats[0]][0] if cats else UNKNOWN_AREA)
        if len(areas) > 1:
            self.note(f"{path}.attributes", f"several service areas ({', '.join(areas)}): kept '{area}'")
        if area == UNKNOWN_AREA:
            self.note(path, "no CCCI service area: set to 'todo'; choose one (ccci validate will ask)")
        out["service_area"] = area
        kept = [c for c in cats if self.tax.subcategories[c][0] == area]
        if len(kept) < len(cats):
            self.note(f"{path}.attributes", f"categories of another service area left out: "
                      f"{', '.join(c for c in cats if c not in kept)}")
        if kept:
            out["categories"] = kept
        desc = self.text(svc, "description", path, limit="service.description", minimum=10)
        if not desc:
            self.note(f"{path}.description", "no usable description: a TODO was written")
        out["description"] = desc or PLACEHOLDER_SERVICE
        if cls["populations"]:
            out["populations"] = list(dict.fromkeys(cls["populations"]))
        langs = self.languages(svc, path)
        if langs:
            out["languages"] = langs
        interpretation = self.text(svc, "interpretation_services", path, limit="interpretation")
        if interpretation:
            out["interpretation"] = interpretation
        fee_type = flags.get("fee-type")
        fee_desc = self.text(svc, "fees_description", path, limit="fees.description")
        if fee_type in plain.FEES:
            out["fees"] = {"type": fee_type, **({"description": fee_desc} if fee_desc else {})}
        elif fee_desc:
            self.note(f"{path}.fees_description", "fees without a fee type (free, sliding-scale, insurance, fee): "
                      "left out; add it by hand")
        elig = self.text(svc, "eligibility_description", path, limit="eligibility")
        if elig:
            out["eligibility"] = elig
        how: dict[str, Any] = {}
        for flag, code in (("walk_in", "walk-in"), ("call_first", "call-first"), ("referral_required",
                                                                                    "referral-required")):
            if flags.get(code) in ("yes", "no"):
                how[flag] = flags[code] == "yes"
        steps = self.text(svc, "application_process", path, limit="steps")
        if steps:
            how["steps"] = steps
        docs = []
        for dpath, doc in self.objects(svc, "required_documents", path):
            self.check_fields(doc, "required_document", dpath)
            value = self.text(doc, "document", dpath, limit="what_to_bring")
            if value:
                docs.append(value)
        if docs:
            how["what_to_bring"] = docs
        if how:
            out["how_to_get_help"] = how
        hours = self.schedules(svc, path)
        if hours:
            out["hours"] = hours
        out["coverage"] = self.coverage(svc, path)
        locs = []
        for lpath, sal in self.objects(svc, "service_at_locations", path):
            self.check_fields(sal, "service_at_location", lpath)
            lid = sal.get("location_id")
            if not isinstance(lid, str) and isinstance(sal.get("location"), dict):
                lid = sal["location"].get("id")
            if isinstance(lid, str) and lid in loc_ids:
                locs.append(loc_ids[lid])
            else:
                self.note(lpath, "refers to a location we could not import: left out")
        if locs:
            out["locations"] = list(dict.fromkeys(locs))
        phones = self.phones(svc, path)
        if phones:
            out["phones"] = phones
        url = self.https(svc, "url", path)
        if url:
            out["url"] = url
        if isinstance(svc.get("assured_date"), str):
            self.result.counts["assured"] += 1
        return out

    # ------------------------------------------------------------------------------------------- organizations

    def organization(self, org: dict[str, Any], path: str, services: list[tuple[str, dict[str, Any]]],
                     taken: set[str]) -> dict[str, Any] | None:
        self.check_fields(org, "organization", path)
        name = self.text(org, "name", path, minimum=2)
        if not name:
            self.note(path, "organization without a usable name: left out")
            return None
        ident = ""
        for ipath, ident_obj in self.objects(org, "organization_identifiers", path):
            self.check_fields(ident_obj, "organization_identifier", ipath)
            value = ident_obj.get("identifier")
            if ident_obj.get("identifier_type") == hsds.ORG_ID_TYPE and isinstance(value, str) and \
                    SLUG.match(value) and len(value) <= 80:
                ident = value
        ident = ident or slug(name, 80) or "organization"
        if ident in taken:
            self.note(path, f"a second organization with the id '{ident}' in this file: left out")
            return None
        taken.add(ident)
        out: dict[str, Any] = {"id": ident, "name": name}
        alt = self.text(org, "alternate_name", path)
        if alt:
            out["alternate_name"] = alt
        desc = self.text(org, "description", path, minimum=10)
        if not desc:
            self.note(f"{path}.description", "no usable description: a TODO was written")
        out["description"] = desc or PLACEHOLDER_ORG
        website = self.https(org, "website", path)
        if website:
            out["website"] = website
        email = self.text(org, "email", path)
        if email and EMAIL.match(email):
            out["email"] = email
        elif email:
            self.note(f"{path}.email", f"'{_short(email)}' is not an email address: left out")
        phones = self.phones(org, path)
        loc_ids: dict[str, str] = {}
        locations: list[dict[str, Any]] = []
        taken_locs: set[str] = set()
        found = self.objects(org, "locations", path)
        for spath, svc in services:  # service_full style: the place is inside the service
            sals = svc.get("service_at_locations")
            for i, sal in enumerate(sals if isinstance(sals, list) else []):
                if isinstance(sal, dict) and isinstance(sal.get("location"), dict):
                    found.append((f"{spath}.service_at_locations[{i}].location", sal["location"]))
        for lpath, loc in found:
            hid = loc.get("id")
            if isinstance(hid, str) and hid in loc_ids:
                continue
            mapped = self.location(loc, lpath, taken_locs)
            if mapped:
                locations.append(mapped)
                if isinstance(hid, str):
                    loc_ids[hid] = mapped["id"]
                extra = self.phones(loc, lpath)
                if extra:
                    self.note(f"{lpath}.phones", "phones of a place were added to the organization's phones")
                    phones += [p for p in extra if p not in phones]
        if phones:
            out["phones"] = phones
        if locations:
            out["locations"] = locations
        taken_svcs: set[str] = set()
        out["services"] = [s for s in (self.service(svc, spath, taken_svcs, loc_ids) for spath, svc in services)
                           if s]
        if not out["services"]:
            self.note(path, "organization without a service we could import: left out")
            taken.discard(ident)
            return None
        tags = []
        for taxonomy, code, value, _ in self.attributes(org, path):
            if taxonomy == hsds.TAXONOMIES["directory"][0] and code == "keyword" and value and \
                    len(value) <= self.limits["tag"]:
                tags.append(value)
            elif not (taxonomy == hsds.TAXONOMIES["directory"][0] and code == "verification-method"):
                self.note(f"{path}.attributes", f"attribute '{_short(code)}' has no place on an organization: "
                          "left out")
        source = self.source_url or website or PLACEHOLDER_SOURCE
        if source == PLACEHOLDER_SOURCE:
            self.note(path, "no https source for this draft: add one in verification.sources")
        notes = "Imported from an HSDS 3.0 file" + (f" on {self.day}" if self.day else "") + \
            ". Confirm every fact with the organization before marking it verified."
        out["verification"] = {"status": "unverified", "sources": [{"url": source}], "notes": notes}
        if tags:
            out["tags"] = list(dict.fromkeys(tags))
        return out

    def run(self, doc: Any) -> ImportResult:
        items = self.items(doc)
        taken: set[str] = set()
        for path, org, services in items:
            record = self.organization(org, path, services, taken)
            if record:
                self.result.records.append(record)
        if not items:
            self.note("$", "no organizations or services found: expected an HSDS list page ({\"contents\": [...]}),"
                      " a list, or one organization or service")
        return self.result

    def items(self, doc: Any) -> list[tuple[str, dict[str, Any], list[tuple[str, dict[str, Any]]]]]:
        """(path, organization, its services) from any accepted shape."""
        if isinstance(doc, dict) and isinstance(doc.get("contents"), list):
            entries = [(f"$.contents[{i}]", x) for i, x in enumerate(doc["contents"])]
        elif isinstance(doc, list):
            entries = [(f"$[{i}]", x) for i, x in enumerate(doc)]
        elif isinstance(doc, dict) and ("name" in doc or "id" in doc):
            entries = [("$", doc)]
        else:
            return []
        out: list[tuple[str, dict[str, Any], list[tuple[str, dict[str, Any]]]]] = []
        by_org: dict[str, int] = {}
        for path, item in entries:
            if not isinstance(item, dict):
                self.note(path, f"expected an object, found {_kind(item)}: left out")
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


def import_document(doc: Any, tax: Taxonomy, schema: dict[str, Any], source_url: str | None = None,
                    day: str = "") -> ImportResult:
    """Map an HSDS 3.0 document (already parsed JSON) to draft records and notes. Never raises on bad input."""
    return Importer(tax, schema, source_url, day).run(doc)
