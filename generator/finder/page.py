"""What the finder page (/find/) ships: result documents, the Idaho places table, UI strings and the page.

Result documents (`find/docs.json`) hold what a result row shows and what the filters test, one entry per
service in the order of the index refs, with shared strings kept once in tables:

    {"v": 1,
     "t": {"a": [[area id, name]], "s": [[sub id, name, area#]], "r": [[region id, name]],
           "k": [[county, region#]], "p": [[population id, name]], "l": [[code, name]]},
     "y": [[[stem, ...] per phrase] per synonym group],
     "w": [[stop word, ...], [filler word, ...]] (data/search/words.yaml, folded),
     "o": [{"i": id, "n": name, "v": "YYYY-MM-DD" (verified only), "p": phones,
            "L": [[city, lat, lon, county#, 1 if private]]}],
     "s": [{"o": org#, "n": name, "a": area#, "c": [sub#], "p": [population#], "l": [language#],
            "f": flags (1 free, 2 open 24/7, 4 walk in without referral),
            "g": 0 local / 1 statewide / 2 national, "k": [county# it serves], "L": [org location#],
            "p2": phones}]}

Organizations are in alphabetical order, each one's services numbered in a row. A phone is [number, kind]
or [number, kind, text keyword]; kind is c(all), t(ext) or y (TTY). Empty lists,
zero flags and local scope are left out. A confidential location appears only as its city's centre, never
with more (the schema already keeps street, ZIP and coordinates out of such a record, and this module never
reads them for one).

The places table (`find/places.json`) is generated from `zipcodes` (see `places_table`).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.finder.text import Synonyms, fold, stems_of
from generator.records.dataset import Dataset, Taxonomy
from generator.records.geo import city_centres, idaho_zips

FLAG_FREE, FLAG_ALLDAY, FLAG_WALKIN = 1, 2, 4
SCOPES = {"local": 0, "statewide": 1, "national": 2}
PHONE_KINDS = {"voice": "c", "hotline": "c", "text": "t", "tty": "y"}  # fax is left out of the finder
COORD_DECIMALS = 4
# The strings finder.js itself shows (the rest are written into the page at build time).
JS_STRINGS = ("loading", "location_denied", "location_unsupported", "locating", "place_unknown", "place_found",
              "place_from_location", "load_error", "count_none", "count_one", "count_many", "partial",
              "serves_state", "serves_us", "serves_counties", "county_name", "private_address", "distance",
              "distance_near", "call", "text", "text_keyword", "tty", "verified", "unverified", "more_services",
              "showing", "months", "date", "more_on", "group_near", "group_lines", "group_far", "no_contact",
              "no_contact_route", "call_first", "nothing_for_words", "filter_hides", "widen", "still_fits",
              "still_fits_need", "group_unreach", "guides_heading")


def place_key(name: str) -> str:
    """A city name as the finder looks it up: folded, letters and digits only ("Coeur d'Alene" -> "coeurdalene")."""
    return "".join(ch for ch in fold(" ".join(name.split())).replace(" ", "") if ch.isalnum())




# ---------------------------------------------------------------------------------------------- documents


def _round(x: float) -> float:
    return round(float(x), COORD_DECIMALS)


def _phones(phones: Any) -> list[list[str]]:
    out: list[list[str]] = []
    for ph in phones or []:
        kind = PHONE_KINDS.get(ph.get("type", ""))
        number = str(ph.get("number", ""))
        if not kind or not number:
            continue
        entry = [number, kind]
        if kind == "t" and ph.get("text_keyword"):
            entry.append(str(ph["text_keyword"]))
        if entry not in out:
            out.append(entry)
    return out


@lru_cache(maxsize=1)
def _centres_by_key() -> dict[str, tuple[float, float, str]]:
    return {place_key(name): centre for name, centre in city_centres().items()}


def city_centre(city: str) -> tuple[float, float, str] | None:
    """The centre of an Idaho city however it is spelled ("Coeur d'Alene" = the ZIP list's "Coeur D Alene")."""
    return _centres_by_key().get(place_key(city))


def _location_point(loc: dict[str, Any]) -> tuple[float, float] | None:
    """Where a location takes part in "near me": its own point if public, its city's centre if confidential."""
    addr = loc.get("address") or {}
    if addr.get("state") != "ID":
        geo = loc.get("geo") if not loc.get("confidential") else None
        return (_round(geo["lat"]), _round(geo["lon"])) if geo else None
    if not loc.get("confidential"):
        geo = loc.get("geo")
        if geo:
            return _round(geo["lat"]), _round(geo["lon"])
        z = idaho_zips().get(str(addr.get("postal_code", "")))
        if z:
            return _round(z.lat), _round(z.lon)
    centre = city_centre(str(addr.get("city", "")))
    return (centre[0], centre[1]) if centre else None


class _Tables:
    def __init__(self, tax: Taxonomy) -> None:
        self.tax = tax
        self.areas = list(tax.service_areas)
        self.subs = list(tax.subcategories)
        self.regions = list(tax.regions)
        self.counties = sorted(tax.county_region)
        self.pops = list(tax.populations)
        self.langs: list[str] = []  # filled with the languages the services use, in taxonomy order
        self.area_i = {a: i for i, a in enumerate(self.areas)}
        self.sub_i = {s: i for i, s in enumerate(self.subs)}
        self.county_i = {c: i for i, c in enumerate(self.counties)}
        self.pop_i = {p: i for i, p in enumerate(self.pops)}

    def region_counties(self, region: str) -> list[str]:
        return [c for c, r in self.tax.county_region.items() if r == region]

    def as_json(self) -> dict[str, Any]:
        tax = self.tax
        region_i = {r: i for i, r in enumerate(self.regions)}
        return {
            "a": [[a, tax.area_name(a)] for a in self.areas],
            "s": [[s, str(tax.subcategories[s][1].get("name", s)), self.area_i.get(tax.subcategories[s][0], -1)]
                  for s in self.subs],
            "r": [[r, str(tax.regions[r].get("name", r))] for r in self.regions],
            "k": [[c, region_i.get(tax.county_region[c], -1)] for c in self.counties],
            "p": [[p, str(tax.populations[p].get("name", p))] for p in self.pops],
            "l": [[code, tax.language_name(code)] for code in self.langs],
        }


def _words(*parts: Any) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, list | tuple):
            out.extend(str(p) for p in part if isinstance(p, str))
    return " ".join(out)


PHONE_WORDS = {"tty": "TTY", "text": "text"}  # so that "TTY" or "text" finds a line of that kind


def _phone_words(phones: Any) -> list[str]:
    """What the finder indexes about phones: their kind (TTY, text) and their own description."""
    out: list[str] = []
    for ph in phones or []:
        if not isinstance(ph, dict):
            continue
        out += [PHONE_WORDS.get(str(ph.get("type", "")), ""), str(ph.get("description") or "")]
    return [w for w in out if w]


def _language_words(tax: Taxonomy, code: str) -> list[str]:
    lang = tax.languages.get(code, {})
    return [str(lang.get("name", code)), str(lang.get("native_name", ""))]


def _doc(ref: str, synonyms: Synonyms, name: str, categories: str, description: str) -> dict[str, str]:
    tokens = synonyms.tokens_for(" ".join((name, categories, description)))
    if tokens:
        description += " " + tokens
    return {"r": ref, "n": name, "c": categories, "d": description}


def build_documents(dataset: Dataset, synonyms: Synonyms) -> tuple[list[dict[str, str]], dict[str, Any]]:
    """(lunr documents, result documents) for every service of every organization, refs "0", "1", ..."""
    tax = dataset.taxonomy
    t = _Tables(tax)
    lang_order = {code: i for i, code in enumerate(tax.languages)}
    used_langs: set[str] = set()
    orgs: list[dict[str, Any]] = []
    services: list[dict[str, Any]] = []
    index_docs: list[dict[str, str]] = []

    # Organizations in name order (folded), so that the finder lists them alphabetically without a collator.
    ordered = sorted((o for o in dataset.organizations if isinstance(o, dict)),
                     key=lambda o: (" ".join(fold(w) for w in str(o.get("name", "")).split()), str(o.get("id", ""))))
    for org in ordered:
        if not isinstance(org.get("services"), list):
            continue
        o: dict[str, Any] = {"i": str(org.get("id", "")), "n": str(org.get("name", ""))}
        ver = org.get("verification") or {}
        if ver.get("status") == "verified" and ver.get("last_verified"):
            o["v"] = str(ver["last_verified"])
        org_phones = _phones(org.get("phones"))
        if org_phones:
            o["p"] = org_phones
        if not reachable(org):
            o["u"] = 1
        loc_ids: dict[str, int] = {}
        locs: list[list[Any]] = []
        loc_words: list[str] = []
        for loc in org.get("locations") or []:
            addr = loc.get("address") or {}
            point = _location_point(loc)
            county = addr.get("county")
            if not county and addr.get("state") == "ID":
                centre = city_centre(str(addr.get("city", "")))
                county = centre[2] if centre else None
            entry: list[Any] = [str(addr.get("city", "")), point[0] if point else None,
                                point[1] if point else None, t.county_i.get(county, -1) if county else -1]
            if loc.get("confidential"):
                entry.append(1)
            loc_ids[str(loc.get("id"))] = len(locs)
            locs.append(entry)
            loc_words += [str(addr.get("city", "")), str(county or "")]
        if locs:
            o["L"] = locs
        org_index = len(orgs)
        orgs.append(o)
        org_lang = {code for ph in org.get("phones") or [] for code in ph.get("languages") or []}

        for svc in org["services"]:
            if not isinstance(svc, dict):
                continue
            s: dict[str, Any] = {"o": org_index, "n": str(svc.get("name", ""))}
            area = svc.get("service_area")
            if area in t.area_i:
                s["a"] = t.area_i[area]
            cats = [c for c in svc.get("categories") or [] if c in t.sub_i]
            if cats:
                s["c"] = [t.sub_i[c] for c in cats]
            pops = [p for p in svc.get("populations") or [] if p in t.pop_i]
            if pops:
                s["p"] = [t.pop_i[p] for p in pops]
            own_phones = svc.get("phones") or []
            langs = set(svc.get("languages") or []) | {c for ph in own_phones for c in ph.get("languages") or []}
            if not own_phones:
                langs |= org_lang
            langs = {c for c in langs if c in lang_order}
            used_langs |= langs
            if langs:
                s["l"] = sorted(langs, key=lambda c: lang_order[c])  # codes for now; indices below
            flags = 0
            if (svc.get("fees") or {}).get("type") == "free":
                flags |= FLAG_FREE
            if svc.get("hours") == "24/7" or any(ph.get("hours") == "24/7" for ph in own_phones):
                flags |= FLAG_ALLDAY
            how = svc.get("how_to_get_help") or {}
            if how.get("walk_in") is True and not how.get("referral_required"):
                flags |= FLAG_WALKIN
            if flags:
                s["f"] = flags
            cov = svc.get("coverage") or {}
            scope = SCOPES.get(cov.get("scope", "local"), 0)
            if scope:
                s["g"] = scope
            covered: list[str] = []
            if scope == 0:
                for region in cov.get("regions") or []:
                    covered += [c for c in t.region_counties(region) if c not in covered]
                covered += [c for c in cov.get("counties") or [] if c in t.county_i and c not in covered]
                if covered:
                    s["k"] = sorted(t.county_i[c] for c in covered)
            if "locations" in svc:
                where = [loc_ids[x] for x in svc.get("locations") or [] if x in loc_ids]
            else:  # offered where the organization is (a confidential place only as its city's centre)
                where = list(range(len(locs)))
            if where:
                s["L"] = where
            svc_phones = _phones(own_phones)
            if svc_phones:
                s["p2"] = svc_phones
            ref = str(len(services))
            services.append(s)

            area_doc = tax.service_areas.get(area, {})
            cat_words: list[Any] = [area_doc.get("name"), area_doc.get("synonyms")]
            for c in cats:
                sub = tax.subcategories[c][1]
                cat_words += [sub.get("name"), sub.get("synonyms")]
            for p in pops:
                pop = tax.populations[p]
                cat_words += [pop.get("name"), pop.get("synonyms")]
            lang_words = [w for code in sorted(langs - org_lang) for w in _language_words(tax, code)]
            index_docs.append(_doc(ref, synonyms, _words(svc.get("name")), _words(*cat_words),
                                   _words(svc.get("description"), svc.get("eligibility"),
                                          svc.get("interpretation"), covered, lang_words,
                                          _phone_words(own_phones))))

        org_lang_words = [w for code in sorted(org_lang) if code in lang_order for w in _language_words(tax, code)]
        index_docs.append(_doc(f"o{org_index}", synonyms, _words(org.get("name"), org.get("alternate_name")),
                               _words(org.get("tags")),
                               _words(org.get("description"), loc_words, org_lang_words,
                                      _phone_words(org.get("phones")))))

    _add_routes(orgs, services, [t.sub_i.get(c, -1) for c in ROUTE_CATEGORIES])
    t.langs = [code for code in tax.languages if code in used_langs]
    lang_i = {code: i for i, code in enumerate(t.langs)}
    for s in services:
        if "l" in s:
            s["l"] = [lang_i[c] for c in s["l"]]
    return index_docs, {"v": 1, "t": t.as_json(), "y": synonyms.as_json(), "w": synonyms.words_json(),
                        "n": need_words(tax, t.areas, synonyms.stop), "o": orgs, "s": services}


def need_words(tax: Taxonomy, areas: list[str], stop: Iterable[str] = ()) -> dict[str, int]:
    """Stem -> service area number, from the taxonomy's names and synonyms of each area and its subcategories;
    a stem in two areas is left out. When words find nothing, the finder offers programs of the area they
    name ("vacatur" -> legal help)."""
    votes: dict[str, set[int]] = {}
    for i, area in enumerate(areas):
        doc = tax.service_areas.get(area, {})
        words: list[Any] = [doc.get("name"), doc.get("synonyms")]
        for _sub_id, (sub_area, sub) in tax.subcategories.items():
            if sub_area == area:
                words += [sub.get("name"), sub.get("synonyms")]
        for st in stems_of(_words(*words), stop):
            votes.setdefault(st, set()).add(i)
    return {st: next(iter(v)) for st, v in sorted(votes.items()) if len(v) == 1}


def reachable(org: dict[str, Any]) -> bool:
    """Whether a listing gives any way to reach it: a phone, website or e-mail (its own or a service's)."""
    services = [s for s in org.get("services") or [] if isinstance(s, dict)]
    return bool(org.get("phones") or org.get("website") or org.get("email")
                or any(s.get("phones") or s.get("url") for s in services))


ROUTE_CATEGORIES = ("hotline", "information-referral")  # the lines that can connect people to a program
ROUTE_FALLBACK = "idaho-211-careline"


def _first_call(phones: Any) -> list[str] | None:
    """A number to call, or else one to text."""
    return next((p for p in phones or [] if p[1] == "c"), None) or next((p for p in phones or [] if p[1] == "t"), None)


def _add_routes(orgs: list[dict[str, Any]], services: list[dict[str, Any]], categories: list[int]) -> None:
    """For each listing nobody can reach ("u"), the line that can help instead ("rt": [org#, phone]): a local
    hotline or information line of another organization serving one of its counties, else Idaho 211 or
    another statewide information line. Only numbers already in the data."""
    def counties_of(o: int) -> set[int]:
        out = {loc[3] for loc in orgs[o].get("L", []) if loc[3] >= 0}
        for s in services:
            if s["o"] == o:
                out |= set(s.get("k", []))
        return out

    lines: list[tuple[int, int, set[int], list[str]]] = []  # (scope, org#, counties, phone)
    for s in services:
        o = s["o"]
        if orgs[o].get("u") or not set(s.get("c", [])) & set(categories):
            continue
        phone = _first_call(s.get("p2")) or _first_call(orgs[o].get("p"))
        if phone:
            served = set(s.get("k", [])) | ({loc[3] for loc in orgs[o].get("L", [])} if not s.get("g") else set())
            lines.append((s.get("g", 0), o, served, phone))
    fallback = [line for line in lines if line[0] == 1]
    fallback.sort(key=lambda line: (orgs[line[1]]["i"] != ROUTE_FALLBACK, line[1]))
    for o, org in enumerate(orgs):
        if not org.get("u"):
            continue
        mine = counties_of(o)
        local = [line for line in lines if line[0] == 0 and line[2] & mine]
        local.sort(key=lambda line: (-len(line[2] & mine), line[1]))
        best = local[0] if local else (fallback[0] if fallback else None)
        if best:
            org["rt"] = [best[1], best[3]]


def places_table(counties: list[str], spellings: Iterable[str] = ()) -> dict[str, Any]:
    """Idaho ZIP codes and cities with coordinates and county: {"k": [county], "n": [city name],
    "z": {zip: [lat, lon, county#, city#]}, "c": {place_key(city): [lat, lon, county#, city#]}}.
    A city is named as `spellings` (the records' own city names) spell it when they match ("Coeur d'Alene",
    not the ZIP list's "Coeur D Alene")."""
    county_i = {c: i for i, c in enumerate(counties)}
    centres = city_centres()
    ours = {place_key(name): name for name in spellings}
    names: dict[str, str] = {}
    for z in sorted(idaho_zips().values(), key=lambda z: (z.kind != "STANDARD", z.code)):
        names.setdefault(z.city.lower(), ours.get(place_key(z.city), z.city))
    order = sorted(names)
    name_i = {lower: i for i, lower in enumerate(order)}
    zips = {code: [_round(z.lat), _round(z.lon), county_i.get(z.county, -1), name_i[z.city.lower()]]
            for code, z in sorted(idaho_zips().items())}
    cities = {place_key(lower): [centres[lower][0], centres[lower][1], county_i.get(centres[lower][2], -1),
                                 name_i[lower]]
              for lower in order if lower in centres}
    return {"k": counties, "n": [names[lower] for lower in order], "z": zips, "c": cities,
            "K": county_places(counties)}


def county_places(counties: list[str]) -> dict[str, list[Any]]:
    """A county as a place ("Canyon", "Canyon County"): place_key(county) -> [lat, lon, county#], the centre
    being the mean of the county's standard ZIP centroids (any of its ZIPs if it has none)."""
    points: dict[str, list[tuple[float, float]]] = {}
    std: dict[str, list[tuple[float, float]]] = {}
    for z in idaho_zips().values():
        points.setdefault(z.county, []).append((z.lat, z.lon))
        if z.kind == "STANDARD":
            std.setdefault(z.county, []).append((z.lat, z.lon))
    out: dict[str, list[Any]] = {}
    for i, county in enumerate(counties):
        pts = std.get(county) or points.get(county)
        if pts:
            out[place_key(county)] = [_round(sum(p[0] for p in pts) / len(pts)),
                                      _round(sum(p[1] for p in pts) / len(pts)), i]
    return out


def to_json(data: Any) -> bytes:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


# ---------------------------------------------------------------------------------------------- page


def _options(pairs: list[tuple[str, str]], any_label: str) -> str:
    opts = [f'<option value="">{html.escape(any_label)}</option>']
    opts += [f'<option value="{html.escape(v)}">{html.escape(label)}</option>' for v, label in pairs]
    return "".join(opts)


def _grouped_options(groups: list[tuple[str, list[tuple[str, str]]]], any_label: str) -> str:
    out = [f'<option value="">{html.escape(any_label)}</option>']
    for label, pairs in groups:
        if not pairs:
            continue
        out.append(f'<optgroup label="{html.escape(label)}">')
        out += [f'<option value="{html.escape(v)}">{html.escape(text)}</option>' for v, text in pairs]
        out.append("</optgroup>")
    return "".join(out)


PAGE = "find/index.md"


def link_from_finder(target: str, directory_urls: bool = True) -> str:
    """Relative link from the finder page to another docs page, as MkDocs writes it: 'org/x.md' ->
    '../org/x/' (or '../org/x.html' without directory URLs); 'regions/index.md' -> '../regions/'."""
    stem = target.removesuffix(".md")
    if directory_urls:
        return "../" + (stem.removesuffix("index") if stem.endswith("/index") else stem + "/")
    return "../" + stem + ".html"


INLINE_DOCS_MAX = 100_000  # bytes: result documents this small go into the page itself (no request to wait for)


def inline_json(data: Any) -> str:
    """JSON for a <script type="application/json"> block: every "<" escaped, so no text can end the block."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("<", "\\u003c")


def md_line(text: Any) -> str:
    """Text for a Markdown line (outside the raw HTML): one line, every ASCII punctuation mark as &#NN;, so no
    string of data/search can become a link, emphasis, code or a tag (the same rule as pages.md_text)."""
    one = " ".join(str(text or "").split())
    return "".join(f"&#{ord(ch)};" if ch.isascii() and not ch.isalnum() and ch != " " else ch for ch in one)


def page_markdown(dataset: Dataset, strings: dict[str, Any], docs: dict[str, Any], assets: dict[str, str],
                  directory_urls: bool = True) -> str:
    """The finder page. The controls are hidden until finder.js runs; without JavaScript a notice shows, and
    the browse links below the finder (by type of help, by region and county) work either way. Every text
    comes from `strings` (one language); every value is escaped."""
    S = strings
    e = html.escape
    tax = dataset.taxonomy
    tables = docs["t"]
    areas = [(a, name) for a, name in tables["a"]]
    subs = [(tax.area_name(a), [(s, name) for s, name, ai in tables["s"] if ai >= 0 and tables["a"][ai][0] == a])
            for a, _ in areas]
    regions = [(r, name) for r, name in tables["r"]]
    counties = [(name, [(c, c) for c, ri in tables["k"] if ri >= 0 and tables["r"][ri][0] == r])
                for r, name in regions]  # the county filter, grouped by region
    pops = [(p, name) for p, name in tables["p"]]
    langs = [(code, name) for code, name in tables["l"]]
    # Only what the data can satisfy: an option no program has says so beside it.
    used = {"a": {tables["a"][s["a"]][0] for s in docs["s"] if "a" in s},
            "s": {tables["s"][c][0] for s in docs["s"] for c in s.get("c", [])},
            "p": {tables["p"][p][0] for s in docs["s"] for p in s.get("p", [])}}

    def offer(pairs: list[tuple[str, str]], kind: str) -> list[tuple[str, str]]:
        return [(v, label if v in used[kind] else f"{label} ({S['no_listing']})") for v, label in pairs]

    areas, pops = offer(areas, "a"), offer(pops, "p")
    subs = [(group, offer(pairs, "s")) for group, pairs in subs]
    flags = 0
    for s in docs["s"]:
        flags |= s.get("f", 0)

    def check_label(flag: int, key: str) -> str:
        return S[key] if flags & flag else f"{S[key]} ({S['no_listing']})"
    ui = {k: S[k] for k in JS_STRINGS + LINK_STRINGS}
    org_url = link_from_finder("org/{id}.md", directory_urls)
    docs_inline = inline_json(docs)
    if len(docs_inline.encode("utf-8")) > INLINE_DOCS_MAX:
        docs_inline = ""
    data_attrs = " ".join(
        f'data-{k}="{e(v)}"' for k, v in (
            ("index", assets["index"]), ("docs", assets["docs"]), ("places", assets["places"]),
            ("lunr", assets["lunr"]),
            ("org-url", org_url), ("strings", json.dumps(ui, ensure_ascii=False, separators=(",", ":")))))

    def a(target: str, text: str) -> str:
        return f'<a href="{e(link_from_finder(target, directory_urls))}">{e(text)}</a>'

    browse_need = "".join(f"<li>{a(f'areas/{area}.md', name)}</li>" for area, name in areas)
    browse_place = "".join(f"<li>{a(f'regions/{r}.md', name)}</li>" for r, name in regions)
    lines = [
        "---",
        "search:",
        "  exclude: true  # Material's search box leaves the records to the finder",
        "ccci: finder",
        "---",
        "",
        f"# {md_line(S['title'])}",
        "",
        md_line(S["intro"]),
        "",
        '<div class="ccci-finder-page">',
        f'<link rel="stylesheet" href="{e(assets["css"])}">',
        # Fetched by finder.js; preloaded so they download while lunr.js and finder.js do. Small result
        # documents come inside the page instead (a data block: not run, so the CSP has nothing to say).
        f'<link rel="preload" href="{e(assets["index"])}" as="fetch" crossorigin="anonymous">',
        # lunr.js is only needed to search words: finder.js adds it after the list shows.
        f'<link rel="preload" href="{e(assets["lunr"])}" as="script">',
        (f'<script type="application/json" id="f-docs">{docs_inline}</script>' if docs_inline else
         f'<link rel="preload" href="{e(assets["docs"])}" as="fetch" crossorigin="anonymous">'),
        f'<div class="ccci-finder" id="ccci-finder" {data_attrs} hidden>',
        # A form only so that the browser keeps none of its values (autocomplete="off": nothing typed or
        # chosen goes into the saved tab state); it is never sent (finder.js stops Enter; form-action 'none').
        f'<form class="ccci-finder__form" role="search" aria-label="{e(S["title"])}" autocomplete="off">',
        '<div class="ccci-finder__row">',
        '<div class="ccci-finder__field ccci-finder__field--wide">',
        f'<label for="f-q">{e(S["search_label"])}</label>',
        '<input id="f-q" name="q" type="search" autocomplete="off" spellcheck="false" aria-describedby="f-q-hint">',
        f'<p class="ccci-finder__hint" id="f-q-hint">{e(S["search_hint"])}</p>',
        "</div>",
        '<div class="ccci-finder__field">',
        f'<label for="f-near">{e(S["place_label"])}</label>',
        '<input id="f-near" name="near" type="text" autocomplete="off" spellcheck="false" '
        'aria-describedby="f-near-hint f-near-note">',
        f'<p class="ccci-finder__hint" id="f-near-hint">{e(S["place_hint"])} {e(S["location_privacy"])}</p>',
        f'<button type="button" class="ccci-finder__button" id="f-geo">{e(S["use_location"])}</button>',
        '<p class="ccci-finder__note" id="f-near-note"></p>',
        "</div>",
        "</div>",
        f'<details class="ccci-finder__filters" id="f-more"><summary>{e(S["filters"])}'
        '<span id="f-more-count"></span></summary>',
        '<div class="ccci-finder__row">',
        _select("f-need", "need", S["need_label"], _options(areas, S["any_need"])),
        _select("f-sub", "sub", S["sub_label"], _grouped_options(subs, S["any_sub"])),
        "</div>",
        '<div class="ccci-finder__row">',
        _select("f-region", "region", S["region_label"], _options(regions, S["any_region"])),
        _select("f-county", "county", S["county_label"], _grouped_options(counties, S["any_county"])),
        "</div>",
        '<div class="ccci-finder__row">',
        _select("f-who", "who", S["who_label"], _options(pops, S["any_who"]), hint=S["who_hint"]),
        _select("f-lang", "lang", S["lang_label"], _options(langs, S["any_lang"])),
        "</div>",
        '<div class="ccci-finder__checks">',
        _check("f-free", "free", check_label(FLAG_FREE, "free_label")),
        _check("f-allday", "allday", check_label(FLAG_ALLDAY, "allday_label")),
        _check("f-walkin", "walkin", check_label(FLAG_WALKIN, "walkin_label")),
        "</div>",
        "</details>",
        f'<button type="button" class="ccci-finder__button ccci-finder__clear" id="f-clear">{e(S["clear"])}</button>',
        # "Copy a link to this search": the only way a search gets into a link, and it says so.
        '<div class="ccci-finder__share">',
        f'<button type="button" class="ccci-finder__button" id="f-share" aria-describedby="f-share-hint">'
        f'{e(S["share"])}</button>',
        f'<p class="ccci-finder__hint" id="f-share-hint">{e(S["share_hint"])}</p>',
        '<div id="f-share-box" hidden>',
        f'<label for="f-share-link">{e(S["share_label"])}</label>',
        '<input id="f-share-link" type="text" readonly autocomplete="off" spellcheck="false" '
        'aria-describedby="f-share-note">',
        '<p class="ccci-finder__note" id="f-share-note" role="status"></p>',
        "</div>",
        "</div>",
        "</form>",
        f'<h2 id="f-results-heading">{e(S["results_heading"])}</h2>',
        f'<p class="ccci-finder__status" id="f-status" role="status" aria-live="polite">{e(S["loading"])}</p>',
        '<ol class="ccci-finder__results" id="f-results" aria-labelledby="f-results-heading"></ol>',
        '<p class="ccci-finder__showing" id="f-showing"></p>',
        f'<button type="button" class="ccci-finder__button" id="f-more-results" hidden>{e(S["show_more"])}</button>',
        "</div>",
        f'<noscript><p class="ccci-finder__noscript">{e(S["noscript"])}</p></noscript>',
        '<nav class="ccci-finder__browse" aria-labelledby="f-browse-heading">',
        f'<h2 id="f-browse-heading">{e(S["browse_heading"])}</h2>',
        f'<h3>{e(S["browse_need"])}</h3>',
        f'<ul class="ccci-finder__browse-need">{browse_need}</ul>',
        f'<h3>{e(S["browse_place"])}</h3>',
        f'<p>{a("regions/index.md", S["browse_all_places"])}</p>',
        f'<ul class="ccci-finder__browse-place">{browse_place}</ul>',
        "</nav>",

        f'<script src="{e(assets["js"])}" defer></script>',
        "</div>",
        "",
    ]
    return "\n".join(lines)


# finder.js's words for "Copy a link to this search".
LINK_STRINGS = ("link_copied", "link_select")


def _select(ident: str, name: str, label: str, options: str, hint: str | None = None) -> str:
    described = f' aria-describedby="{ident}-hint"' if hint else ""
    hint_html = f'<p class="ccci-finder__hint" id="{ident}-hint">{html.escape(hint)}</p>' if hint else ""
    return (f'<div class="ccci-finder__field"><label for="{ident}">{html.escape(label)}</label>'
            f'<select id="{ident}" name="{name}"{described}>{options}</select>{hint_html}</div>')


def _check(ident: str, name: str, label: str) -> str:
    return (f'<div class="ccci-finder__check"><input type="checkbox" id="{ident}" name="{name}" value="1">'
            f'<label for="{ident}">{html.escape(label)}</label></div>')


def standalone_site(pages: dict[str, str], assets: dict[str, bytes], dest: Path, language: str = "en") -> Path:
    """The finder page and its assets as a bare site (no theme) under `dest`, for tests and benchmarks when no
    MkDocs build is at hand. Same Content-Security-Policy as the real site: default-src 'self'."""
    import markdown  # Python-Markdown, which MkDocs itself uses

    dest = Path(dest)
    for path, data in assets.items():
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for path, text in pages.items():
        if text.startswith("---\n"):  # front matter is for MkDocs
            text = text.split("\n---\n", 1)[1]
        body = markdown.markdown(text)
        target = dest / path.removesuffix(".md").removesuffix("index") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            f'<!doctype html>\n<html lang="{html.escape(language)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">"
            f"<title>{html.escape(path)}</title></head><body><main>{body}</main></body></html>\n",
            encoding="utf-8")
    return dest
