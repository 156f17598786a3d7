"""What may leave the repository: the one place that makes records fit to publish, used by every output (pages,
the finder, JSON-LD, print sheets and the open-data exports all start from `publishable` or `public_record`).

Maintainers' notes stay behind. A confidential place is reduced to a neutral id, its town (only a real Idaho place
name, as the ZIP-code table writes it), its county (only one of Idaho's counties) and state ID: no name,
description, street, ZIP code, coordinates or anything else, since any of them could give a shelter away.
In the rest of such a record, street shapes, ZIP codes, coordinates and map links are cut out of every text.

Validation already refuses all of this (generator/records/rules_safety.py); this is the second lock, for data that
skipped validation.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from generator.records import leaks
from generator.records.dataset import Dataset, is_retired

PUBLIC_ADDRESS_KEYS = ("city", "county", "state")
REMOVED = "[removed]"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Text that is not prose, left as it is (a phone number is digits the reader needs).
_KEEP = frozenset(
    {
        "number",
        "extension",
        "last_verified",
        "seen",
        "opens",
        "closes",
        "type",
        "status",
        "method",
        "service_area",
        "confidential",
    }
)
_LINKS = frozenset({"url", "website"})


def is_confidential(loc: Any) -> bool:
    return isinstance(loc, dict) and loc.get("confidential") is True


def has_confidential_place(org: Any) -> bool:
    locs = org.get("locations") if isinstance(org, dict) else None
    return isinstance(locs, list) and any(is_confidential(x) for x in locs)


def plain_copy(value: Any) -> Any:
    """A deep copy of loaded YAML (records.load: dicts, lists and scalars, no aliases): what copy.deepcopy gives,
    in two thirds of its time (10,000 records: 1.45 -> 0.92 s; the build copies them once)."""
    if isinstance(value, dict):
        return {k: plain_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_copy(v) for v in value]
    return value


def public_record(org: dict[str, Any], counties: Any = None) -> dict[str, Any]:
    """A copy of a record fit for publishing. `counties` (Idaho's county names) narrows what a confidential
    place may show; without it, a county is kept only when it is plain words.

    A record with no confidential place loses only its maintainers' notes: its copy is new at the top (and its
    verification mapping) and shares the rest with `org` (a deep copy of every record was 0.9 s of each build at
    10,000 records, before any producer could start). Like the dataset producers share, it is never changed."""
    if not has_confidential_place(org):
        out = dict(org)
        ver = out.get("verification")
        if isinstance(ver, dict) and "notes" in ver:
            out["verification"] = {k: v for k, v in ver.items() if k != "notes"}
        return out
    out = plain_copy(org)
    ver = out.get("verification")
    if isinstance(ver, dict):
        ver.pop("notes", None)
    renamed: dict[str, str] = {}
    locations = []
    for i, loc in enumerate(out["locations"]):
        if is_confidential(loc):
            new_id = _private_id(loc.get("id"), i)
            if isinstance(loc.get("id"), str):
                renamed[loc["id"]] = new_id
            locations.append(_private_place(loc, new_id, counties))
        else:
            locations.append(loc)
    out["locations"] = locations
    for key, value in list(out.items()):
        if key not in ("locations", "id"):  # public places show their address; the record's id names a file
            out[key] = _scrubbed(value, key, renamed)
            if out[key] is None and key in _LINKS:
                del out[key]
    return out


def source_is_linked(org: Any, src: Any) -> bool:
    """Whether a page may link a cited source. Not one cited for the address of a record with a confidential place:
    news stories have printed a safe house's street, and no one should be one click from it on this site. The page
    names such a source and its date; the open data keeps its address (the record's required source)."""
    facts = src.get("facts") if isinstance(src, dict) else None
    return not (has_confidential_place(org) and isinstance(facts, list) and "address" in facts)


def _private_id(ident: Any, index: int) -> str:
    if isinstance(ident, str) and _ID.fullmatch(ident) and leaks.find_in_id(ident) is None:
        return ident
    return f"confidential-place-{index + 1}"


def _private_place(loc: dict[str, Any], new_id: str, counties: Any) -> dict[str, Any]:
    addr = addr if isinstance(addr := loc.get("address"), dict) else {}
    kept: dict[str, Any] = {}
    city = leaks.idaho_place(addr.get("city"))
    if city is not None:
        kept["city"] = city
    county = addr.get("county")
    if isinstance(county, str) and (
        county in counties if counties is not None else re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", county)
    ):
        kept["county"] = county
    if leaks.normal_state(addr.get("state")) == "ID":
        kept["state"] = "ID"
    return {"id": new_id, "confidential": True, "address": kept}


def _scrubbed(value: Any, key: Any, renamed: dict[str, str]) -> Any:
    """`value` with place-revealing text cut out (iteratively, so no input can exhaust the stack)."""
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any, Any]] = [(root, 0, key, value)]  # (parent, slot, key, value)
    while stack:
        parent, slot, k, v = stack.pop()
        if isinstance(v, dict):
            new: dict[str, Any] = dict.fromkeys(v)  # keeps the order of the keys
            parent[slot] = new
            for kk, vv in v.items():
                stack.append((new, kk, kk, vv))
        elif isinstance(v, list):
            items: list[Any] = [None] * len(v)
            parent[slot] = items
            for i, vv in enumerate(v):
                stack.append((items, i, k, vv))
        elif isinstance(v, str):
            parent[slot] = _scrub_text(v, str(k), renamed)
        else:
            parent[slot] = v
    for container in _walk(root[0]):
        _drop_removed_links(container)
    return root[0]


def _scrub_text(text: str, key: str, renamed: dict[str, str]) -> str | None:
    if key == "locations":  # a service's reference to a place
        return renamed.get(text, text if leaks.find_in_id(text) is None else "x-removed")
    if key in _KEEP:
        return text
    if key in _LINKS:
        return None if leaks.find(text) == "a map link" else text
    if key == "id":
        return text if leaks.find_in_id(text) is None else "x-removed"
    return leaks.scrub(text, REMOVED)


def _walk(value: Any) -> list[Any]:
    out, stack = [], [value]
    while stack:
        v = stack.pop()
        if isinstance(v, (dict, list)):
            out.append(v)
            stack.extend(v.values() if isinstance(v, dict) else v)
    return out


def _drop_removed_links(container: Any) -> None:
    if isinstance(container, dict):
        for k in [k for k, v in container.items() if k in _LINKS and v is None]:
            del container[k]
    elif isinstance(container, list):
        container[:] = [x for x in container if not (isinstance(x, dict) and x.get("url", "") is None)]


def publishable(ds: Dataset) -> Dataset:
    """A copy of the dataset safe to publish: every record through `public_record`. Every producer starts here.

    Retired records (`ccci retire`) move to `retired`: only generator/site/retired.py uses them, for a "closed" page.
    The copy is marked `public`, and a public dataset comes back as it is: the build redacts once, and every
    producer may call this again at no cost. Producers must not change the dataset they are given (they share it)."""
    if ds.public:
        return ds
    out = copy.copy(ds)
    out.public = True
    counties = set(ds.taxonomy.county_region) or None
    out.retired = list(ds.retired) + [public_record(o, counties) for o in ds.organizations if is_retired(o)]
    out.organizations = [
        public_record(o, counties) if isinstance(o, dict) else o for o in ds.organizations if not is_retired(o)
    ]
    return out


public_dataset = publishable


def public_records(ds: Dataset) -> list[dict[str, Any]]:
    """The dataset's records fit to publish: as they are when `ds` is already public, else each through
    `public_record` (for callers such as `ccci export` that start from the loaded dataset)."""
    if ds.public:
        return [o for o in ds.organizations if isinstance(o, dict)]
    return [public_record(o) for o in ds.organizations if isinstance(o, dict)]
