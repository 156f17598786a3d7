"""Policy: what a service offers and where, decided once for every output (pages, hotlines, print sheets, the
finder's filters, coverage counts): its scope, the counties it serves, whether it is open 24/7, whether people
can walk in, whether it is free, and whether its listing gives any way to reach it."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from generator.present import strings as interface
from generator.present.urls import mailto_href, website_href
from generator.present.values import as_list, dicts, join_words, obj, strings
from generator.records.dataset import Dataset, Taxonomy
from generator.records.geo import city_centres, county_centres, haversine_km, idaho_zips

SCOPE_ORDER = {"local": 0, "statewide": 1, "national": 2}
NEAR_MILES = 60  # a program is near a county when one of its places is this close to the county's centre (issue 10)
KM_PER_MILE = 1.609344
CALLABLE = frozenset({"voice", "hotline", "text", "tty"})  # phone kinds a person can call or text (not fax)


def scope(svc: dict[str, Any]) -> str:
    """'local', 'statewide' or 'national' (a missing or unknown scope reads as local)."""
    value = obj(svc, "coverage").get("scope")
    return value if isinstance(value, str) and value in SCOPE_ORDER else "local"


def covered_counties(svc: dict[str, Any], tax: Taxonomy) -> list[str]:
    """The Idaho counties a local service names: every county of its regions, then its own counties, each once
    ([] for a statewide or national service)."""
    if scope(svc) != "local":
        return []
    cov = obj(svc, "coverage")
    out: list[str] = []
    for region in as_list(cov.get("regions")):
        out += [c for c, r in tax.county_region.items() if r == region and c not in out]
    out += [c for c in strings(cov.get("counties")) if c in tax.county_region and c not in out]
    return out


def served_counties(svc: dict[str, Any], tax: Taxonomy) -> set[str]:
    """The Idaho counties a service serves: all of them when statewide or national."""
    return set(tax.county_region) if scope(svc) != "local" else set(covered_counties(svc, tax))


def served_regions(svc: dict[str, Any], tax: Taxonomy) -> set[str]:
    return {tax.county_region[c] for c in served_counties(svc, tax)}


def local_to_county(svc: dict[str, Any], county: str, tax: Taxonomy) -> bool:
    """Local means the service's own coverage names this county or its region; statewide is not local."""
    return scope(svc) == "local" and county in served_counties(svc, tax)


def local_to_region(svc: dict[str, Any], region: str, tax: Taxonomy) -> bool:
    return scope(svc) == "local" and region in served_regions(svc, tax)


def coverage_text(svc: dict[str, Any], tax: Taxonomy) -> str:
    """Where a service serves, as a listing says it: 'Serves Central (District 4) and Ada County'."""
    kind = scope(svc)
    if kind == "national":
        return interface.t("coverage.national")
    if kind == "statewide":
        return interface.t("coverage.statewide")
    cov = obj(svc, "coverage")
    parts = [str(tax.regions[r].get("name", r)) for r in strings(cov.get("regions")) if r in tax.regions]
    counties = strings(cov.get("counties"))
    if counties:
        parts.append(
            interface.t("coverage.county_one", name=counties[0])
            if len(counties) == 1
            else interface.t("coverage.counties_many", names=join_words(counties))
        )
    return interface.t("coverage.local", places=join_words(parts)) if parts else interface.t("coverage.unknown")


def always_open(svc: dict[str, Any]) -> bool:
    """Open 24/7: the service's hours say so, or one of its own phone lines does."""
    return svc.get("hours") == "24/7" or any(p.get("hours") == "24/7" for p in dicts(svc.get("phones")))


def walk_in(svc: dict[str, Any]) -> bool:
    """People can walk in, with no referral needed."""
    how = obj(svc, "how_to_get_help")
    return how.get("walk_in") is True and not how.get("referral_required")


SPANISH = "es"  # the code of Spanish in data/taxonomy/languages.yaml


def spoken_languages(org: dict[str, Any], svc: dict[str, Any]) -> set[str]:
    """The language codes a service is offered in: its staff's `languages` and those of its own phone lines; a
    service without phone lines of its own is reached on the organization's, so theirs count too."""
    own = dicts(svc.get("phones"))
    lines = own if own else dicts(org.get("phones"))
    return set(strings(svc.get("languages"))) | {c for ph in lines for c in strings(ph.get("languages"))}


def offered_in_spanish(org: dict[str, Any], svc: dict[str, Any], spoken: set[str] | None = None) -> bool:
    """Spanish is spoken: staff speak it or a line it is reached on answers in it (an interpreter does not count:
    the `interpretation` text says how other languages are served). The finder's filter and the cards' mark.
    `spoken`: spoken_languages(org, svc), when the caller has it already."""
    return SPANISH in (spoken_languages(org, svc) if spoken is None else spoken)


def free(svc: dict[str, Any]) -> bool:
    return obj(svc, "fees").get("type") == "free"


def callable_phone(item: dict[str, Any]) -> bool:
    """The organization or service itself lists a number to call or text (a fax does not count)."""
    return any(
        isinstance(p.get("number"), str) and p.get("type", "voice") in CALLABLE for p in dicts(item.get("phones"))
    )


def has_phone(org: dict[str, Any]) -> bool:
    """The organization or any of its services gives a number to call or text."""
    return callable_phone(org) or any(callable_phone(s) for s in dicts(org.get("services")))


def has_website(org: dict[str, Any]) -> bool:
    return bool(website_href(org.get("website"))) or any(website_href(s.get("url")) for s in dicts(org.get("services")))


def has_contact(org: dict[str, Any]) -> bool:
    """Whether a listing gives a way to reach it that its card can show: a phone to call or text, a website or an
    e-mail (its own or a service's). Cards, the finder ("u") and `ccci coverage` all count with this."""
    return has_phone(org) or has_website(org) or bool(mailto_href(org.get("email")))


def all_services(ds: Dataset) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(organization, service) for every service of every organization, in the dataset's order."""
    for org in ds.organizations:
        if isinstance(org, dict):
            for svc in dicts(org.get("services")):
                yield org, svc


def location_point(loc: dict[str, Any]) -> tuple[float, float] | None:
    """Roughly where a location is: its own point if public, else its ZIP code's centre, else its city's centre
    (a confidential location only ever gives its city). None when the record does not say."""
    addr = obj(loc, "address")
    geo = obj(loc, "geo")
    if loc.get("confidential") is not True:
        if isinstance(geo.get("lat"), (int, float)) and isinstance(geo.get("lon"), (int, float)):
            return float(geo["lat"]), float(geo["lon"])
        z = idaho_zips().get(str(addr.get("postal_code", "")))
        if z:
            return z.lat, z.lon
    centre = _centres_by_key().get(_place_key(str(addr.get("city", ""))))
    return (centre[0], centre[1]) if centre else None


def _place_key(name: str) -> str:
    """A city name however it is spelled: "Coeur d'Alene" and the ZIP list's "Coeur D Alene" match."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name).casefold() if ch.isalnum())


@lru_cache(maxsize=1)
def _centres_by_key() -> dict[str, tuple[float, float, str]]:
    return {_place_key(name): centre for name, centre in city_centres().items()}


def service_points(org: dict[str, Any], svc: dict[str, Any]) -> list[tuple[float, float]]:
    """The points of the places a service names (its organization's locations), or of all its organization's
    places when the service names none."""
    locs = dicts(org.get("locations"))
    named = set(strings(svc.get("locations")))
    points = [location_point(loc) for loc in locs if not named or loc.get("id") in named]
    return [p for p in points if p]


def near_county(org: dict[str, Any], svc: dict[str, Any], county: str, miles: float = NEAR_MILES) -> bool:
    """One of the service's places is within `miles` of the county's centre (a service that names no place
    is not near anywhere: we cannot say where it is)."""
    centre = county_centres().get(county)
    if not centre:
        return False
    return any(
        haversine_km(centre[0], centre[1], lat, lon) <= miles * KM_PER_MILE for lat, lon in service_points(org, svc)
    )
