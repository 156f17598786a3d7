"""HSDS 3.0 JSON -> our organization records, as unverified drafts, with notes on everything left out.

The document is hostile until proven otherwise: any value may have the wrong type, any string may be megabytes
long, any field may be unknown. Nothing here raises on bad input; every value we cannot use becomes a note with
its JSON path, and the draft gets what could be mapped. People's names (HSDS contacts) are never imported.

Accepted shapes: the HSDS API's list page (`{"contents": [...]}`, as `ccci export --format hsds` writes), a
list, or one object; the items may be organizations (with `services`) or services (with `organization`).
Our own export comes back whole: ids travel as identifiers and attributes, see generator/opendata/hsds.py.

This module puts each organization together; the parts are hsds_read.py (the document's shapes, checked fields,
the notes), hsds_fields.py (which HSDS field goes where), hsds_values.py (languages, hours, phones),
hsds_places.py (places, with the confidentiality rules) and hsds_services.py (services).
"""

from __future__ import annotations

import re
from typing import Any

from generator.opendata import hsds_places as places
from generator.opendata import hsds_values as values
from generator.opendata.hsds_read import SLUG, Found, ImportResult, Note, Reader, put, short, slug, summarize
from generator.opendata.hsds_services import service
from generator.opendata.hsds_tables import ORG_ID_TYPE, TAXONOMIES
from generator.records.dataset import Taxonomy

__all__ = [
    "EMAIL",
    "PLACEHOLDER_ORG",
    "PLACEHOLDER_SOURCE",
    "ImportResult",
    "Importer",
    "Note",
    "import_document",
    "summarize",
]

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
PLACEHOLDER_SOURCE = "https://example.org/TODO"
PLACEHOLDER_ORG = "TODO: say in plain words what this organization does and who it helps."


class Importer(Reader):
    """Maps one HSDS document; `run` returns the drafts and the notes."""

    def __init__(self, tax: Taxonomy, schema: dict[str, Any], source_url: str | None = None, day: str = "") -> None:
        super().__init__(tax, schema)
        self.source_url = source_url
        self.day = day

    def run(self, doc: Any) -> ImportResult:
        items = self.items(doc)
        taken: set[str] = set()
        for path, org, services in items:
            record = self.organization(org, path, services, taken)
            if record:
                self.result.records.append(record)
        if not items:
            self.note(
                "$",
                'no organizations or services found: expected an HSDS list page ({"contents": [...]}),'
                " a list, or one organization or service",
            )
        return self.result

    def organization(
        self, org: dict[str, Any], path: str, services: list[Found], taken: set[str]
    ) -> dict[str, Any] | None:
        self.check_fields(org, "organization", path)
        name = self.text(org, "name", path, minimum=2)
        if not name:
            self.note(path, "organization without a usable name: left out")
            return None
        ident = self.org_id(org, path, name)
        if ident in taken:
            self.note(path, f"a second organization with the id '{ident}' in this file: left out")
            return None
        taken.add(ident)
        out: dict[str, Any] = {"id": ident, "name": name, **self.about(org, path)}
        phones, locations, loc_ids = self.places(org, path, services)
        put(out, "phones", phones)
        put(out, "locations", locations)
        taken_svcs: set[str] = set()
        out["services"] = [s for s in (service(self, svc, spath, taken_svcs, loc_ids) for spath, svc in services) if s]
        if not out["services"]:
            self.note(path, "organization without a service we could import: left out")
            taken.discard(ident)
            return None
        tags = self.tags(org, path)
        out["verification"] = self.verification(path, out.get("website"))
        put(out, "tags", list(dict.fromkeys(tags)))
        return out

    def org_id(self, org: dict[str, Any], path: str, name: str) -> str:
        """Our id as our export wrote it (an organization identifier), else one made from the name."""
        ident = ""
        for ipath, ident_obj in self.objects(org, "organization_identifiers", path):
            self.check_fields(ident_obj, "organization_identifier", ipath)
            value = ident_obj.get("identifier")
            if (
                ident_obj.get("identifier_type") == ORG_ID_TYPE
                and isinstance(value, str)
                and SLUG.match(value)
                and len(value) <= 80
            ):
                ident = value
        return ident or slug(name, 80) or "organization"

    def about(self, org: dict[str, Any], path: str) -> dict[str, Any]:
        """Alternate name, description (a TODO when there is none), website and email."""
        out: dict[str, Any] = {}
        put(out, "alternate_name", self.text(org, "alternate_name", path))
        desc = self.text(org, "description", path, minimum=10)
        if not desc:
            self.note(f"{path}.description", "no usable description: a TODO was written")
        out["description"] = desc or PLACEHOLDER_ORG
        put(out, "website", self.https(org, "website", path))
        email = self.text(org, "email", path)
        if email and EMAIL.match(email):
            out["email"] = email
        elif email:
            self.note(f"{path}.email", f"'{short(email)}' is not an email address: left out")
        return out

    def places(
        self, org: dict[str, Any], path: str, services: list[Found]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, str]]:
        """The organization's phones (with its places' phones), its places, and our id of each HSDS location id."""
        phones = values.phones(self, org, path)
        loc_ids: dict[str, str] = {}
        locations: list[dict[str, Any]] = []
        taken: set[str] = set()
        for lpath, loc in self.objects(org, "locations", path) + _service_locations(services):
            hid = loc.get("id")
            if isinstance(hid, str) and hid in loc_ids:
                continue
            mapped = places.location(self, loc, lpath, taken)
            if not mapped:
                continue
            locations.append(mapped)
            if isinstance(hid, str):
                loc_ids[hid] = mapped["id"]
            extra = values.phones(self, loc, lpath)
            if extra:
                self.note(f"{lpath}.phones", "phones of a place were added to the organization's phones")
                phones += [p for p in extra if p not in phones]
        return phones, locations, loc_ids

    def tags(self, org: dict[str, Any], path: str) -> list[str]:
        """Search words: the organization's 'Keyword' attributes; other attributes are noted."""
        directory = TAXONOMIES["directory"][0]
        tags = []
        for taxonomy, code, value, _ in self.attributes(org, path):
            if taxonomy == directory and code == "keyword" and value and len(value) <= self.limits["tag"]:
                tags.append(value)
            elif not (taxonomy == directory and code == "verification-method"):
                self.note(f"{path}.attributes", f"attribute '{short(code)}' has no place on an organization: left out")
        return tags

    def verification(self, path: str, website: str | None) -> dict[str, Any]:
        """Unverified, with the file's address (or the website) as its source."""
        source = self.source_url or website or PLACEHOLDER_SOURCE
        if source == PLACEHOLDER_SOURCE:
            self.note(path, "no https source for this draft: add one in verification.sources")
        notes = (
            "Imported from an HSDS 3.0 file"
            + (f" on {self.day}" if self.day else "")
            + ". Confirm every fact with the organization before marking it verified."
        )
        return {"status": "unverified", "sources": [{"url": source}], "notes": notes}


def _service_locations(services: list[Found]) -> list[Found]:
    """service_full style: the place is inside the service."""
    found = []
    for spath, svc in services:
        sals = svc.get("service_at_locations")
        for i, sal in enumerate(sals if isinstance(sals, list) else []):
            if isinstance(sal, dict) and isinstance(sal.get("location"), dict):
                found.append((f"{spath}.service_at_locations[{i}].location", sal["location"]))
    return found


def import_document(
    doc: Any, tax: Taxonomy, schema: dict[str, Any], source_url: str | None = None, day: str = ""
) -> ImportResult:
    """Map an HSDS 3.0 document (already parsed JSON) to draft records and notes. Never raises on bad input."""
    return Importer(tax, schema, source_url, day).run(doc)
