"""Layer 2: dataset rules the schema cannot express (references, places, phones, privacy, freshness).

Each rule is a small function over one record that yields problems (`RECORD_RULES`, with rules_safety's); the
rules that look across records (unique ids, likely duplicates, retired records) are in rules_across.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

import phonenumbers

from generator.records.clock import STALE_DAYS
from generator.records.dataset import Taxonomy
from generator.records.geo import haversine_km, idaho_zips, in_idaho
from generator.records.leaks import normal_state
from generator.records.load import Loaded
from generator.records.problems import ERROR, WARNING, Problem, json_path
from generator.records.rules_safety import SAFETY_RULES, SCAN_LIMIT, Walk, walk_of

MAX_KM_FROM_ZIP = 40.0
N11_CODES = {"211", "311", "511", "711", "811", "911", "988"}

_SSN = re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}[- ]\d{2}[- ]\d{4}(?![\d-])")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_A_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?"
    rf"\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|(?:19|20)\d{{2}})"
)
# A date of birth needs birth words: "opened on 01/05/2010" is a date, not a birth date.
_DOB = re.compile(
    rf"\bD\.?O\.?B\b\.?|\b(?:date of birth|birth ?date|birthday|b\.)\s*(?:is|was|of|:|-)?\s*{_A_DATE}"
    rf"|\bborn(?:\s+(?:on|in))?\s+{_A_DATE}",
    re.IGNORECASE,
)
_A_NUMBER = re.compile(
    r"(?<![\w-])A\s*[-#]?\s*(?:\d{8,9}|\d{3}[- ]\d{3}[- ]\d{2,3})\b"
    r"|\b(?:alien|A-?number|USCIS)\s*(?:no\.?|number|#)?\s*:?\s*A?\d{8,9}\b",
    re.IGNORECASE,
)
# A person's name (two capitalised words, or one before a comma) next to an age or a birth date.
_NAME = r"\b[A-Z][a-z'’-]{0,30}(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]{0,30}){1,3}|\b[A-Z][a-z'’-]{0,30},"
_NAME_AGE = re.compile(
    rf"(?:{_NAME})\s*,?\s*(?:\(\s*(?:age\s*)?\d{{1,2}}\s*\)|(?:age|aged)\s+\d{{1,2}}\b"
    rf"(?!\s*(?:to|-|–|and|or|through|\+))|\d{{1,2}}\s*(?:years?|yrs?)[- ]old\b|\d{{1,2}}\s*y/?o\b)"
    rf"|(?:{_NAME})\s*,?\s*(?:\d{{1,2}}/\d{{1,2}}/(?:19|20)\d{{2}}|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}})"
    # "Maria Lopez, 34, stayed": a first and last name, a comma and an age
    r"|\b[A-Z][a-z'’-]{1,30}\s+[A-Z][a-z'’-]{1,30},\s*\d{1,2}(?=\s*[,.;)]|\s+(?:who|from|"
    r"stayed|called|came|was|is|has)\b|\s*$)"
)
# Bounded, and starting only where a word starts: no text can make these compare every pair of positions.
_EMAIL_IN_TEXT = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_FREE_MAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|aol|"
    r"icloud|me|mac|proton|protonmail|pm|gmx|mail|comcast|att|sbcglobal|cableone)\.[a-z.]+",
    re.IGNORECASE,
)
_PHONE = r"(?<![\d-])(?:\+?1[-. ]?)?\(?\d{3}\)?[-. ]?\d{3}[-. ]\d{4}(?![\d-])"
# A person's phone or e-mail: after words about a person ("her cell", "the caller's number", "Maria's phone").
_PERSON_WORDS = (
    r"\b(?:cell|mobile|personal|home|her|his|their|my|client|caller|survivor|victim|guest|resident|"
    r"mom|mother|dad|father|husband|wife|partner|boyfriend|girlfriend|daughter|son)(?:'s|’s)?\b"
    r"|\b[A-Z][a-z]+(?:'s|’s)\s+(?:cell|phone|number|e-?mail|mobile)\b"
)
_PHONE_IN_TEXT = re.compile(rf"(?:{_PERSON_WORDS})[^.\n]{{0,30}}?{_PHONE}")
_CASE = re.compile(
    r"\b(?:case|docket|file)\s*(?:no\.?|number|num\.?|#)\s*:?\s*[A-Z0-9][A-Z0-9-]{3,}"
    r"|\b(?:CR|CV|JV|DR)\d{2}-\d{2}-\d{3,}\b",
    re.IGNORECASE,
)
# Fields whose values are not free text (checked by their own rules).
_NOT_FREE_TEXT = {
    "id",
    "number",
    "url",
    "website",
    "email",
    "postal_code",
    "last_verified",
    "seen",
    "opens",
    "closes",
    "lat",
    "lon",
    "extension",
    "text_keyword",
    "state",
    "county",
    "city",
}


@dataclass
class Ctx:
    """What a rule needs: the loaded file (for positions), the taxonomy and today's date."""

    loaded: Loaded
    taxonomy: Taxonomy
    today: dt.date
    schema_file: Path | None = None  # the record schema (lists it marks x-unique-items are checked for repeats)
    walked: Walk | None = None  # the record's one walk for the text rules (rules_safety.walk_of makes it)

    def at(self, parts: tuple[Any, ...], message: str, rule: str, severity: str = ERROR) -> Problem:
        line, col = self.loaded.locate(parts)
        return Problem(self.loaded.path, line, col, severity, json_path(parts), message, rule)


def did_you_mean(value: str, choices: Any) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _is_number(value: object) -> TypeGuard[int | float]:
    return type(value) in (int, float)  # not bool: `lat: true` is no coordinate


def _dicts(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    for i, item in enumerate(_list(value)):
        if isinstance(item, dict):
            yield i, item


def all_phones(org: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    """Every phone of a record with its path: the organization's and each service's."""
    for i, ph in _dicts(org.get("phones")):
        yield ("phones", i), ph
    for s, svc in _dicts(org.get("services")):
        for i, ph in _dicts(svc.get("phones")):
            yield ("services", s, "phones", i), ph


def rule_file_name(org: dict[str, Any], ctx: Ctx) -> Iterator[Problem]:
    stem = ctx.loaded.path.rsplit("/", 1)[-1].removesuffix(".yaml")
    if isinstance(org.get("id"), str) and org["id"] != stem:
        yield ctx.at(
            ("id",),
            f"id '{org['id']}' must equal the file name '{stem}': rename the file to "
            f"'{org['id']}.yaml' or change the id",
            "id-filename",
        )


def rule_local_ids(org: dict[str, Any], ctx: Ctx) -> Iterator[Problem]:
    for key in ("locations", "services"):
        seen: set[str] = set()
        for i, item in _dicts(org.get(key)):
            ident = item.get("id")
            if isinstance(ident, str):
                if ident in seen:
                    yield ctx.at((key, i, "id"), f"two {key} share the id '{ident}': give each its own id", "id-unique")
                seen.add(ident)


def _shown_name(value: str, table: dict[str, dict[str, Any]]) -> str:
    """'Legal help' is how the site shows area 'legal': say which code to write instead."""
    want = value.strip().lower()
    names = {str(entry.get("name", "")).lower(): code for code, entry in table.items()}
    code = names.get(want) or next((c for n, c in names.items() if len(want) >= 4 and n.startswith(want)), None)
    if code is None:
        close = difflib.get_close_matches(want, list(names), n=1, cutoff=0.6)
        code = names[close[0]] if close else None
    if code is None:
        return ""
    return f": that is the name the site shows; in the record, write its code '{code}'"


def rule_taxonomy_refs(org: dict[str, Any], ctx: Ctx) -> Iterator[Problem]:
    tax = ctx.taxonomy
    location_ids = {loc["id"] for _, loc in _dicts(org.get("locations")) if isinstance(loc.get("id"), str)}
    for s, svc in _dicts(org.get("services")):
        base = ("services", s)
        area = svc.get("service_area")
        if isinstance(area, str) and area not in tax.service_areas:
            yield ctx.at(
                base + ("service_area",),
                f"unknown service area '{area}'"
                f"{_shown_name(area, tax.service_areas) or did_you_mean(area, tax.service_areas)}; "
                "see data/taxonomy/service_areas.yaml",
                "unknown-service-area",
            )
        for i, cat in enumerate(_list(svc.get("categories"))):
            if not isinstance(cat, str):
                continue
            if cat not in tax.subcategories:
                yield ctx.at(
                    base + ("categories", i),
                    f"unknown category '{cat}'"
                    f"{did_you_mean(cat, tax.subcategories)}; see data/taxonomy/service_areas.yaml",
                    "unknown-category",
                )
            elif isinstance(area, str) and area in tax.service_areas and tax.subcategories[cat][0] != area:
                yield ctx.at(
                    base + ("categories", i),
                    f"category '{cat}' belongs to area "
                    f"'{tax.subcategories[cat][0]}', not '{area}': move it to a service in that area",
                    "category-area",
                )
        for i, pop in enumerate(_list(svc.get("populations"))):
            if isinstance(pop, str) and pop not in tax.populations:
                yield ctx.at(
                    base + ("populations", i),
                    f"unknown population '{pop}'"
                    f"{did_you_mean(pop, tax.populations)}; see data/taxonomy/populations.yaml",
                    "unknown-population",
                )
        for i, loc in enumerate(_list(svc.get("locations"))):
            if isinstance(loc, str) and loc not in location_ids:
                yield ctx.at(
                    base + ("locations", i),
                    f"no location with id '{loc}' in this record{did_you_mean(loc, location_ids)}",
                    "unknown-location",
                )
        cov = _dict(svc.get("coverage"))
        for i, region in enumerate(_list(cov.get("regions"))):
            if isinstance(region, str) and region not in tax.regions:
                yield ctx.at(
                    base + ("coverage", "regions", i),
                    f"unknown region '{region}'"
                    f"{did_you_mean(region, tax.regions)}; regions are: {', '.join(tax.regions)}",
                    "unknown-region",
                )
        for i, county in enumerate(_list(cov.get("counties"))):
            if isinstance(county, str) and county not in tax.county_region:
                yield ctx.at(base + ("coverage", "counties", i), _county_message(county, tax), "unknown-county")
    yield from _language_refs(org, ctx)


def _language_refs(org: dict[str, Any], ctx: Ctx) -> Iterator[Problem]:
    places: list[tuple[tuple[Any, ...], Any]] = [(p, ph.get("languages")) for p, ph in all_phones(org)]
    places += [(("services", s), svc.get("languages")) for s, svc in _dicts(org.get("services"))]
    for base, langs in places:
        for i, code in enumerate(_list(langs)):
            if isinstance(code, str) and code not in ctx.taxonomy.languages:
                by_name = {str(x.get("name", "")).lower(): c for c, x in ctx.taxonomy.languages.items()}
                hint = (
                    f" (did you mean '{by_name[code.lower()]}' for {code}?)"
                    if code.lower() in by_name
                    else did_you_mean(code, ctx.taxonomy.languages)
                )
                yield ctx.at(
                    base + ("languages", i),
                    f"unknown language code '{code}'{hint}; codes are listed in data/taxonomy/languages.yaml",
                    "unknown-language",
                )


def _county_message(county: str, tax: Taxonomy) -> str:
    bare = county.removesuffix(" County")
    if bare != county and bare in tax.county_region:
        return f"write the county without the word 'County': '{bare}'"
    return f"'{county}' is not one of Idaho's 44 counties{did_you_mean(county, tax.county_region)}"


def rule_places(org: dict[str, Any], ctx: Ctx) -> Iterator[Problem]:
    zips = idaho_zips()
    for i, loc in _dicts(org.get("locations")):
        base = ("locations", i)
        addr = _dict(loc.get("address"))
        geo = _dict(loc.get("geo"))
        if normal_state(addr.get("state")) != "ID":
            continue  # "ID\n" or "id" are Idaho too: never skip the checks (the newline rule reports the value)
        county, code = addr.get("county"), addr.get("postal_code")
        if not isinstance(county, str):
            yield ctx.at(base + ("address",), "an Idaho address needs its county: add 'county'", "county-missing")
        elif county not in ctx.taxonomy.county_region:
            yield ctx.at(base + ("address", "county"), _county_message(county, ctx.taxonomy), "unknown-county")
        z = zips.get(code) if isinstance(code, str) else None
        if isinstance(code, str) and len(code) == 5 and code.isdigit() and z is None:
            yield ctx.at(base + ("address", "postal_code"), f"'{code}' is not an Idaho ZIP code", "zip-unknown")
        if z is not None and isinstance(county, str) and county in ctx.taxonomy.county_region and z.county != county:
            yield ctx.at(
                base + ("address", "county"),
                f"ZIP {code} is in {z.county} County, not {county}: check the county or the ZIP",
                "zip-county",
            )
        lat, lon = geo.get("lat"), geo.get("lon")
        if _is_number(lat) and _is_number(lon):
            if not in_idaho(float(lat), float(lon)):
                yield ctx.at(
                    base + ("geo",),
                    f"coordinates {lat}, {lon} are outside Idaho: check the order "
                    "(lat is about 42 to 49, lon about -117 to -111)",
                    "geo-outside",
                )
            elif z is not None:
                km = haversine_km(float(lat), float(lon), z.lat, z.lon)
                if km > MAX_KM_FROM_ZIP:
                    yield ctx.at(
                        base + ("geo",),
                        f"coordinates are {km:.0f} km from the centre of ZIP {code}: check them",
                        "geo-far",
                    )


def rule_phones(org: dict[str, Any], ctx: Ctx) -> Iterator[Problem]:
    for path, ph in all_phones(org):
        number, kind = ph.get("number"), ph.get("type")
        if not isinstance(number, str):
            continue
        if number.isdigit():
            if len(number) == 3 and number not in N11_CODES:
                yield ctx.at(
                    path + ("number",),
                    f"'{number}' is not a 3-digit service code like 211, 711 or 988",
                    "phone-invalid",
                )
            elif len(number) in (4, 5, 6) and kind != "text":
                yield ctx.at(
                    path + ("number",),
                    f"'{number}' is a short code, which only works for texting: set type: text",
                    "phone-short-code",
                )
            continue
        if not number.startswith("+"):
            continue  # the schema reports the format
        try:
            parsed = phonenumbers.parse(number, "US")
        except phonenumbers.NumberParseException:
            parsed = None
        if parsed is None or not phonenumbers.is_valid_number(parsed):
            yield ctx.at(
                path + ("number",), f"'{number}' is not a valid phone number: check the digits", "phone-invalid"
            )
        if kind == "fax" and ph.get("hours") == "24/7":
            yield ctx.at(
                path + ("hours",),
                "a fax line is not answered 24/7 by a person: remove the hours",
                "phone-fax-hours",
                WARNING,
            )


_BAD_SCHEME = re.compile(r"\b(javascript|data|vbscript|file)\s*:", re.IGNORECASE)
# A cheap first look: only text with digits, a colon or TODO/example.org can trip the checks below.
_SUSPECT = re.compile(r"\d|:|@|TODO|example\.org|\bD\.?O\.?B\b", re.IGNORECASE)
_PERSONAL = (
    (_SSN, "a Social Security number"),
    (_DOB, "a date of birth"),
    (_A_NUMBER, "an immigration A-number"),
    (_NAME_AGE, "a person's name with their age or birth date"),
    (_CASE, "a case number"),
    (_FREE_MAIL, "a personal e-mail address"),
)
# Maintainers' notes: an e-mail or phone next to words about a person is a person's, not the organization's.
_IN_NOTES = (
    (re.compile(rf"(?:{_PERSON_WORDS})[^.\n]{{0,30}}?{_EMAIL_IN_TEXT.pattern}"), "an e-mail address"),
    (_PHONE_IN_TEXT, "a phone number"),
)


def rule_text(org: dict[str, Any], ctx: Ctx) -> Iterator[Problem]:
    """Free text must hold no personal data (records describe organizations, never people), no link with an
    unsafe scheme (link fields are checked by the schema), and no placeholder left by `ccci new`."""
    for parts, full, _ in reversed(walk_of(org, ctx).texts):
        text = full[:SCAN_LIMIT]  # longer text is refused by the schema anyway; this keeps the rules linear
        if not _SUSPECT.search(text):
            continue
        if "TODO" in text or "://example.org" in text:
            yield ctx.at(
                parts, "still holds placeholder text (TODO or example.org): replace it", "placeholder", WARNING
            )
        if parts and parts[-1] in _NOT_FREE_TEXT:
            continue
        m = _BAD_SCHEME.search(text)
        if m:
            yield ctx.at(parts, f"'{m.group(0)}' links are not allowed in text: remove it", "link-scheme")
        for pattern, what in _PERSONAL:
            if pattern.search(text):
                yield ctx.at(
                    parts,
                    f"this text looks like it holds {what}; records must not hold personal data: "
                    "remove it (write dates as YYYY-MM-DD if it is not personal)",
                    "personal-data",
                )
                break
        else:
            if parts and parts[-1] == "notes":
                for pattern, what in _IN_NOTES:
                    if pattern.search(text):
                        yield ctx.at(
                            parts,
                            f"these notes hold {what} of a person; records must not hold "
                            "personal data: remove it (the organization's own go in phones: or email:)",
                            "personal-data",
                        )
                        break


def rule_verification(org: dict[str, Any], ctx: Ctx) -> Iterator[Problem]:
    ver = _dict(org.get("verification"))
    raw = ver.get("last_verified")
    if not isinstance(raw, str):
        return
    try:
        when = dt.date.fromisoformat(raw)
    except ValueError:
        return  # the schema reports it
    if when > ctx.today:
        yield ctx.at(
            ("verification", "last_verified"),
            f"last_verified {raw} is in the future: use the date the record was confirmed",
            "verified-future",
        )
    elif (ctx.today - when).days > STALE_DAYS:
        yield ctx.at(
            ("verification", "last_verified"),
            f"'{org.get('name', org.get('id'))}' was last verified "
            f"{raw}, over 12 months ago: call to confirm it, then run 'ccci verify {org.get('id')} "
            "--method phone'",
            "verification-stale",
            WARNING,
        )


RECORD_RULES: list[Callable[[dict[str, Any], Ctx], Iterator[Problem]]] = [
    rule_file_name,
    rule_local_ids,
    rule_taxonomy_refs,
    rule_places,
    rule_phones,
    rule_text,
    rule_verification,
    *SAFETY_RULES,
]
