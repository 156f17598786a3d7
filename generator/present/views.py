"""Policy: what a person sees about a record, decided here in Python and handed to templates as plain data.

Confidential places, verification wording, staleness, phone formatting, what counts as local to a county or
region, and the order of listings are all decided in this module. Templates only lay the decisions out.
Every value that comes from YAML stays text; templates escape it. Links are built only through `urls`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import phonenumbers

from generator.present.urls import mailto_href, safe_href, sms_href, tel_href
from generator.records.dataset import Dataset, Taxonomy
from generator.records.redact import is_confidential

STALE_DAYS = 365
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DAYS = {"mo": "Monday", "tu": "Tuesday", "we": "Wednesday", "th": "Thursday", "fr": "Friday", "sa": "Saturday",
        "su": "Sunday"}
DAY_ORDER = list(DAYS)
TOLL_FREE = {"800", "833", "844", "855", "866", "877", "888"}
METHOD_WORDS = {"phone": "by phone", "email": "by email", "site-visit": "by a site visit",
                "website": "on the program's own website"}
FEE_WORDS = {"free": "Free", "sliding-scale": "Sliding scale: the cost depends on income",
             "insurance": "Takes insurance", "fee": "There is a cost"}
PHONE_ACTION = {"voice": "Call", "hotline": "Call", "text": "Text", "tty": "TTY", "fax": "Fax"}
ACCESSIBILITY_WORDS = {
    "wheelchair-accessible": "Wheelchair accessible", "accessible-parking": "Accessible parking",
    "accessible-restroom": "Accessible restroom", "elevator": "Elevator", "asl-on-site": "ASL on site",
    "service-animals-welcome": "Service animals welcome", "near-public-transit": "Near public transit"}
SAFETY_WORDS = {
    "secure-entrance": "Secure entrance", "staff-trained-in-safety": "Staff trained in safety",
    "security-staff": "Security staff on site", "private-meeting-room": "Private meeting room",
    "separate-entrance": "Separate entrance"}
SCOPE_ORDER = {"local": 0, "statewide": 1, "national": 2}


# Publication (what a confidential place may show) is decided in one place for every output:
# generator/records/redact.py.


# ---------------------------------------------------------------------------------------------- small words


def txt(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def dicts(value: Any) -> list[dict[str, Any]]:
    return [x for x in as_list(value) if isinstance(x, dict)]


def join_words(items: Iterable[str], last: str = "and") -> str:
    items = [x for x in items if x]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def month_year(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def shorten(text: str, limit: int = 180) -> str:
    """The first sentence(s) of `text` within `limit` characters, or a cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s)", text) if m.end() <= limit]
    if ends and ends[-1] >= limit // 3:
        return text[: ends[-1]]
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def paragraphs(text: Any) -> list[str]:
    """Free text as paragraphs (blank lines split them; other line breaks are spaces)."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", txt(text)) if p.strip()]


# ---------------------------------------------------------------------------------------------- phones


def display_number(number: str) -> str:
    """'+12086306601' -> '208-630-6601'; '+18883737888' -> '1-888-373-7888'; '988' stays '988'."""
    if re.fullmatch(r"\+1[0-9]{10}", number):
        area, mid, end = number[2:5], number[5:8], number[8:]
        return f"1-{area}-{mid}-{end}" if area in TOLL_FREE else f"{area}-{mid}-{end}"
    if number.startswith("+"):
        try:
            return phonenumbers.format_number(phonenumbers.parse(number, None),
                                              phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        except phonenumbers.NumberParseException:
            return number
    return number


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
    kind = ph.get("type") if ph.get("type") in PHONE_ACTION else "voice"
    ext = txt(ph.get("extension"))
    href = None
    if kind == "text":
        href = sms_href(number)
    elif kind != "fax":
        href = tel_href(number, ext or None)
    shown = display_number(number) + (f", extension {ext}" if ext else "")
    return PhoneView(kind=kind, action=PHONE_ACTION[kind], number=shown, href=href,
                     description=txt(ph.get("description")), hours=hours_lines(ph.get("hours")),
                     always_open=ph.get("hours") == "24/7", languages=language_names(ph.get("languages"), tax),
                     keyword=txt(ph.get("text_keyword")) if kind == "text" else "", extension=ext)


def phone_rank(p: PhoneView) -> tuple[int, int]:
    """Crisis lines first, then voice, text, TTY, fax; 24/7 lines before others."""
    return ({"hotline": 0, "voice": 1, "text": 2, "tty": 3, "fax": 4}[p.kind], 0 if p.always_open else 1)


def phones_of(items: Any, tax: Taxonomy) -> list[PhoneView]:
    seen: set[tuple[str, str]] = set()
    out = []
    for ph in dicts(items):
        view = phone_view(ph, tax)
        if view is not None and (view.kind, view.number) not in seen:
            seen.add((view.kind, view.number))
            out.append(view)
    return out


# ---------------------------------------------------------------------------------------------- hours, places


def _clock(hhmm: str) -> str:
    if hhmm in ("24:00", "00:00"):
        return "midnight"
    if hhmm == "12:00":
        return "noon"
    hour, minute = int(hhmm[:2]), hhmm[3:]
    suffix = "AM" if hour < 12 else "PM"
    hour = hour % 12 or 12
    return f"{hour} {suffix}" if minute == "00" else f"{hour}:{minute} {suffix}"


def _days(days: list[str]) -> str:
    idx = sorted({DAY_ORDER.index(d) for d in days if d in DAYS})
    if len(idx) == 7:
        return "Every day"
    if len(idx) >= 3 and idx == list(range(idx[0], idx[-1] + 1)):
        return f"{DAYS[DAY_ORDER[idx[0]]]} to {DAYS[DAY_ORDER[idx[-1]]]}"
    return join_words([DAYS[DAY_ORDER[i]] for i in idx])


def hours_lines(hours: Any) -> list[str]:
    """'24/7' or a weekly schedule as lines people read: 'Monday to Friday, 9 AM to 5 PM'."""
    if hours == "24/7":
        return ["Open 24 hours, every day"]
    if not isinstance(hours, dict):
        return []
    lines = []
    for block in dicts(hours.get("weekly")):
        opens, closes = block.get("opens"), block.get("closes")
        if all(isinstance(t, str) and re.fullmatch(r"\d\d:\d\d", t) for t in (opens, closes)):
            lines.append(f"{_days(as_list(block.get('days')))}, {_clock(opens)} to {_clock(closes)}")
    if txt(hours.get("note")):
        lines.append(txt(hours["note"]))
    return lines


def language_names(codes: Any, tax: Taxonomy) -> str:
    return join_words([tax.language_name(c) for c in as_list(codes) if isinstance(c, str)])


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
    addr = loc.get("address") if isinstance(loc.get("address"), dict) else {}
    city, county = txt(addr.get("city")), txt(addr.get("county"))
    if is_confidential(loc):
        area = f"{city} area" if city else (f"{county} County" if county else "Idaho")
        return PlaceView(True, [f"Confidential location, {area} — call for access"], city, county)
    town = ", ".join(x for x in (city, txt(addr.get("state"))) if x)
    town = f"{town} {txt(addr.get('postal_code'))}".strip()
    lines = [x for x in (txt(loc.get("name")), txt(addr.get("street")), txt(addr.get("street2")), town) if x]
    return PlaceView(False, lines, city, county, txt(loc.get("description")),
                     [ACCESSIBILITY_WORDS[x] for x in as_list(loc.get("accessibility")) if x in ACCESSIBILITY_WORDS],
                     [SAFETY_WORDS[x] for x in as_list(loc.get("safety")) if x in SAFETY_WORDS])


def short_place(place: PlaceView) -> str:
    return place.lines[0] if place.confidential else (place.city or (place.lines[-1] if place.lines else ""))


# ---------------------------------------------------------------------------------------------- coverage


def scope(svc: dict[str, Any]) -> str:
    cov = svc.get("coverage") if isinstance(svc.get("coverage"), dict) else {}
    return cov.get("scope") if cov.get("scope") in SCOPE_ORDER else "local"


def served_counties(svc: dict[str, Any], tax: Taxonomy) -> set[str]:
    """The Idaho counties a local service covers: its counties plus every county of its regions."""
    cov = svc.get("coverage") if isinstance(svc.get("coverage"), dict) else {}
    if scope(svc) != "local":
        return set(tax.county_region)
    counties = {c for c in as_list(cov.get("counties")) if c in tax.county_region}
    for region in as_list(cov.get("regions")):
        counties |= {c for c, r in tax.county_region.items() if r == region}
    return counties


def served_regions(svc: dict[str, Any], tax: Taxonomy) -> set[str]:
    return {tax.county_region[c] for c in served_counties(svc, tax)}


def coverage_text(svc: dict[str, Any], tax: Taxonomy) -> str:
    kind = scope(svc)
    if kind == "national":
        return "Serves people anywhere in the United States"
    if kind == "statewide":
        return "Serves people anywhere in Idaho"
    cov = svc.get("coverage") if isinstance(svc.get("coverage"), dict) else {}
    parts = [str(tax.regions[r].get("name", r)) for r in as_list(cov.get("regions")) if r in tax.regions]
    counties = [c for c in as_list(cov.get("counties")) if isinstance(c, str)]
    if counties:
        parts.append(f"{join_words(counties)} {'County' if len(counties) == 1 else 'counties'}")
    return f"Serves {join_words(parts)}" if parts else "Serves a local area: call to ask"


# ---------------------------------------------------------------------------------------------- verification


@dataclass
class Verification:
    state: str  # verified, stale, unverified
    text: str  # the one line every listing shows
    detail: str  # a second sentence for the record page
    short: str  # for cards


def date_words(raw: str) -> str:
    """A source date 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' as people write it: '2024', 'May 2024'."""
    try:
        if len(raw) == 4:
            return str(int(raw))
        return f"{MONTHS[int(raw[5:7]) - 1]} {int(raw[:4])}"
    except (ValueError, IndexError):
        return ""


def newest_source_date(ver: dict[str, Any]) -> str:
    dates = sorted(txt(s.get("seen")) for s in dicts(ver.get("sources")) if txt(s.get("seen")))
    return date_words(dates[-1]) if dates else ""


def verification(org: dict[str, Any], today: dt.date) -> Verification:
    ver = org.get("verification") if isinstance(org.get("verification"), dict) else {}
    when = None
    if ver.get("status") == "verified" and isinstance(ver.get("last_verified"), str):
        try:
            when = dt.date.fromisoformat(ver["last_verified"])
        except ValueError:
            when = None
    if when is not None:
        method = METHOD_WORDS.get(str(ver.get("method")), "")
        text = f"Last verified: {month_year(when)}" + (f" {method}" if method else "")
        if (today - when).days > STALE_DAYS:
            return Verification("stale", text, "That was over a year ago. Call before you go.",
                                f"Verified {month_year(when)}, over a year ago")
        return Verification("verified", text, "Programs change. Call before you go.",
                            f"Verified {month_year(when)}")
    dated = newest_source_date(ver)
    detail = (f"The details come from a public source dated {dated}." if dated
              else "The details come from public sources with no date.")
    if not has_contact(org):  # nothing to call: do not ask people to call
        return Verification("unverified", "Not yet verified", detail, "Not yet verified")
    return Verification("unverified", "Not yet verified — call before you go", detail, "Not yet verified")


# ---------------------------------------------------------------------------------------------- listings


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


@dataclass
class Route:
    """The line that can help reach a listing that gives no phone, website or e-mail (a number from the data)."""

    org_id: str
    org_name: str
    phone: PhoneView


ROUTE_ORG = "idaho-211-careline"


def has_contact(org: dict[str, Any]) -> bool:
    """Whether a listing gives a way to reach it: a phone, website or e-mail (its own or a service's)."""
    services = dicts(org.get("services"))
    return bool(org.get("phones") or org.get("website") or org.get("email")
                or any(s.get("phones") or s.get("url") for s in services))


def route_line(ds: Dataset) -> Route | None:
    """Idaho 211 if the data has it, else the first statewide information line with a number to call."""
    tax = ds.taxonomy
    candidates = []
    for org in ds.organizations:
        if not isinstance(org, dict) or not has_contact(org):
            continue
        for svc in dicts(org.get("services")):
            if scope(svc) == "statewide" and "information-referral" in as_list(svc.get("categories")):
                calls = [p for p in phones_of(as_list(svc.get("phones")) + as_list(org.get("phones")), tax)
                         if p.kind in ("voice", "hotline") and p.href]
                if calls:
                    candidates.append((txt(org.get("id")) != ROUTE_ORG, txt(org.get("name")).casefold(),
                                       Route(txt(org.get("id")), txt(org.get("name")), calls[0])))
                    break
    return min(candidates, key=lambda c: c[:2])[2] if candidates else None


def service_places(org: dict[str, Any], svc: dict[str, Any]) -> list[PlaceView]:
    wanted = [x for x in as_list(svc.get("locations")) if isinstance(x, str)]
    by_id = {loc.get("id"): loc for loc in dicts(org.get("locations"))}
    return [place_view(by_id[x]) for x in wanted if x in by_id]


def is_always_open(org: dict[str, Any], svc: dict[str, Any]) -> bool:
    return svc.get("hours") == "24/7" or any(p.get("hours") == "24/7" for p in dicts(svc.get("phones")))


def card(org: dict[str, Any], services: list[dict[str, Any]], tax: Taxonomy, today: dt.date,
         route: Route | None = None) -> Card:
    phones = phones_of([p for s in services for p in as_list(s.get("phones"))], tax) or phones_of(
        org.get("phones"), tax)
    phones = sorted((p for p in phones if p.kind != "fax"), key=phone_rank)[:3]
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
        org_id=txt(org.get("id")), name=name,
        services=[txt(s.get("name")) for s in services if txt(s.get("name"))],
        summary=shorten(txt(first.get("description")) or txt(org.get("description"))),
        phones=phones, places=places[:3],
        coverage=coverage_text(next(s for s in services if scope(s) == scopes[0]), tax) if services else "",
        always_open=any(is_always_open(org, s) for s in services),
        verification=verification(org, today), contact=contact, route=None if contact else route,
        # Listings nobody can reach come after those that can be reached.
        sort_key=("0" if contact else "1", name.casefold(), txt(org.get("id"))))


def cards(matches: Iterable[tuple[dict[str, Any], dict[str, Any]]], tax: Taxonomy, today: dt.date,
          make: Callable[[dict[str, Any], list[dict[str, Any]]], Card] | None = None) -> list[Card]:
    """(org, service) pairs -> one card per organization, in alphabetical order of name."""
    grouped: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {}
    for org, svc in matches:
        grouped.setdefault(txt(org.get("id")), (org, []))[1].append(svc)
    build = make or (lambda org, svcs: card(org, svcs, tax, today))
    return sorted((build(org, svcs) for org, svcs in grouped.values()), key=lambda c: c.sort_key)


def all_services(ds: Dataset) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for org in ds.organizations:
        if isinstance(org, dict):
            for svc in dicts(org.get("services")):
                yield org, svc


def in_area(svc: dict[str, Any], area: str, category: str | None = None) -> bool:
    if svc.get("service_area") != area:
        return False
    cats = [c for c in as_list(svc.get("categories")) if isinstance(c, str)]
    return category is None or category in cats


def local_to_county(svc: dict[str, Any], county: str, tax: Taxonomy) -> bool:
    """Local means the service's own coverage names this county or its region; statewide is not local."""
    return scope(svc) == "local" and county in served_counties(svc, tax)


def local_to_region(svc: dict[str, Any], region: str, tax: Taxonomy) -> bool:
    return scope(svc) == "local" and region in served_regions(svc, tax)


# ---------------------------------------------------------------------------------------------- hotlines


@dataclass
class Line:
    """One phone line for the hotlines page and the print sheets."""

    org_id: str
    org_name: str
    phone: PhoneView
    coverage: str
    scope: str
    sort_key: tuple[int, int, str, int]


def hotlines(ds: Dataset) -> list[Line]:
    """Crisis and text lines (type hotline or text), 24/7 first, then national, statewide, local, by name."""
    tax = ds.taxonomy
    out: list[Line] = []
    for org in ds.organizations:
        if not isinstance(org, dict):
            continue
        services = dicts(org.get("services"))
        widest = min((scope(s) for s in services), key=lambda s: -SCOPE_ORDER[s], default="local")
        sources: list[tuple[dict[str, Any] | None, Any]] = [(None, org.get("phones"))]
        sources += [(s, s.get("phones")) for s in services]
        seen: set[tuple[str, str]] = set()
        for svc, phones in sources:
            for view in phones_of(phones, tax):
                if view.kind not in ("hotline", "text") or (view.kind, view.number) in seen:
                    continue
                seen.add((view.kind, view.number))
                kind = scope(svc) if svc is not None else widest
                where = coverage_text(svc if svc is not None else {"coverage": {"scope": widest}}, tax)
                if svc is None and widest == "local" and services:
                    where = coverage_text(services[0], tax)
                name = txt(org.get("name"))
                # Within one organization, lines keep the order the record lists them in (main line first).
                out.append(Line(txt(org.get("id")), name, view, where, kind,
                                (0 if view.always_open else 1, -SCOPE_ORDER[kind], name.casefold(), len(seen))))
    return sorted(out, key=lambda x: x.sort_key)


@dataclass
class Hotline:
    """One service on the hotlines page: every way to reach it (call, text, TTY), each once."""

    org_id: str
    org_name: str
    routes: list[PhoneView]
    always_open: bool
    trafficking: bool
    deaf: list[str]  # what the record says about Deaf and hard-of-hearing access (TTY, relay, video, ASL)
    languages: str
    coverage: str
    scope: str
    sort_key: tuple[int, int, int, str]


DEAF_WORDS = ("deaf", "hard of hearing", "tty", "relay", "videophone", "sign language", "asl")


def hotline_entries(ds: Dataset) -> list[Hotline]:
    """Organizations with a crisis or text line, one entry each with all their lines (988 once, not four
    times): trafficking lines first (national, then statewide), then lines open 24/7, then the others."""
    tax = ds.taxonomy
    out: list[Hotline] = []
    for org in ds.organizations:
        if not isinstance(org, dict):
            continue
        services = dicts(org.get("services"))
        routes = phones_of(as_list(org.get("phones")) + [p for s in services for p in as_list(s.get("phones"))], tax)
        routes = [p for p in routes if p.kind != "fax"]
        if not any(p.kind in ("hotline", "text") for p in routes):
            continue
        routes.sort(key=lambda p: ({"hotline": 0, "voice": 1, "text": 2, "tty": 3}.get(p.kind, 4),
                                   0 if p.always_open else 1))
        widest = max((scope(s) for s in services), key=lambda s: SCOPE_ORDER[s], default="local")
        words = " ".join([txt(org.get("name")), txt(org.get("alternate_name")),
                          *[txt(t) for t in as_list(org.get("tags"))]]).casefold()
        deaf: list[str] = []  # (a TTY number is one of the routes, named "TTY")
        for s in services:
            text = txt(s.get("description"))
            if "deaf-hard-of-hearing" in as_list(s.get("populations")) or any(
                    w in text.casefold() for w in DEAF_WORDS):
                deaf.append(text)
        always = any(p.always_open for p in routes if p.kind in ("hotline", "text"))
        trafficking = "trafficking" in words
        name = txt(org.get("name"))
        languages = language_names(sorted({c for ph in as_list(org.get("phones")) if isinstance(ph, dict)
                                            for c in as_list(ph.get("languages"))}), tax)
        out.append(Hotline(txt(org.get("id")), name, routes, always, trafficking, deaf, languages,
                           coverage_text({"coverage": {"scope": widest}}, tax) if widest != "local"
                           else coverage_text(services[0], tax) if services else "", widest,
                           (0 if trafficking else 1, 0 if always else 1, -SCOPE_ORDER[widest], name.casefold())))
    return sorted(out, key=lambda x: x.sort_key)


def email_href(org: dict[str, Any]) -> str | None:
    return mailto_href(org.get("email"))


def website_href(value: Any) -> str | None:
    href = safe_href(value)
    return href if href and href.startswith("https:") else None
