"""HSDS 3.0 locations and addresses into our places, on import, with the confidentiality rules: a location with
the `confidential-location` attribute keeps only its city, county and state (no street, ZIP code or coordinates),
whatever else the file holds. Our own export writes a place without a full address as a 'General area: ...' or
'Address: ...' line in the description (see hsds.py); that line is read back into the address.
"""

from __future__ import annotations

import math
import re
from typing import Any

from generator.opendata.hsds_read import SLUG, Attr, Reader, short, slug, unique
from generator.opendata.hsds_tables import LOCATION_ID_TYPE, TAXONOMIES
from generator.present import labels

ZIP = re.compile(r"^([0-9]{5})(-[0-9]{4})?$")
AREA_LINE = re.compile(r"^(General area|Address): (?P<body>.+?)(?P<nozip> \(no ZIP code on record\))?\.$")
STATES = {"idaho": "ID"}
PRIVATE = ("street", "street2", "postal_code")  # what a confidential place never keeps
ADDRESS_FIELDS = (
    ("street", "address_1", "street"),
    ("street2", "address_2", "street2"),
    ("city", "city", "city"),
    ("county", "region", "county"),
)  # ours, HSDS's, our limit


def area_from_text(desc: str) -> tuple[str, dict[str, str]]:
    """Split our 'General area: Boise, Ada County, ID.' line off a description (see hsds._Builder.location)."""
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


def _state(r: Reader, a: dict[str, Any], path: str) -> str | None:
    state = r.text(a, "state_province", path, limit="city")
    if not state:
        return None
    code = state.upper() if re.match(r"^[A-Za-z]{2}$", state) else STATES.get(state.lower())
    if not code:
        r.note(f"{path}.state_province", f"'{short(state)}' is not a two-letter state code: left out")
    return code


def _zip(r: Reader, zip_code: Any, path: str) -> str | None:
    m = ZIP.match(zip_code.strip()) if isinstance(zip_code, str) else None
    if m:
        return m.group(1)
    if zip_code not in (None, ""):
        r.note(f"{path}.postal_code", f"'{short(zip_code)}' is not a US ZIP code: left out")
    return None


def _one_address(r: Reader, a: dict[str, Any], path: str) -> dict[str, str]:
    r.check_fields(a, "address", path)
    out: dict[str, str] = {}
    for ours, theirs, limit in ADDRESS_FIELDS:
        value = r.text(a, theirs, path, limit=limit)
        if value:
            out[ours] = value.removesuffix(" County") if ours == "county" else value
    for key, value in (("state", _state(r, a, path)), ("postal_code", _zip(r, a.get("postal_code"), path))):
        if value:
            out[key] = value
    country = a.get("country")
    if isinstance(country, str) and country.upper() not in ("US", "USA"):
        r.note(f"{path}.country", f"country '{short(country)}' is not the US: check this address")
    return out


def address(r: Reader, loc: dict[str, Any], path: str) -> dict[str, str]:
    """The first physical address (or the first one), in our fields."""
    items = r.objects(loc, "addresses", path)
    items.sort(key=lambda pa: pa[1].get("address_type") != "physical")
    if len(items) > 1:
        r.note(f"{path}.addresses", f"{len(items)} addresses: only the first physical one is imported")
    return _one_address(r, items[0][1], items[0][0]) if items else {}


def _location_id(loc: dict[str, Any], name: str | None, taken: set[str]) -> str:
    ext, ext_type = loc.get("external_identifier"), loc.get("external_identifier_type")
    ours = ext_type == LOCATION_ID_TYPE and isinstance(ext, str) and SLUG.match(ext) and len(ext) <= 60
    return unique(ext if ours and isinstance(ext, str) else slug(name or "", 60) or "location", taken)


def _is_confidential(attrs: list[Attr]) -> bool:
    directory = TAXONOMIES["directory"][0]
    return any(a.taxonomy == directory and a.code == "confidential-location" and a.value == "true" for a in attrs)


def _coordinates(r: Reader, loc: dict[str, Any], path: str) -> dict[str, Any] | None:
    lat, lon = loc.get("latitude"), loc.get("longitude")
    if lat is None:
        return None
    if (
        isinstance(lat, (int, float))
        and isinstance(lon, (int, float))
        and not isinstance(lat, bool)
        and math.isfinite(lat)
        and math.isfinite(lon)
        and -90 <= lat <= 90
        and -180 <= lon <= 180
    ):
        return {"lat": lat, "lon": lon}
    r.note(f"{path}.latitude", "coordinates are not numbers on the globe: left out")
    return None


def _accessibility(r: Reader, loc: dict[str, Any], path: str) -> list[str]:
    access = []
    reverse = {v.lower(): k for k, v in labels.ACCESSIBILITY.items()}
    for apath, acc in r.objects(loc, "accessibility", path):
        r.check_fields(acc, "accessibility", apath)
        d = acc.get("description")
        if isinstance(d, str) and d.strip().lower() in reverse:
            access.append(reverse[d.strip().lower()])
        else:
            r.note(apath, f"accessibility '{short(d)}' is not one of our codes: left out")
    return list(dict.fromkeys(access))


def _usable(r: Reader, loc: dict[str, Any], addr: dict[str, str], path: str) -> bool:
    """A physical place with a city and state; anything else is noted and left out."""
    if loc.get("location_type") not in (None, "physical"):
        r.note(
            f"{path}.location_type",
            f"a {short(loc.get('location_type'))} location has no place in our records: left out",
        )
        return False
    if not addr.get("city") or not addr.get("state"):
        r.note(path, "location without a city and state: left out")
        return False
    return True


def location(r: Reader, loc: dict[str, Any], path: str, taken: set[str]) -> dict[str, Any] | None:
    r.check_fields(loc, "location", path)
    name = r.text(loc, "name", path, limit="location.name")
    ident = _location_id(loc, name, taken)
    attrs = r.attributes(loc, path)
    confidential = _is_confidential(attrs)
    raw_desc = loc.get("description") if isinstance(loc.get("description"), str) else None
    desc, area = area_from_text(raw_desc) if raw_desc and len(raw_desc) < 100_000 else (raw_desc, {})
    addr = address(r, loc, path) or area
    if not _usable(r, loc, addr, path):
        return None
    out: dict[str, Any] = {"id": ident}
    if name:
        out["name"] = name
    if confidential:
        out["confidential"] = True
        if any(k in addr for k in PRIVATE) or loc.get("latitude") is not None:
            r.note(path, "confidential location: street, ZIP code and coordinates dropped")
        addr = {k: v for k, v in addr.items() if k not in PRIVATE}
    out["address"] = {k: addr[k] for k in ("street", "street2", "city", "county", "state", "postal_code") if k in addr}
    if not confidential:
        geo = _coordinates(r, loc, path)
        if geo:
            out["geo"] = geo
    access = _accessibility(r, loc, path)
    if access:
        out["accessibility"] = access
    safety = [
        a.value
        for a in attrs
        if a.taxonomy == TAXONOMIES["directory"][0] and a.code == "safety" and a.value in labels.SAFETY
    ]
    if safety:
        out["safety"] = list(dict.fromkeys(safety))
    description = r.fits(desc, f"{path}.description", "location.description") if desc else None
    if description:
        out["description"] = description
    taken.add(ident)
    return out
