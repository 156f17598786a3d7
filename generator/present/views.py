"""Policy: what a person sees about a record, decided here in Python and handed to templates as plain data.

Confidential places, verification wording, staleness and the order of listings are decided in this module;
phone numbers in phones, the words for codes in labels, coverage, 24/7 and reachability in services, dates and
hours in words. Templates only lay the decisions out. Every value that comes from YAML stays text; templates
escape it. Links are built only through `urls` and `phones`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.present import labels, phones
from generator.present import strings as interface
from generator.present.services import (
    SCOPE_ORDER,
    always_open,
    coverage_text,
    has_contact,
    offered_in_spanish,
    scope,
)
from generator.present.urls import mailto_href
from generator.present.values import as_list, dicts, obj, strings, txt
from generator.present.words import date_words, hours_lines, language_names, month_year, shorten
from generator.records.clock import STALE_DAYS
from generator.records.dataset import Dataset, Taxonomy
from generator.records.redact import is_confidential

# Publication (what a confidential place may show) is decided in one place for every output:
# generator/records/redact.py.


# ---------------------------------------------------------------------------------------------- phones


@dataclass
class PhoneView:
    kind: str  # voice, hotline, text, tty, fax
    action: str  # Call, Text, TTY, Fax
    number: str  # as people read it, in full
    href: str | None  # tel: or sms: (None for fax)
    description: str
    hours: list[str]
    always_open: bool
    languages: str
    keyword: str
    extension: str


def phone_view(ph: dict[str, Any], tax: Taxonomy) -> PhoneView | None:
    number = ph.get("number")
    if not isinstance(number, str):
        return None
    kind = str(ph.get("type", "voice"))
    action = labels.word(labels.PHONE_ACTIONS, kind)
    ext = txt(ph.get("extension"))
    href = None
    if kind == "text":
        href = phones.sms_href(number)
    elif kind != "fax":
        href = phones.tel_href(number, ext or None)
    shown = phones.display(number) + (f", extension {ext}" if ext else "")
    return PhoneView(
        kind=kind,
        action=action,
        number=shown,
        href=href,
        description=txt(ph.get("description")),
        hours=hours_lines(ph.get("hours")),
        always_open=ph.get("hours") == "24/7",
        languages=language_names(ph.get("languages"), tax),
        keyword=txt(ph.get("text_keyword")) if kind == "text" else "",
        extension=ext,
    )


PHONE_ORDER = {"hotline": 0, "voice": 1, "text": 2, "tty": 3, "fax": 4}


def phone_rank(p: PhoneView) -> tuple[int, int]:
    """Crisis lines first, then voice, text, TTY, fax; 24/7 lines before others."""
    return (PHONE_ORDER[p.kind], 0 if p.always_open else 1)


def phones_of(items: Any, tax: Taxonomy) -> list[PhoneView]:
    seen: set[tuple[str, str]] = set()
    out = []
    for ph in dicts(items):
        view = phone_view(ph, tax)
        if view is not None and (view.kind, view.number) not in seen:
            seen.add((view.kind, view.number))
            out.append(view)
    return out


# ---------------------------------------------------------------------------------------------- places


@dataclass
class PlaceView:
    confidential: bool
    lines: list[str]  # what to show, in order
    city: str
    county: str
    description: str = ""
    accessibility: list[str] = field(default_factory=list)
    safety: list[str] = field(default_factory=list)


def place_view(loc: dict[str, Any]) -> PlaceView:
    """A location as shown. A confidential one is only 'Confidential location, <city> area — call for access'."""
    addr = obj(loc, "address")
    city, county = txt(addr.get("city")), txt(addr.get("county"))
    if is_confidential(loc):
        area = (
            interface.t("place.city_area", city=city)
            if city
            else (interface.t("coverage.county_one", name=county) if county else "Idaho")
        )
        return PlaceView(True, [interface.t("place.confidential", area=area)], city, county)
    town = ", ".join(x for x in (city, txt(addr.get("state"))) if x)
    town = f"{town} {txt(addr.get('postal_code'))}".strip()
    lines = [x for x in (txt(loc.get("name")), txt(addr.get("street")), txt(addr.get("street2")), town) if x]
    return PlaceView(
        False,
        lines,
        city,
        county,
        txt(loc.get("description")),
        labels.words(labels.ACCESSIBILITY, as_list(loc.get("accessibility"))),
        labels.words(labels.SAFETY, as_list(loc.get("safety"))),
    )


def short_place(place: PlaceView) -> str:
    return place.lines[0] if place.confidential else (place.city or (place.lines[-1] if place.lines else ""))


def service_places(org: dict[str, Any], svc: dict[str, Any]) -> list[PlaceView]:
    by_id = {loc.get("id"): loc for loc in dicts(org.get("locations"))}
    return [place_view(by_id[x]) for x in strings(svc.get("locations")) if x in by_id]


# ---------------------------------------------------------------------------------------------- verification


@dataclass
class Verification:
    state: str  # verified, stale, unverified
    text: str  # the one line every listing shows
    detail: str  # a second sentence for the record page
    short: str  # for cards


def newest_source_date(ver: dict[str, Any]) -> str:
    dates = sorted(txt(s.get("seen")) for s in dicts(ver.get("sources")) if txt(s.get("seen")))
    return date_words(dates[-1]) if dates else ""


def verification(org: dict[str, Any], today: dt.date) -> Verification:
    ver = obj(org, "verification")
    when = None
    last = ver.get("last_verified")
    if ver.get("status") == "verified" and isinstance(last, str):
        try:
            when = dt.date.fromisoformat(last)
        except ValueError:
            when = None
    if when is not None:
        method = labels.word(labels.METHODS, ver["method"]) if "method" in ver else ""
        text = interface.t("verify.last_verified", month_year=month_year(when)) + (f" {method}" if method else "")
        if (today - when).days > STALE_DAYS:
            return Verification(
                "stale",
                text,
                interface.t("verify.stale_detail"),
                interface.t("verify.stale_short", month_year=month_year(when)),
            )
        return Verification(
            "verified",
            text,
            interface.t("verify.verified_detail"),
            interface.t("verify.verified_short", month_year=month_year(when)),
        )
    dated = newest_source_date(ver)
    detail = interface.t("verify.source_dated", date=dated) if dated else interface.t("verify.source_undated")
    unverified = interface.t("verify.unverified_short")
    if not has_contact(org):  # nothing to call: do not ask people to call
        return Verification("unverified", unverified, detail, unverified)
    return Verification("unverified", interface.t("verify.unverified"), detail, unverified)


# ---------------------------------------------------------------------------------------------- listings


@dataclass
class Route:
    """The line that can help reach a listing that gives no phone, website or e-mail (a number from the data)."""

    org_id: str
    org_name: str
    phone: PhoneView


@dataclass
class Card:
    """One organization in a listing, with the services that put it there."""

    org_id: str
    name: str
    services: list[str]
    summary: str
    phones: list[PhoneView]
    places: list[str]
    coverage: str
    always_open: bool
    verification: Verification
    sort_key: tuple[str, ...] = ("", "")
    contact: bool = True  # a phone, website or e-mail is listed
    route: Route | None = None  # when not: the line that can help reach it
    spanish: bool = False  # one of its services is offered in Spanish (present.services.offered_in_spanish)


ROUTE_ORG = "idaho-211-careline"


def route_line(ds: Dataset) -> Route | None:
    """Idaho 211 if the data has it, else the first statewide information line with a number to call."""
    tax = ds.taxonomy
    candidates = []
    for org in ds.organizations:
        if not isinstance(org, dict) or not has_contact(org):
            continue
        for svc in dicts(org.get("services")):
            if scope(svc) == "statewide" and "information-referral" in as_list(svc.get("categories")):
                calls = [
                    p
                    for p in phones_of(as_list(svc.get("phones")) + as_list(org.get("phones")), tax)
                    if p.kind in ("voice", "hotline") and p.href
                ]
                if calls:
                    candidates.append(
                        (
                            txt(org.get("id")) != ROUTE_ORG,
                            txt(org.get("name")).casefold(),
                            Route(txt(org.get("id")), txt(org.get("name")), calls[0]),
                        )
                    )
                    break
    return min(candidates, key=lambda c: c[:2])[2] if candidates else None


def card(
    org: dict[str, Any], services: list[dict[str, Any]], tax: Taxonomy, today: dt.date, route: Route | None = None
) -> Card:
    shown = phones_of([p for s in services for p in as_list(s.get("phones"))], tax) or phones_of(org.get("phones"), tax)
    shown = sorted((p for p in shown if p.kind != "fax"), key=phone_rank)[:3]
    places: list[str] = []
    for svc in services:
        for place in service_places(org, svc):
            text = short_place(place)
            if text and text not in places:
                places.append(text)
    scopes = sorted({scope(s) for s in services}, key=SCOPE_ORDER.__getitem__)
    first = services[0] if services else {}
    name = txt(org.get("name")) or txt(org.get("id"))
    contact = has_contact(org)
    return Card(
        org_id=txt(org.get("id")),
        name=name,
        services=[txt(s.get("name")) for s in services if txt(s.get("name"))],
        summary=shorten(txt(first.get("description")) or txt(org.get("description"))),
        phones=shown,
        places=places[:3],
        coverage=coverage_text(next(s for s in services if scope(s) == scopes[0]), tax) if services else "",
        always_open=any(always_open(s) for s in services),
        spanish=any(offered_in_spanish(org, s) for s in services),
        verification=verification(org, today),
        contact=contact,
        route=None if contact else route,
        # Listings nobody can reach come after those that can be reached.
        sort_key=("0" if contact else "1", name.casefold(), txt(org.get("id"))),
    )


def cards(
    matches: Iterable[tuple[dict[str, Any], dict[str, Any]]],
    tax: Taxonomy,
    today: dt.date,
    make: Callable[[dict[str, Any], list[dict[str, Any]]], Card] | None = None,
) -> list[Card]:
    """(org, service) pairs -> one card per organization, in alphabetical order of name."""
    grouped: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {}
    for org, svc in matches:
        grouped.setdefault(txt(org.get("id")), (org, []))[1].append(svc)
    build = make or (lambda org, svcs: card(org, svcs, tax, today))
    return sorted((build(org, svcs) for org, svcs in grouped.values()), key=lambda c: c.sort_key)


def email_href(org: dict[str, Any]) -> str | None:
    return mailto_href(org.get("email"))
