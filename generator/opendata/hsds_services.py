"""HSDS 3.0 services into ours, on import: the service area, categories and populations (taxonomy terms), how to
get help, fees, coverage (service areas), hours, places and phones. A service gets 'todo' as its service area
when no term matches ours (`ccci validate` then asks for one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.opendata import hsds_values as values
from generator.opendata.hsds_read import SLUG, Attr, Reader, as_text, put, short, slug, unique
from generator.opendata.hsds_tables import TAXONOMIES
from generator.present import labels

PLACEHOLDER_SERVICE = "TODO: say in plain words what this service does."
UNKNOWN_AREA = "todo"
HOW_FLAGS = (("walk_in", "walk-in"), ("call_first", "call-first"), ("referral_required", "referral-required"))


@dataclass
class Classified:
    """A service's attributes sorted into our taxonomies; `flags` are the 'CCCI directory fields' (code -> value)."""

    areas: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    populations: list[str] = field(default_factory=list)
    flags: dict[str, str | None] = field(default_factory=dict)


# ------------------------------------------------------------------------------------------------ coverage


def _place_name(r: Reader, name: str) -> tuple[str, str] | None:
    """('scope', 'national'|'statewide'), ('region', id) or ('county', name) for a service area's name."""
    bare = name.strip().removesuffix(", Idaho").strip()
    county = bare.removesuffix(" County")
    if name.strip() == "United States":
        return "scope", "national"
    if name.strip() == "Idaho":
        return "scope", "statewide"
    if bare.lower() in r.region_by_name:
        return "region", r.region_by_name[bare.lower()]
    if county in r.tax.county_region:
        return "county", county
    return None


def coverage(r: Reader, svc: dict[str, Any], path: str) -> dict[str, Any]:
    scope: str | None = None
    found: dict[str, list[str]] = {"regions": [], "counties": []}
    for apath, area in r.objects(svc, "service_areas", path):
        r.check_fields(area, "service_area", apath)
        name = as_text(area.get("name"))
        place = _place_name(r, name)
        if place is None:
            r.note(apath, f"service area '{short(name)}' is not Idaho, a region or a county: left out")
        elif place[0] == "scope":
            scope = "national" if place[1] == "national" else scope or "statewide"
        else:
            found["regions" if place[0] == "region" else "counties"].append(place[1])
    local = {k: list(dict.fromkeys(v)) for k, v in found.items() if v}
    if scope:
        if local:
            r.note(f"{path}.service_areas", f"{scope} coverage: regions and counties left out")
        return {"scope": scope}
    if local:
        return {"scope": "local", **local}
    r.note(f"{path}.service_areas", "no service area we can read: set to statewide, check it")
    return {"scope": "statewide"}


# ------------------------------------------------------------------------------------------------ terms


def _term(r: Reader, attr: Attr) -> tuple[str, str] | None:
    """Which of our lists a service's term belongs to ('areas', 'categories', 'populations'), and our code."""
    areas_tax, pops_tax = TAXONOMIES["service-areas"][0], TAXONOMIES["populations"][0]
    taxonomy, code, lname = attr.taxonomy, attr.code, attr.name.strip().lower()
    if taxonomy == areas_tax:
        if code in r.tax.service_areas:
            return "areas", code
        if code in r.tax.subcategories:
            return "categories", code
    elif lname in r.area_by_name:
        return "areas", r.area_by_name[lname]
    elif lname in r.sub_by_name:
        return "categories", r.sub_by_name[lname]
    if taxonomy == pops_tax and code in r.tax.populations:
        return "populations", code
    if lname in r.pop_by_name:
        return "populations", code if taxonomy == pops_tax else r.pop_by_name[lname]
    return None


def classify(r: Reader, attrs: list[Attr], path: str) -> Classified:
    out = Classified()
    lists = {"areas": out.areas, "categories": out.categories, "populations": out.populations}
    for attr in attrs:
        if attr.taxonomy == TAXONOMIES["directory"][0]:
            out.flags.setdefault(attr.code, attr.value)
            continue
        term = _term(r, attr)
        if term:
            lists[term[0]].append(term[1])
        else:
            r.note(
                f"{path}.attributes",
                f"taxonomy term '{short(attr.name or attr.code)}' "
                f"({short(attr.taxonomy)}) matches none of ours: left out",
            )
    return out


def _service_area(r: Reader, out: dict[str, Any], cls: Classified, path: str) -> None:
    """One service area (the first; 'todo' when none matched) and the categories that belong to it."""
    areas = list(dict.fromkeys(cls.areas))
    cats = list(dict.fromkeys(cls.categories))
    area = areas[0] if areas else (r.tax.subcategories[cats[0]][0] if cats else UNKNOWN_AREA)
    if len(areas) > 1:
        r.note(f"{path}.attributes", f"several service areas ({', '.join(areas)}): kept '{area}'")
    if area == UNKNOWN_AREA:
        r.note(path, "no CCCI service area: set to 'todo'; choose one (ccci validate will ask)")
    out["service_area"] = area
    kept = [c for c in cats if r.tax.subcategories[c][0] == area]
    if len(kept) < len(cats):
        r.note(
            f"{path}.attributes",
            f"categories of another service area left out: {', '.join(c for c in cats if c not in kept)}",
        )
    put(out, "categories", kept)


# ------------------------------------------------------------------------------------------------ the service


def _open(r: Reader, svc: dict[str, Any], path: str) -> bool:
    status = svc.get("status")
    if status in ("inactive", "defunct"):
        r.note(path, f"service is {status}: left out")
        return False
    if status == "temporarily closed":
        r.note(path, "service is temporarily closed: imported, check when it opens again")
    return True


def _service_id(flags: dict[str, str | None], name: str, taken: set[str]) -> str:
    given = flags.get("service-id")
    ident = given if isinstance(given, str) and SLUG.match(given) and len(given) <= 60 else slug(name, 60) or "service"
    ident = unique(ident, taken)
    taken.add(ident)
    return ident


def _fees(r: Reader, svc: dict[str, Any], fee_type: str | None, path: str) -> dict[str, Any] | None:
    fee_desc = r.text(svc, "fees_description", path, limit="fees.description")
    if fee_type in labels.FEES:
        return {"type": fee_type, **({"description": fee_desc} if fee_desc else {})}
    if fee_desc:
        r.note(
            f"{path}.fees_description",
            "fees without a fee type (free, sliding-scale, insurance, fee): left out; add it by hand",
        )
    return None


def _how_to_get_help(r: Reader, svc: dict[str, Any], flags: dict[str, str | None], path: str) -> dict[str, Any]:
    how: dict[str, Any] = {flag: flags[code] == "yes" for flag, code in HOW_FLAGS if flags.get(code) in ("yes", "no")}
    put(how, "steps", r.text(svc, "application_process", path, limit="steps"))
    put(
        how,
        "what_to_bring",
        r.texts(svc, "required_documents", "required_document", "document", path, limit="what_to_bring"),
    )
    return how


def _places(r: Reader, svc: dict[str, Any], path: str, loc_ids: dict[str, str]) -> list[str]:
    """Our ids of the service's places (the organization's locations, already imported: HSDS id -> our id)."""
    locs = []
    for lpath, sal in r.objects(svc, "service_at_locations", path):
        r.check_fields(sal, "service_at_location", lpath)
        lid = sal.get("location_id")
        if not isinstance(lid, str) and isinstance(sal.get("location"), dict):
            lid = sal["location"].get("id")
        if isinstance(lid, str) and lid in loc_ids:
            locs.append(loc_ids[lid])
        else:
            r.note(lpath, "refers to a location we could not import: left out")
    return list(dict.fromkeys(locs))


def service(
    r: Reader, svc: dict[str, Any], path: str, taken: set[str], loc_ids: dict[str, str]
) -> dict[str, Any] | None:
    r.check_fields(svc, "service", path)
    if not _open(r, svc, path):
        return None
    name = r.text(svc, "name", path, limit="service.name", minimum=2)
    if not name:
        r.note(path, "service without a name: left out")
        return None
    cls = classify(r, r.attributes(svc, path), path)
    out: dict[str, Any] = {"id": _service_id(cls.flags, name, taken), "name": name}
    _service_area(r, out, cls, path)
    desc = r.text(svc, "description", path, limit="service.description", minimum=10)
    if not desc:
        r.note(f"{path}.description", "no usable description: a TODO was written")
    out["description"] = desc or PLACEHOLDER_SERVICE
    put(out, "populations", list(dict.fromkeys(cls.populations)))
    put(out, "languages", values.languages(r, svc, path))
    put(out, "interpretation", r.text(svc, "interpretation_services", path, limit="interpretation"))
    put(out, "fees", _fees(r, svc, cls.flags.get("fee-type"), path))
    put(out, "eligibility", r.text(svc, "eligibility_description", path, limit="eligibility"))
    put(out, "how_to_get_help", _how_to_get_help(r, svc, cls.flags, path))
    put(out, "hours", values.schedules(r, svc, path))
    out["coverage"] = coverage(r, svc, path)
    put(out, "locations", _places(r, svc, path, loc_ids))
    put(out, "phones", values.phones(r, svc, path))
    put(out, "url", r.https(svc, "url", path))
    if isinstance(svc.get("assured_date"), str):
        r.result.counts["assured"] += 1
    return out
