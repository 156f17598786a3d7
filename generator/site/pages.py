"""Records -> Markdown pages for the site (the `generator.site.pages:produce` producer). Pure: no MkDocs import.

Every value from YAML is hostile. Page titles go into front matter HTML-escaped (Material prints them raw);
headings are Markdown with every ASCII punctuation mark written as a character reference (so no Markdown or
attribute-list syntax survives); everything else is HTML in raw blocks, rendered by Jinja with autoescape on,
which Markdown leaves alone. MkDocs does not rewrite links inside raw HTML, so each page's links are written
here: up to the site root, then down to the target (the same URLs MkDocs gives pages).

Pages: org/<id>, areas/<area>, housing/index + housing/<region>, regions/index + regions/<region>,
counties/<county>, hotlines, print/index + print/<region>. A long list shows its first SECTION_LIMIT cards and
links to the whole list on pages of PAGE_SIZE (`<page>/<section>.md`, `<page>/<section>-2.md`, ...).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator.site import jsonld

from generator.present import urls

from generator.present import views
from generator.present.outputs import Outputs
from generator.records.clock import today
from generator.records.dataset import Dataset, Taxonomy
from generator.records.redact import publishable, source_is_linked

TEMPLATES = Path(__file__).resolve().parents[2] / "site_templates" / "pages"
SECTION_LIMIT = 25  # cards shown in one section of a hub page before "see all"
PAGE_SIZE = 50  # cards per page of a full list
PRINT_LIMIT = 40  # rows on a printed sheet (one or two sheets of paper)
PRINT_LINES = 8  # 24/7 lines on a printed sheet
HOUSING = ("emergency-shelter", "transitional-housing", "long-term-housing", "rental-assistance")

DEFAULTS: dict[str, Any] = {
    "site_name": "Idaho CCCI Resource Directory",
    "site_url": "",
    "use_directory_urls": True,
    "corrections_url": "",
    "today": None,
}


# ---------------------------------------------------------------------------------------------- escaping


def md_text(value: Any) -> Markup:
    """Text safe anywhere in a Markdown line: one line, and every ASCII punctuation mark as &#NN;."""
    text = " ".join(str(value or "").split())
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    out = "".join(f"&#{ord(ch)};" if ch.isascii() and not ch.isalnum() and ch != " " else ch for ch in text)
    return Markup(out)  # noqa: S704 - every character that could be markup is now a character reference


def raw_block(value: str) -> Markup:
    """An HTML fragment as one raw block: no blank lines inside (Markdown would end the block there)."""
    html_text = value if isinstance(value, Markup) else escape(value)  # only rendered, escaped HTML passes
    body = "\n".join(line.rstrip() for line in str(html_text).splitlines() if line.strip())
    return Markup(f"\n{body}\n") if body else Markup("")  # noqa: S704 - built from escaped Markup only


def front_matter(title: str, **meta: Any) -> str:
    """YAML front matter (JSON values are valid YAML). Material prints `title` raw, so it is escaped here."""
    lines = [f"title: {json.dumps(html.escape(' '.join(title.split()), quote=False))}"]
    lines += [f"{key}: {json.dumps(value)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


@cache
def environment(folder: str = str(TEMPLATES)) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["md"] = md_text
    env.filters["raw"] = raw_block
    return env


# ---------------------------------------------------------------------------------------------- structure


Pair = tuple[dict[str, Any], dict[str, Any]]  # (organization, one of its services)


@dataclass
class Section:
    id: str
    heading: str
    items: list[Any]  # views.Card or views.Line
    kind: str = "cards"  # cards | lines
    intro: str = ""
    empty: str = "No programs are listed here yet."
    shown: list[Any] = field(default_factory=list)
    more: str | None = None  # docs path of the full list when it does not fit
    more_anchor: str = ""
    more_label: str = ""  # instead of "See all N: <heading>"

    def __post_init__(self) -> None:
        self.id = urls.slug(self.id)  # it becomes an HTML id and a file name


@dataclass
class Site:
    """What every page renderer needs: the data, the settings, an index of services by place and scope
    (built once: every listing is a lookup, not a scan), and the pages written so far."""

    ds: Dataset
    settings: Mapping[str, Any]
    today: dt.date
    out: Outputs = field(default_factory=Outputs)
    _wide: dict[str, Section] = field(default_factory=dict)
    _cards: dict[tuple[int, ...], views.Card] = field(default_factory=dict)

    def __post_init__(self) -> None:
        tax = self.ds.taxonomy
        self.pairs = list(views.all_services(self.ds))
        self.scoped: dict[str, list[Pair]] = {"local": [], "statewide": [], "national": []}
        self.in_county: dict[str, list[Pair]] = {c: [] for c in tax.county_region}
        self.in_region: dict[str, list[Pair]] = {r: [] for r in tax.regions}
        for pair in self.pairs:
            kind = views.scope(pair[1])
            self.scoped[kind].append(pair)
            if kind == "local":
                counties = views.served_counties(pair[1], tax)
                for county in counties:
                    self.in_county[county].append(pair)
                for region in {tax.county_region[c] for c in counties}:
                    self.in_region[region].append(pair)
        directory = bool(self.settings.get("use_directory_urls", True))
        self.directory_urls = directory
        self.route = views.route_line(self.ds)  # for listings that give no way to reach them

    @property
    def tax(self) -> Taxonomy:
        return self.ds.taxonomy

    def card(self, org: dict[str, Any], services: list[dict[str, Any]]) -> views.Card:
        key = (id(org), *map(id, services))
        if key not in self._cards:
            self._cards[key] = views.card(org, services, self.tax, self.today, self.route)
        return self._cards[key]

    def cards(self, matches: list[Pair]) -> list[views.Card]:
        return views.cards(matches, self.tax, self.today, self.card)

    def linker(self, page: str) -> Callable[..., str]:
        """Links from `page`: up to the site root, then down (always right, if not always shortest)."""
        up = "../" * urls.page_url(page, self.directory_urls).count("/")
        directory = self.directory_urls

        def link(to: str, anchor: str = "") -> str:
            target = urls.page_url(to, directory) if to.endswith(".md") else to
            return (up + target or "./") + (f"#{anchor}" if anchor else "")

        return link

    def render(self, path: str, template: str, title: str, meta: dict[str, Any] | None = None,
               **context: Any) -> None:
        body = environment().get_template(template).render(
            page_path=path, title=title, link=self.linker(path), settings=self.settings, today=self.today,
            **context)
        self.out.pages[path] = front_matter(title, **(meta or {})) + re.sub(r"\n{3,}", "\n\n", body)

    def listing(self, path: str, title: str, sections: list[Section]) -> list[Section]:
        """Trim long sections to SECTION_LIMIT; their full lists go on pages of PAGE_SIZE (shared or own)."""
        base = path.removesuffix("/index.md") if path.endswith("/index.md") else path.removesuffix(".md")
        for sec in sections:
            sec.shown = sec.items[:SECTION_LIMIT]
            if len(sec.items) > SECTION_LIMIT and sec.more is None:
                sec.more = self.full_list(f"{base}/{sec.id}", path, title, sec)
        return sections

    def full_list(self, base: str, hub: str, hub_title: str, sec: Section) -> str:
        """Write every item of `sec` on pages `<base>.md`, `<base>-2.md`, ...; return the first page's path."""
        chunks = [sec.items[i:i + PAGE_SIZE] for i in range(0, len(sec.items), PAGE_SIZE)]
        paths = [f"{base}.md" if n == 0 else f"{base}-{n + 1}.md" for n in range(len(chunks))]
        for n, chunk in enumerate(chunks):
            self.render(paths[n], "more.md.j2", f"{sec.heading} (page {n + 1} of {len(chunks)})",
                        {**HUB_META, "ccci": "list"}, hub=hub, hub_title=hub_title, section=sec, items=chunk,
                        number=n + 1, pages=len(chunks), prev=paths[n - 1] if n else None,
                        next=paths[n + 1] if n + 1 < len(chunks) else None)
        return paths[0]

    def wide(self, kind: str) -> Section:
        """The statewide or national section every place page ends with, built once; its full list is shared."""
        if kind not in self._wide:
            heading = "Programs that serve all of Idaho" if kind == "statewide" else "National programs"
            sec = Section(kind, heading, self.cards(self.scoped[kind]))
            if len(sec.items) > SECTION_LIMIT:
                sec.more = self.full_list(f"lists/{kind}", "regions/index.md", "Help by place", sec)
            self._wide[kind] = sec
        return self._wide[kind]


HOW_WORDS = (("walk_in", "You can walk in without calling first."), ("call_first", "Call before you go."),
             ("referral_required", "You need a referral from another agency."))
ORG_META = {"search": {"exclude": True}}  # the finder searches records; Material's index stays small
HUB_META = {"search": {"exclude": True}}


def county_path(county: str) -> str:
    return f"counties/{urls.slug(county)}.md"


# ---------------------------------------------------------------------------------------------- pages


def org_page(site: Site, org: dict[str, Any]) -> None:
    tax, oid = site.tax, views.txt(org.get("id"))
    path = f"org/{oid}.md"
    services = []
    for svc in views.dicts(org.get("services")):
        area = str(svc.get("service_area", ""))
        cats = [tax.subcategories[c][1].get("name", c) for c in views.as_list(svc.get("categories"))
                if isinstance(c, str) and c in tax.subcategories]
        fees = svc.get("fees") if isinstance(svc.get("fees"), dict) else {}
        help_ = svc.get("how_to_get_help") if isinstance(svc.get("how_to_get_help"), dict) else {}
        how = [w for k, w in HOW_WORDS if help_.get(k) is True]
        if help_.get("referral_required") is False:
            how.append("No referral needed.")
        services.append({
            "id": views.txt(svc.get("id")), "name": views.txt(svc.get("name")),
            "area": tax.area_name(area), "area_path": f"areas/{area}.md" if area in tax.service_areas else None,
            "categories": cats, "description": views.paragraphs(svc.get("description")),
            "populations": views.join_words([str(tax.populations[p].get("name", p)) for p in
                                             views.as_list(svc.get("populations")) if p in tax.populations]),
            "languages": views.language_names(svc.get("languages"), tax),
            "interpretation": views.txt(svc.get("interpretation")),
            "fees": " ".join(x for x in (views.FEE_WORDS.get(str(fees.get("type")), ""),
                                         views.txt(fees.get("description"))) if x),
            "eligibility": views.txt(svc.get("eligibility")), "how": how,
            "steps": views.txt(help_.get("steps")),
            "bring": [views.txt(x) for x in views.as_list(help_.get("what_to_bring")) if views.txt(x)],
            "hours": views.hours_lines(svc.get("hours")), "coverage": views.coverage_text(svc, tax),
            "places": views.service_places(org, svc), "phones": views.phones_of(svc.get("phones"), tax),
            "url": views.website_href(svc.get("url")),
        })
    ver = org.get("verification") if isinstance(org.get("verification"), dict) else {}
    sources = [{"href": views.website_href(s.get("url")) if linked else None,
                "title": views.txt(s.get("title")) or (views.txt(s.get("url")) if linked else "A public source"),
                "seen": views.date_words(views.txt(s.get("seen")))}
               for s in views.dicts(ver.get("sources")) for linked in [source_is_linked(org, s)]]
    site_url = str(site.settings.get("site_url") or "")
    page_url = urls.safe_href(site_url.rstrip("/") + "/" + urls.page_url(path)) if site_url else None
    correction = urls.with_query(str(site.settings.get("corrections_url") or ""),
                                 title=f"Correction: {oid}",
                                 body=f"Listing: {oid}\n\nWhat is wrong, and where did you see the right "
                                      "information? Please do not write personal details.")
    site.render(path, "org.md.j2", views.txt(org.get("name")) or oid, {**ORG_META, "ccci": "org"},
                org=org, oid=oid, alt=views.txt(org.get("alternate_name")),
                description=views.paragraphs(org.get("description")),
                phones=sorted(views.phones_of(org.get("phones"), tax), key=views.phone_rank),
                website=views.website_href(org.get("website")), email=views.email_href(org),
                email_text=views.txt(org.get("email")),
                places=[views.place_view(x) for x in views.dicts(org.get("locations"))],
                services=services, verification=views.verification(org, site.today), sources=sources,
                correction=correction, jsonld=ld_json(jsonld.organization(org, tax, page_url)))


def ld_json(doc: Any) -> Markup:
    return Markup(jsonld.script_json(doc))  # noqa: S704 - script_json leaves no < > & in the text


def area_page(site: Site, area_id: str, area: dict[str, Any], matches: list[Pair]) -> None:
    path, title = f"areas/{area_id}.md", str(area.get("name", area_id))
    sections = []
    for sub in views.dicts(area.get("subcategories")):
        sid = str(sub.get("id"))
        found = [(o, s) for o, s in matches if sid in views.as_list(s.get("categories"))]
        sections.append(Section(sid, str(sub.get("name", sid)), site.cards(found),
                                intro=views.txt(sub.get("description"))))
    known = {str(s.get("id")) for s in views.dicts(area.get("subcategories"))}
    rest = [(o, s) for o, s in matches if not known & set(views.as_list(s.get("categories")))]
    if rest:
        sections.append(Section("other", f"Other {title.lower()} programs", site.cards(rest)))
    site.listing(path, title, sections)
    site.render(path, "area.md.j2", title, {**HUB_META, "ccci": "area"}, area=area, sections=sections,
                total=len({o.get("id") for o, _ in matches}))


def place_sections(site: Site, local: list[tuple[dict, dict]], where: str) -> list[Section]:
    """Local first, then statewide, then national: so a place page is never empty. When no local program
    can be reached (none listed, or none gives a phone, website or e-mail), the statewide lines come first."""
    state, nation = site.wide("statewide"), site.wide("national")
    local_cards = site.cards(local)
    sections = [
        Section("local", f"Programs in {where}", local_cards,
                empty=f"No local programs in {where} are listed yet. The statewide and national programs "
                      "serve people here too."),
        Section(state.id, state.heading, state.items, more=state.more),
        Section(nation.id, nation.heading, nation.items, more=nation.more,
                empty="No national programs are listed yet. See the hotlines page."),
    ]
    if not any(c.contact for c in local_cards):
        sections[0].intro = (f"No program in {where} lists a phone, website or e-mail yet, so the statewide "
                             "lines come first.") if local_cards else ""
        sections = [sections[1], sections[0], sections[2]]
    return sections


def region_page(site: Site, rid: str, region: dict[str, Any]) -> None:
    path, name = f"regions/{rid}.md", str(region.get("name", rid))
    sections = place_sections(site, site.in_region[rid], name)
    if len(sections[0].items) > SECTION_LIMIT:
        # Every local program of the region is on its counties' pages: link there, not to a second full list.
        sections[0].more, sections[0].more_anchor = path, "counties"
        sections[0].more_label = f"See all {len(sections[0].items)} on the county pages"
    site.listing(path, name, sections)
    counties = [(c, county_path(c)) for c in views.as_list(region.get("counties")) if isinstance(c, str)]
    site.render(path, "region.md.j2", name, {**HUB_META, "ccci": "region"}, region=region, rid=rid,
                counties=counties, sections=sections)


def county_page(site: Site, county: str, rid: str) -> None:
    path, name = county_path(county), f"{county} County"
    local = site.in_county[county]
    sections = site.listing(path, name, place_sections(site, local, name))
    region = site.tax.regions.get(rid, {})
    site.render(path, "county.md.j2", name, {**HUB_META, "ccci": "county"}, county=county, rid=rid,
                region_name=str(region.get("name", rid)), sections=sections)


def housing_pages(site: Site) -> None:
    tax = site.tax
    subs = [(c, str(tax.subcategories[c][1].get("name", c))) for c in HOUSING if c in tax.subcategories]
    matches = site.pairs

    def has(svc: dict[str, Any], cat: str) -> bool:
        return cat in views.as_list(svc.get("categories"))

    sections = [Section(c, name, site.cards([(o, s) for o, s in matches if has(s, c) and
                                             views.scope(s) != "local"]),
                        intro=str(tax.subcategories[c][1].get("description", "")),
                        empty="No statewide or national programs of this kind are listed yet. See your region.")
                for c, name in subs]
    counts = []
    for rid, region in tax.regions.items():
        rpath, rname = f"housing/{rid}.md", f"Housing help in {region.get('name', rid)}"
        local = [Section(c, name, site.cards([(o, s) for o, s in site.in_region[rid] if has(s, c)]),
                         intro=str(tax.subcategories[c][1].get("description", "")),
                         empty="No local programs of this kind are listed here yet.")
                 for c, name in subs]
        site.listing(rpath, rname, local)
        site.render(rpath, "housing_region.md.j2", rname, {**HUB_META, "ccci": "housing"}, rid=rid,
                    region=region, sections=local)
        counts.append((str(region.get("name", rid)), rpath, sum(len(s.items) for s in local)))
    site.listing("housing/index.md", "Shelter and housing lists", sections)
    site.render("housing/index.md", "housing.md.j2", "Shelter and housing lists", {**HUB_META, "ccci": "housing"},
                sections=sections, regions=counts)


def hotlines_page(site: Site) -> None:
    """Trafficking lines first, then lines open 24/7, then the others; one entry per service, all its lines."""
    lines = views.hotline_entries(site.ds)
    rest = [x for x in lines if not x.trafficking]
    sections = site.listing("hotlines.md", "Hotlines", [
        Section("trafficking", "Human trafficking lines", [x for x in lines if x.trafficking], "hotlines",
                empty="No trafficking lines are listed yet."),
        Section("always-open", "Other lines open 24 hours, every day", [x for x in rest if x.always_open],
                "hotlines", empty="No other 24/7 lines are listed yet."),
        Section("other-lines", "Other call and text lines", [x for x in rest if not x.always_open], "hotlines",
                empty="No other lines are listed."),
    ])
    site.render("hotlines.md", "hotlines.md.j2", "Hotlines", {**HUB_META, "ccci": "hotlines"}, sections=sections)


def regions_index(site: Site) -> None:
    rows = []
    for rid, region in site.tax.regions.items():
        local = {views.txt(o.get("id")) for o, s in site.in_region[rid]}
        counties = [(c, county_path(c)) for c in views.as_list(region.get("counties")) if isinstance(c, str)]
        rows.append({"id": rid, "name": str(region.get("name", rid)), "description": views.txt(
            region.get("description")), "counties": counties, "local": len(local)})
    site.render("regions/index.md", "regions_index.md.j2", "Help by place", {**HUB_META, "ccci": "regions"},
                regions=rows)


def print_pages(site: Site) -> None:
    tax = site.tax
    # One row per organization: its first 24/7 call line and first 24/7 text line; Idaho lines first.
    grouped: dict[str, dict[str, Any]] = {}
    for x in sorted(views.hotlines(site.ds), key=lambda x: (0 if x.scope == "statewide" else 1, x.sort_key)):
        if not x.phone.always_open or x.scope == "local":
            continue
        row = grouped.setdefault(x.org_id, {"name": x.org_name, "phones": []})
        if x.phone.kind not in {p.kind for p in row["phones"]} and len(row["phones"]) < 2:
            row["phones"].append(x.phone)
    always = list(grouped.values())[:PRINT_LINES]
    sheets = []
    for rid, region in tax.regions.items():
        name = str(region.get("name", rid))
        found = site.in_region[rid]
        areas: dict[str, set[str]] = {}
        for o, s in found:
            areas.setdefault(views.txt(o.get("id")), set()).add(tax.area_name(str(s.get("service_area"))))
        local = site.cards(found)
        rows = [{"card": c, "areas": views.join_words(sorted(areas.get(c.org_id, ())))} for c in local[:PRINT_LIMIT]]
        path = f"print/{rid}.md"
        site.render(path, "print.md.j2", f"Help in {name}: printable list", {**HUB_META, "ccci": "print"},
                    rid=rid, region=region, region_name=name, lines=always, rows=rows, total=len(local),
                    made=views.month_year(site.today))
        sheets.append((name, path))
    site.render("print/index.md", "print_index.md.j2", "Printable lists", {**HUB_META, "ccci": "print-index"},
                sheets=sheets)


def gaps_page(site: Site) -> None:
    """'Where we have no listing yet': the `ccci coverage` numbers in plain words (generator/present/coverage.py)."""
    from generator.present import coverage

    cov = coverage.compute(site.ds, site.today)
    counties = [{"name": r.county, "path": county_path(r.county), "listings": r.listings, "reachable": r.reachable}
                for r in cov.counties]
    known = {views.txt(o.get("id")) for o in site.ds.organizations}
    unreachable = [c for c in cov.calling if "no phone" in c.missing and "no website" in c.missing and c.id in known]
    careline = any(p.get("number") == "211" for o in site.ds.organizations for p in views.dicts(o.get("phones")))
    site.render("gaps.md", "gaps.md.j2", "Where we have no listing yet", {**HUB_META, "ccci": "gaps"}, cov=cov,
                counties=counties, areas=cov.areas, lines=cov.lines, careline=careline, unreachable=unreachable,
                made=views.month_year(site.today))


def produce(dataset: Dataset, settings: Mapping[str, Any]) -> Outputs:
    """The producer: every generated page of the site, from the (publishable) dataset."""

    merged = {**DEFAULTS, **{k: v for k, v in settings.items() if v is not None}}
    ds = publishable(dataset)
    ds.organizations = [o for o in ds.organizations if isinstance(o, dict)
                        and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", views.txt(o.get("id")))]
    site = Site(ds, merged, merged.get("today") or today())
    for org in ds.organizations:
        org_page(site, org)
    by_area: dict[str, list[tuple[dict, dict]]] = {}
    for org, svc in views.all_services(ds):
        by_area.setdefault(str(svc.get("service_area")), []).append((org, svc))
    for area_id, area in site.tax.service_areas.items():
        area_page(site, area_id, area, by_area.get(area_id, []))
    housing_pages(site)
    for rid, region in site.tax.regions.items():
        region_page(site, rid, region)
    for county, rid in sorted(site.tax.county_region.items()):
        county_page(site, county, rid)
    hotlines_page(site)
    regions_index(site)
    print_pages(site)
    gaps_page(site)
    return site.out
