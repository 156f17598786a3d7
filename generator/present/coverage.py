"""Where the directory has gaps: per county and per service area, how many listings serve it and how many of
those can be reached (`ccci coverage`, and the site's "Where we have no listing yet" page). Pure: no MkDocs.

A listing is one organization. It is *local* to a county when one of its services covers that county by name or
by region (services.served_counties). It is *reachable* when the organization or that service gives a phone that
a person can call or text (not a fax), or a website. The calling list (`calling_list`) is what a volunteer
starts from: records nobody can reach yet, and records whose phone or address comes from a source more than
OLD_YEARS years old, each with what is missing and the source to start from.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from generator.present import hotlines, plain, services, values
from generator.present.services import callable_phone, has_contact, has_phone, has_website
from generator.present.urls import mailto_href, website_href
from generator.records.dataset import Dataset, is_retired

OLD_YEARS = 5


def reachable(org: dict[str, Any], svc: dict[str, Any]) -> bool:
    """People can reach this service: a phone (call or text) or a website, on the service or its organization."""
    return (
        callable_phone(svc)
        or callable_phone(org)
        or bool(website_href(svc.get("url")))
        or bool(website_href(org.get("website")))
    )


def source_end(seen: Any) -> dt.date | None:
    """The last day a source date 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' can mean (None if undated or unreadable)."""
    text = values.txt(seen)
    try:
        if len(text) == 4:
            return dt.date(int(text), 12, 31)
        if len(text) == 7:
            first_next = dt.date(int(text[:4]) + int(text[5:7]) // 12, int(text[5:7]) % 12 + 1, 1)
            return first_next - dt.timedelta(days=1)
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def old_contact_sources(org: dict[str, Any], today: dt.date) -> list[dict[str, Any]]:
    """Sources dated more than OLD_YEARS years before `today` that the record cites for a phone or an address."""
    ver = values.obj(org, "verification")
    try:
        limit = today.replace(year=today.year - OLD_YEARS)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - OLD_YEARS, day=28)
    out = []
    for src in values.dicts(ver.get("sources")):
        end = source_end(src.get("seen"))
        facts = {f for f in values.as_list(src.get("facts")) if f in ("phone", "address")}
        if end is not None and facts and end < limit:
            out.append({"url": values.txt(src.get("url")), "seen": values.txt(src.get("seen")), "facts": sorted(facts)})
    return out


def start_source(org: dict[str, Any]) -> str:
    """The source to start from: the newest dated one (else the first)."""
    ver = values.obj(org, "verification")
    sources = values.dicts(ver.get("sources"))
    if not sources:
        return ""
    best = max(sources, key=lambda s: values.txt(s.get("seen")))
    return values.txt(best.get("url") if values.txt(best.get("seen")) else sources[0].get("url"))


def missing(org: dict[str, Any]) -> list[str]:
    """What a volunteer should find out, in a few words each."""
    out = []
    if not has_phone(org):
        out.append("no phone")
    if not has_website(org):
        out.append("no website")
    if not mailto_href(org.get("email")):
        out.append("no e-mail")
    return out


def queue_notes(org: dict[str, Any], today: dt.date) -> list[str]:
    """Lines for the verification queue: what is missing, old sources behind a phone or address, where to start."""
    notes = []
    if not has_phone(org) and not has_website(org):
        notes.append("Nobody can reach this listing yet: find a phone or website in a current source")
    elif not has_phone(org):
        notes.append("No phone listed: ask for the number people should call")
    for src in old_contact_sources(org, today):
        notes.append(
            f"The {' and '.join(src['facts'])} came from a source dated {src['seen']}, over "
            f"{OLD_YEARS} years old: confirm it ({src['url']})"
        )
    start = start_source(org)
    if start:
        notes.append(f"Start from: {start}")
    return notes


@dataclass
class CountyRow:
    county: str
    region: str
    listings: int
    reachable: int
    areas_missing: list[str] = field(default_factory=list)  # area ids with no reachable local listing


@dataclass
class AreaRow:
    area: str
    name: str
    local: int
    local_reachable: int
    counties_reached: int
    statewide: int
    national: int


@dataclass
class CallItem:
    id: str
    name: str
    missing: list[str]
    old_sources: list[dict[str, Any]]
    start_from: str
    counties: list[str]  # counties it would serve if it could be reached


@dataclass
class Coverage:
    today: str
    organizations: int
    with_phone: int
    with_contact: int
    confirmed: int
    counties_total: int
    counties_reached: int
    counties: list[CountyRow]
    areas: list[AreaRow]
    lines: list[dict[str, str]]  # statewide and national call or text lines
    populations: dict[str, int]  # services naming each population
    calling: list[CallItem]

    def as_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n"


def compute(ds: Dataset, today: dt.date) -> Coverage:
    tax = ds.taxonomy
    orgs = [o for o in ds.organizations if isinstance(o, dict) and not is_retired(o)]  # retired: in no list
    listing: dict[str, set[str]] = {c: set() for c in tax.county_region}
    reached: dict[str, set[str]] = {c: set() for c in tax.county_region}
    area_local: dict[tuple[str, str], set[str]] = {}
    area_reached: dict[tuple[str, str], set[str]] = {}
    wide: dict[tuple[str, str], set[str]] = {}
    pops = {p: 0 for p in tax.populations}
    for org in orgs:
        oid = values.txt(org.get("id"))
        for svc in values.dicts(org.get("services")):
            area = values.txt(svc.get("service_area"))
            for p in values.as_list(svc.get("populations")):
                if p in pops:
                    pops[p] += 1
            kind = services.scope(svc)
            if kind != "local":
                wide.setdefault((area, kind), set()).add(oid)
                continue
            ok = reachable(org, svc)
            for county in services.served_counties(svc, tax):
                listing[county].add(oid)
                area_local.setdefault((area, county), set()).add(oid)
                if ok:
                    reached[county].add(oid)
                    area_reached.setdefault((area, county), set()).add(oid)
    rows = [
        CountyRow(
            c,
            tax.county_region[c],
            len(listing[c]),
            len(reached[c]),
            [a for a in tax.service_areas if not area_reached.get((a, c))],
        )
        for c in tax.county_region
    ]
    rows.sort(key=lambda r: (r.reachable > 0, r.reachable, r.listings, r.county))
    areas = []
    for aid, area_doc in tax.service_areas.items():
        local = set().union(*(v for (a, _), v in area_local.items() if a == aid))
        reached_orgs = set().union(*(v for (a, _), v in area_reached.items() if a == aid))
        areas.append(
            AreaRow(
                aid,
                str(area_doc.get("name", aid)),
                len(local),
                len(reached_orgs),
                sum(1 for c in tax.county_region if area_reached.get((aid, c))),
                len(wide.get((aid, "statewide"), set())),
                len(wide.get((aid, "national"), set())),
            )
        )
    lines = []
    for x in hotlines.hotlines(ds):
        if x.scope != "local" and x.phone.href:
            lines.append(
                {
                    "name": x.org_name,
                    "number": x.phone.number,
                    "action": x.phone.action,
                    "scope": x.scope,
                    "href": x.phone.href,
                    "always_open": "yes" if x.phone.always_open else "",
                }
            )
    calling = []
    for org in orgs:
        old = old_contact_sources(org, today)
        if has_phone(org) and has_website(org) and not old:
            continue
        if has_phone(org) and not old and any(services.scope(s) != "local" for s in values.dicts(org.get("services"))):
            continue
        counties = sorted(
            set().union(
                *(
                    services.served_counties(s, tax)
                    for s in values.dicts(org.get("services"))
                    if services.scope(s) == "local"
                )
            )
        )
        calling.append(
            CallItem(
                values.txt(org.get("id")), values.txt(org.get("name")), missing(org), old, start_source(org), counties
            )
        )
    calling.sort(key=lambda c: (has_phone_id(orgs, c.id), -len(c.counties), c.id))
    confirmed = sum(
        1 for o in orgs if isinstance(o.get("verification"), dict) and o["verification"].get("status") == "verified"
    )
    return Coverage(
        today.isoformat(),
        len(orgs),
        sum(map(has_phone, orgs)),
        sum(map(has_contact, orgs)),
        confirmed,
        len(rows),
        sum(1 for r in rows if r.reachable),
        rows,
        areas,
        lines,
        pops,
        calling,
    )


def has_phone_id(orgs: list[dict[str, Any]], oid: str) -> bool:
    return any(has_phone(o) for o in orgs if values.txt(o.get("id")) == oid)


# ---------------------------------------------------------------------------------------------- text output


def _area_names(ds: Dataset, ids: list[str]) -> str:
    return ", ".join(ds.taxonomy.area_name(a) for a in ids) or "none"


def text(cov: Coverage, ds: Dataset) -> str:
    out = [
        f"Coverage on {cov.today}: {cov.organizations} organizations, {cov.with_phone} with a phone, "
        f"{cov.with_contact} with any contact (phone, website or e-mail), {cov.confirmed} confirmed by a person.",
        f"{cov.counties_reached} of {cov.counties_total} counties have a local listing people can reach "
        "(phone, text or website).",
        "",
        "Counties (no reachable local listing first):",
    ]
    for r in cov.counties:
        gap = (
            "no reachable local listing in any area"
            if not r.reachable
            else f"no reachable local: {_area_names(ds, r.areas_missing)}"
        )
        out.append(f"  {r.county} ({r.region}): {r.listings} local listings, {r.reachable} reachable; {gap}")
    out += ["", "Service areas (local listings / reachable / counties reached; statewide; national):"]
    for a in cov.areas:
        out.append(
            f"  {a.name}: {a.local} / {a.local_reachable} / {a.counties_reached} of {cov.counties_total}; "
            f"{a.statewide} statewide; {a.national} national"
        )
    out += ["", "Statewide and national lines (reach every county):"]
    out += [f"  {x['name']}: {x['action']} {x['number']} ({x['scope']})" for x in cov.lines]
    out += ["", "Services by population:"]
    out += [f"  {ds.taxonomy.populations[p].get('name', p)}: {n}" for p, n in cov.populations.items()]
    out += ["", f"Calling list ({len(cov.calling)} records):"]
    for c in cov.calling:
        what = ", ".join(c.missing + [f"{'/'.join(s['facts'])} from {s['seen']}" for s in c.old_sources])
        out.append(f"  {c.id}: {what or 'check'}; start from {c.start_from or 'no source'}")
    return "\n".join(out) + "\n"


def markdown(cov: Coverage, ds: Dataset) -> str:
    """A checklist for a tracking issue. Every value from a record is escaped (plain.md)."""
    out = [
        f"## Coverage: {cov.counties_reached} of {cov.counties_total} counties have a reachable local listing "
        f"({cov.today})",
        "",
        f"{cov.organizations} organizations: {cov.with_phone} with a phone, {cov.with_contact} with any contact, "
        f"{cov.confirmed} confirmed by a person.",
        "",
        "| County | District | Local listings | Reachable | Areas with no reachable local listing |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for r in cov.counties:
        gap = "all (no reachable local listing)" if not r.reachable else _area_names(ds, r.areas_missing)
        out.append(f"| {plain.md(r.county)} | {plain.md(r.region)} | {r.listings} | {r.reachable} | {plain.md(gap)} |")
    out += [
        "",
        "| Service area | Local listings | Reachable | Counties reached | Statewide | National |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    out += [
        f"| {plain.md(a.name)} | {a.local} | {a.local_reachable} | {a.counties_reached} | {a.statewide} | "
        f"{a.national} |"
        for a in cov.areas
    ]
    out += [
        "",
        "### Calling list",
        "",
        "Find a current public source or call, fix the record, then tick the line. Never write down a "
        "person's name or a private shelter address.",
        "",
    ]
    for c in cov.calling:
        what = c.missing + [f"{'/'.join(s['facts'])} from a source dated {s['seen']}" for s in c.old_sources]
        where = f" · serves {len(c.counties)} counties" if c.counties else ""
        out.append(
            f"- [ ] {plain.md(c.id)}: {plain.md(c.name)}: {plain.md(', '.join(what))}{where} · start from "
            f"{plain.md(c.start_from or 'no source')}"
        )
    return "\n".join(out) + "\n"
