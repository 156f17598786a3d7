"""Our records as Open Referral HSDS 3.0: one JSON document (organizations with their services) and its tables.

The JSON is the `organization_list` shape of the HSDS API (`contents` holds full organizations, each with its
`services`, as in the specification's `organization_full` example). Every id is a UUID 5 of our own id, so two
builds of the same records give the same bytes. What HSDS has no field for travels as an attribute of our
"CCCI directory fields" taxonomy, whose value holds the fact (see FIELD_TERMS); `NOT_CARRIED` lists the rest.
The tables, taxonomies, ids and the tabular form are in hsds_tables.py (their names are re-exported here).

A confidential location gets no address and no coordinates, only its general area in words and the
`confidential-location` attribute (the shape in the shared research notes, anchors section 1.5).
"""

from __future__ import annotations

from typing import Any

from generator.opendata.hsds_tables import (
    ALL_DAYS,
    ALWAYS_OPEN,
    AREA_LABEL,
    FIELD_TERMS,
    HSDS_VERSION,
    LOCATION_ID_TYPE,
    NOT_CARRIED,
    NUMBER_FIELDS,
    ORG_ID_TYPE,
    PHONE_TYPES,
    TABLES,
    TAXONOMIES,
    Hsds,
    as_dict,
    tables,
    uid,
)
from generator.opendata.hsds_terms import _put, _s, _Terms, area_text, hours_value
from generator.present import labels, plain
from generator.records.dataset import Dataset
from generator.records.redact import public_records

__all__ = [
    "ALL_DAYS",
    "ALWAYS_OPEN",
    "AREA_LABEL",
    "FIELD_TERMS",
    "HSDS_VERSION",
    "LOCATION_ID_TYPE",
    "NOT_CARRIED",
    "NUMBER_FIELDS",
    "ORG_ID_TYPE",
    "PHONE_TYPES",
    "TABLES",
    "TAXONOMIES",
    "Hsds",
    "area_text",
    "build",
    "hours_value",
    "tables",
    "uid",
]


class _Builder:
    def __init__(self, ds: Dataset) -> None:
        self.tax = ds.taxonomy
        self.terms = _Terms(ds.taxonomy)

    def languages(self, codes: Any, owner: str, owner_id: str) -> list[dict[str, Any]]:
        return [
            {"id": uid("language", owner_id, code), owner: owner_id, "name": self.tax.language_name(code), "code": code}
            for code in plain.strings(codes)
        ]

    def phones(self, items: Any, owner: str, owner_id: str, key: str) -> list[dict[str, Any]]:
        out, seen = [], set()
        for ph in plain.dicts(items):
            base = f"{key}/{ph.get('number')}/{ph.get('type')}"
            name, n = base, 1
            while name in seen:  # the same number and type twice: keep both, with distinct ids
                n += 1
                name = f"{base}/{n}"
            seen.add(name)
            pid = uid("phone", name)
            obj: dict[str, Any] = {"id": pid, owner: owner_id, "number": ph.get("number")}
            ext = _s(ph.get("extension"))
            if ext is not None:
                obj["extension"] = int(ext)
            obj["type"] = PHONE_TYPES.get(str(ph.get("type")), "voice")
            _put(obj, "description", _s(ph.get("description")))
            _put(obj, "languages", self.languages(ph.get("languages"), "phone_id", pid))
            attrs = []
            if ph.get("type") == "hotline":
                attrs.append(self.terms.attribute("directory", "hotline", "phone", pid, "true"))
            if _s(ph.get("text_keyword")):
                attrs.append(self.terms.attribute("directory", "text-keyword", "phone", pid, ph["text_keyword"]))
            if hours_value(ph.get("hours")):
                attrs.append(
                    self.terms.attribute("directory", "phone-hours", "phone", pid, hours_value(ph.get("hours")))
                )
            _put(obj, "attributes", attrs)
            out.append(obj)
        return out

    def location(self, org_id: str, loc: dict[str, Any]) -> dict[str, Any]:
        lid = uid("location", org_id, str(loc.get("id")))
        addr = as_dict(loc.get("address"))
        confidential = loc.get("confidential") is True
        full = not confidential and all(_s(addr.get(k)) for k in ("street", "city", "state", "postal_code"))
        obj: dict[str, Any] = {"id": lid, "location_type": "physical", "organization_id": uid("organization", org_id)}
        _put(obj, "name", _s(loc.get("name")))
        desc = [d for d in [_s(loc.get("description"))] if d]
        if not full:
            where = area_text(addr, with_street=not confidential)
            if where:
                desc.append(
                    f"{AREA_LABEL}: {where}."
                    if confidential or not _s(addr.get("street"))
                    else f"Address: {where} (no ZIP code on record)."
                )
        _put(obj, "description", "\n\n".join(desc))
        geo = as_dict(loc.get("geo"))
        if not confidential and isinstance(geo.get("lat"), (int, float)) and isinstance(geo.get("lon"), (int, float)):
            obj["latitude"], obj["longitude"] = geo["lat"], geo["lon"]
        obj["external_identifier"] = loc.get("id")
        obj["external_identifier_type"] = LOCATION_ID_TYPE
        if full:
            address: dict[str, Any] = {
                "id": uid("address", org_id, str(loc.get("id"))),
                "location_id": lid,
                "address_1": addr["street"],
            }
            _put(address, "address_2", _s(addr.get("street2")))
            address["city"] = addr["city"]
            _put(address, "region", f"{addr['county']} County" if _s(addr.get("county")) else None)
            address.update(
                state_province=addr["state"], postal_code=addr["postal_code"], country="US", address_type="physical"
            )
            obj["addresses"] = [address]
        _put(
            obj,
            "accessibility",
            [
                {
                    "id": uid("accessibility", org_id, str(loc.get("id")), code),
                    "location_id": lid,
                    "description": labels.ACCESSIBILITY.get(code, code),
                }
                for code in plain.strings(loc.get("accessibility"))
            ],
        )
        attrs = []
        if confidential:
            attrs.append(self.terms.attribute("directory", "confidential-location", "location", lid, "true"))
        attrs += [
            self.terms.attribute("directory", "safety", "location", lid, code)
            for code in plain.strings(loc.get("safety"))
        ]
        _put(obj, "attributes", attrs)
        return obj

    def schedules(self, hours: Any, sid: str, key: str) -> list[dict[str, Any]]:
        if hours == "24/7":
            return [
                {
                    "id": uid("schedule", key, "0"),
                    "service_id": sid,
                    "freq": "WEEKLY",
                    "byday": ",".join(d.upper() for d in ALL_DAYS),
                    "description": ALWAYS_OPEN,
                    "opens_at": "00:00",
                    "closes_at": "23:59",
                }
            ]
        if not isinstance(hours, dict):
            return []
        note = _s(hours.get("note"))
        out = []
        for i, block in enumerate(plain.dicts(hours.get("weekly"))):
            days = [d for d in ALL_DAYS if d in plain.strings(block.get("days"))]
            obj = {
                "id": uid("schedule", key, str(i)),
                "service_id": sid,
                "freq": "WEEKLY",
                "byday": ",".join(d.upper() for d in days),
                "description": plain.hours_text({"weekly": [block]}),
                "opens_at": block.get("opens"),
                "closes_at": block.get("closes"),
            }
            _put(obj, "notes", note)
            out.append(obj)
        if not out and note:
            out.append({"id": uid("schedule", key, "note"), "service_id": sid, "description": note})
        return out

    def service_areas(self, cov: Any, sid: str, key: str) -> list[dict[str, Any]]:
        cov = cov if isinstance(cov, dict) else {}
        areas: list[tuple[str, str, str]] = []
        if cov.get("scope") == "national":
            areas.append(("national", "United States", "Anywhere in the United States."))
        elif cov.get("scope") == "statewide":
            areas.append(("statewide", "Idaho", "Anywhere in Idaho."))
        for region in plain.strings(cov.get("regions")):
            info = self.tax.regions.get(region, {})
            counties = plain.join(plain.strings(info.get("counties")))
            areas.append(
                (
                    f"region:{region}",
                    f"{info.get('name', region)}, Idaho",
                    f"Idaho public health district {info.get('number', '?')}: {counties} counties.",
                )
            )
        for county in plain.strings(cov.get("counties")):
            areas.append((f"county:{county}", f"{county} County, Idaho", f"Anywhere in {county} County, Idaho."))
        return [
            {"id": uid("service_area", key, code), "service_id": sid, "name": name, "description": desc}
            for code, name, desc in areas
        ]

    def service(self, org: dict[str, Any], svc: dict[str, Any]) -> dict[str, Any]:
        org_id, svc_id = str(org.get("id")), str(svc.get("id"))
        key = f"{org_id}/{svc_id}"
        sid = uid("service", org_id, svc_id)
        obj: dict[str, Any] = {"id": sid, "organization_id": uid("organization", org_id), "name": svc.get("name")}
        _put(obj, "description", _s(svc.get("description")))
        _put(obj, "url", _s(svc.get("url")))
        obj["status"] = "active"
        _put(obj, "interpretation_services", _s(svc.get("interpretation")))
        how = as_dict(svc.get("how_to_get_help"))
        _put(obj, "application_process", _s(how.get("steps")))
        fees = as_dict(svc.get("fees"))
        _put(obj, "fees_description", _s(fees.get("description")))
        _put(obj, "eligibility_description", _s(svc.get("eligibility")))
        ver = as_dict(org.get("verification"))
        if ver.get("status") == "verified":
            _put(obj, "assured_date", _s(ver.get("last_verified")))
        _put(obj, "phones", self.phones(svc.get("phones"), "service_id", sid, key))
        _put(obj, "schedules", self.schedules(svc.get("hours"), sid, key))
        _put(obj, "service_areas", self.service_areas(svc.get("coverage"), sid, key))
        _put(
            obj,
            "service_at_locations",
            [
                {
                    "id": uid("service_at_location", key, loc),
                    "service_id": sid,
                    "location_id": uid("location", org_id, loc),
                }
                for loc in plain.strings(svc.get("locations"))
            ],
        )
        _put(obj, "languages", self.languages(svc.get("languages"), "service_id", sid))
        _put(
            obj,
            "required_documents",
            [
                {"id": uid("required_document", key, str(i)), "service_id": sid, "document": doc}
                for i, doc in enumerate(plain.strings(how.get("what_to_bring")))
            ],
        )
        attrs = [self.terms.attribute("directory", "service-id", "service", sid, svc_id)]
        area = svc.get("service_area")
        if (("service-areas", area)) in self.terms.terms:
            attrs.append(self.terms.attribute("service-areas", str(area), "service", sid))
        attrs += [
            self.terms.attribute("service-areas", c, "service", sid)
            for c in plain.strings(svc.get("categories"))
            if ("service-areas", c) in self.terms.terms
        ]
        attrs += [
            self.terms.attribute("populations", p, "service", sid)
            for p in plain.strings(svc.get("populations"))
            if ("populations", p) in self.terms.terms
        ]
        if _s(fees.get("type")):
            attrs.append(self.terms.attribute("directory", "fee-type", "service", sid, fees["type"]))
        for flag, code in (
            ("walk_in", "walk-in"),
            ("call_first", "call-first"),
            ("referral_required", "referral-required"),
        ):
            if isinstance(how.get(flag), bool):
                attrs.append(self.terms.attribute("directory", code, "service", sid, "yes" if how[flag] else "no"))
        obj["attributes"] = attrs
        return obj

    def organization(self, org: dict[str, Any]) -> dict[str, Any]:
        org_id = str(org.get("id"))
        oid = uid("organization", org_id)
        obj: dict[str, Any] = {"id": oid, "name": org.get("name")}
        _put(obj, "alternate_name", _s(org.get("alternate_name")))
        obj["description"] = org.get("description")
        _put(obj, "email", _s(org.get("email")))
        _put(obj, "website", _s(org.get("website")))
        _put(obj, "phones", self.phones(org.get("phones"), "organization_id", oid, org_id))
        _put(obj, "locations", [self.location(org_id, loc) for loc in plain.dicts(org.get("locations"))])
        obj["organization_identifiers"] = [
            {
                "id": uid("organization_identifier", org_id),
                "organization_id": oid,
                "identifier_type": ORG_ID_TYPE,
                "identifier": org_id,
            }
        ]
        attrs = []
        ver = as_dict(org.get("verification"))
        if ver.get("status") == "verified" and _s(ver.get("method")):
            attrs.append(self.terms.attribute("directory", "verification-method", "organization", oid, ver["method"]))
        attrs += [
            self.terms.attribute("directory", "keyword", "organization", oid, tag)
            for tag in plain.strings(org.get("tags"))
        ]
        _put(obj, "attributes", attrs)
        obj["services"] = [self.service(org, svc) for svc in plain.dicts(org.get("services"))]
        return obj


def build(ds: Dataset) -> Hsds:
    """The HSDS 3.0 document for a dataset (valid records expected; confidential details never leave)."""
    b = _Builder(ds)
    orgs = [b.organization(org) for org in public_records(ds)]
    doc = {
        "total_items": len(orgs),
        "total_pages": 1,
        "page_number": 1,
        "size": len(orgs),
        "first_page": True,
        "last_page": True,
        "empty": not orgs,
        "contents": orgs,
    }
    terms: list[dict[str, Any]] = [dict(t) for t in b.terms.terms.values()]
    return Hsds(doc, list(b.terms.taxonomies.values()), terms)
