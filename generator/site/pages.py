"""Records -> Markdown pages for the site (the producers `programs` and `hubs`; `produce` is both). Pure: no MkDocs.

The pieces every page shares (escaping, the Jinja environment, sections, `Site`) are in site/render.py.
Every value from YAML is hostile. Page titles go into front matter HTML-escaped (Material prints them raw);
headings are Markdown with every ASCII punctuation mark written as a character reference (so no Markdown or
attribute-list syntax survives); everything else is HTML in raw blocks, rendered by Jinja with autoescape on,
which Markdown leaves alone. MkDocs does not rewrite links inside raw HTML, so each page's links are written
here: up to the site root, then down to the target (the same URLs MkDocs gives pages).

Pages: org/<id>, areas/<area>, housing/index + housing/<region>, regions/index + regions/<region>,
counties/<county>, hotlines, print/index + print/<region>, lists/statewide (every statewide and national program,
by kind of help). A long list shows its first SECTION_LIMIT cards and links to the whole list on pages of
PAGE_SIZE (`<page>/<section>.md`, `<page>/<section>-2.md`, ...). Place pages show local programs and only the first
WIDE_LIMIT statewide and national ones, with a link to lists/statewide (issue 15).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from generator.present import hotlines, labels, services, strings, urls, values, views, words
from generator.present.outputs import Outputs
from generator.present.strings import t
from generator.records.clock import today
from generator.records.dataset import Dataset
from generator.records.redact import publishable, source_is_linked
from generator.site import jsonld
from generator.site.render import HUB_META, ORG_META, SECTION_LIMIT, Pair, Section, Site

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


HOW_WORDS = (("walk_in", "how.walk_in"), ("call_first", "how.call_first"),
             ("referral_required", "how.referral_required"))  # keys of the strings table


def county_path(county: str) -> str:
    return f"counties/{urls.slug(county)}.md"


# ---------------------------------------------------------------------------------------------- pages


def org_page(site: Site, org: dict[str, Any]) -> None:
    tax, oid = site.tax, values.txt(org.get("id"))
    path = f"org/{oid}.md"
    offered = []
    for svc in values.dicts(org.get("services")):
        area = str(svc.get("service_area", ""))
        cats = [tax.subcategories[c][1].get("name", c) for c in values.as_list(svc.get("categories"))
                if isinstance(c, str) and c in tax.subcategories]
        fees = values.obj(svc, "fees")
        help_ = values.obj(svc, "how_to_get_help")
        how = [t(w) for k, w in HOW_WORDS if help_.get(k) is True]
        if help_.get("referral_required") is False:
            how.append(t("how.no_referral"))
        offered.append({
            "id": values.txt(svc.get("id")), "name": values.txt(svc.get("name")),
            "area": tax.area_name(area), "area_path": f"areas/{area}.md" if area in tax.service_areas else None,
            "categories": cats, "description": words.paragraphs(svc.get("description")),
            "populations": values.join_words([str(tax.populations[p].get("name", p)) for p in
                                             values.as_list(svc.get("populations")) if p in tax.populations]),
            "languages": words.language_names(svc.get("languages"), tax),
            "interpretation": values.txt(svc.get("interpretation")),
            "fees": " ".join(x for x in (labels.word(labels.FEES, fees["type"]) if "type" in fees else "",
                                         values.txt(fees.get("description"))) if x),
            "eligibility": values.txt(svc.get("eligibility")), "how": how,
            "steps": values.txt(help_.get("steps")),
            "bring": [values.txt(x) for x in values.as_list(help_.get("what_to_bring")) if values.txt(x)],
            "hours": words.hours_lines(svc.get("hours")), "coverage": services.coverage_text(svc, tax),
            "places": views.service_places(org, svc), "phones": views.phones_of(svc.get("phones"), tax),
            "url": urls.website_href(svc.get("url")),
        })
    ver = values.obj(org, "verification")
    sources = [{"href": urls.website_href(s.get("url")) if linked else None,
                "title": values.txt(s.get("title")) or (values.txt(s.get("url")) if linked
                                                         else t("org.a_public_source")),
                "seen": words.date_words(values.txt(s.get("seen")))}
               for s in values.dicts(ver.get("sources")) for linked in [source_is_linked(org, s)]]
    site_url = str(site.settings.get("site_url") or "")
    prefix = "" if strings.current() == strings.DEFAULT else f"{strings.current()}/"  # the page's own address
    page_url = urls.safe_href(site_url.rstrip("/") + "/" + prefix + urls.page_url(path)) if site_url else None
    correction = urls.with_query(str(site.settings.get("corrections_url") or ""),
                                 title=f"Correction: {oid}",
                                 body=f"Listing: {oid}\n\nWhat is wrong, and where did you see the right "
                                      "information? Please do not write personal details.")
    site.render(path, "org.md.j2", values.txt(org.get("name")) or oid, {**ORG_META, "ccci": "org"},
                org=org, oid=oid, alt=values.txt(org.get("alternate_name")),
                description=words.paragraphs(org.get("description")),
                phones=sorted(views.phones_of(org.get("phones"), tax), key=views.phone_rank),
                website=urls.website_href(org.get("website")), email=views.email_href(org),
                email_text=values.txt(org.get("email")),
                places=[views.place_view(x) for x in values.dicts(org.get("locations"))],
                services=offered, verification=views.verification(org, site.today), sources=sources,
                correction=correction,
                # schema.org data on the English page only: the Spanish twin describes the same organization, and
                # says so through its hreflang links; on both it was 1.5 KB a page, 15.7 MiB at 10,000 (issue 15)
                jsonld=ld_json(jsonld.organization(org, tax, page_url)) if not prefix else None)


def ld_json(doc: Any) -> Markup:
    # no language marks in the JSON (mark_english only rewrites text outside tags, and this is a script's)
    return Markup(strings.strip_marks(jsonld.script_json(doc)))  # noqa: S704 - script_json leaves no < > &


def area_page(site: Site, area_id: str, area: dict[str, Any], matches: list[Pair]) -> None:
    path, title = f"areas/{area_id}.md", str(area.get("name", area_id))
    sections = []
    for sub in values.dicts(area.get("subcategories")):
        sid = str(sub.get("id"))
        found = [(o, s) for o, s in matches if sid in values.as_list(s.get("categories"))]
        sections.append(Section(sid, str(sub.get("name", sid)), site.cards(found),
                                intro=values.txt(sub.get("description"))))
    known = {str(s.get("id")) for s in values.dicts(area.get("subcategories"))}
    rest = [(o, s) for o, s in matches if not known & set(values.as_list(s.get("categories")))]
    if rest:
        sections.append(Section("other", t("section.other", area=title.lower()), site.cards(rest)))
    site.listing(path, title, sections)
    site.render(path, "area.md.j2", title, {**HUB_META, "ccci": "area"}, area=area, sections=sections,
                total=len({o.get("id") for o, _ in matches}))


def place_sections(site: Site, local: list[Pair], where: str, far: bool = False) -> list[Section]:
    """Local programs first, then a short block of statewide and national programs that links to the one list
    of them all: so a place page is never empty and never repeats that list. The statewide block comes first
    when no local program can be reached (none listed, or none gives a phone, website or e-mail) or, on a county
    page, when none that can be reached has a place near the county (`far`)."""
    local_cards = site.cards(local)
    wide = site.wide(where)
    sections = [
        Section("local", t("section.local", place=where), local_cards,
                empty=t("section.local_empty", place=where)),
        wide,
    ]
    why = ""
    if not local_cards:
        why = t("section.wide_first_none", place=where)
    elif not any(c.contact for c in local_cards):
        why = t("section.wide_first_no_contact", place=where)
    elif far:
        why = t("section.wide_first_far", place=where, miles=services.NEAR_MILES)
    if why:
        wide.intro = " ".join(x for x in (why, wide.intro) if x)
        sections.reverse()
    return sections


def far_from_help(site: Site, county: str) -> bool:
    """No local program of the county that gives a way to reach it has a place within NEAR_MILES of the
    county's centre (present/services.py decides both)."""
    return not any(services.has_contact(o) and services.near_county(o, s, county) for o, s in site.in_county[county])


def region_page(site: Site, rid: str, region: dict[str, Any]) -> None:
    path, name = f"regions/{rid}.md", str(region.get("name", rid))
    sections = place_sections(site, site.in_region[rid], name)
    local = next(s for s in sections if s.id == "local")
    if len(local.items) > SECTION_LIMIT:
        # Every local program of the region is on its counties' pages: link there, not to a second full list.
        local.more, local.more_anchor = path, "counties"
        local.more_label = t("section.see_all_counties", n=len(local.items))
    site.listing(path, name, sections)
    counties = [(c, county_path(c)) for c in values.as_list(region.get("counties")) if isinstance(c, str)]
    site.render(path, "region.md.j2", name, {**HUB_META, "ccci": "region"}, region=region, rid=rid,
                counties=counties, sections=sections)


def county_page(site: Site, county: str, rid: str) -> None:
    path, name = county_path(county), t("page.county", county=county)
    local = site.in_county[county]
    sections = site.listing(path, name, place_sections(site, local, name, far=far_from_help(site, county)))
    region = site.tax.regions.get(rid, {})
    site.render(path, "county.md.j2", name, {**HUB_META, "ccci": "county"}, county=county, rid=rid,
                region_name=str(region.get("name", rid)), sections=sections, near_miles=services.NEAR_MILES)


def housing_pages(site: Site) -> None:
    tax = site.tax
    subs = [(c, str(tax.subcategories[c][1].get("name", c))) for c in HOUSING if c in tax.subcategories]
    matches = site.pairs

    def has(svc: dict[str, Any], cat: str) -> bool:
        return cat in values.as_list(svc.get("categories"))

    sections = [Section(c, name, site.cards([(o, s) for o, s in matches if has(s, c) and
                                             services.scope(s) != "local"]),
                        intro=str(tax.subcategories[c][1].get("description", "")),
                        empty=t("section.housing_wide_empty"))
                for c, name in subs]
    counts = []
    for rid, region in tax.regions.items():
        rpath, rname = f"housing/{rid}.md", t("page.housing_region", region=region.get("name", rid))
        local = [Section(c, name, site.cards([(o, s) for o, s in site.in_region[rid] if has(s, c)]),
                         intro=str(tax.subcategories[c][1].get("description", "")),
                         empty=t("section.housing_local_empty"))
                 for c, name in subs]
        site.listing(rpath, rname, local)
        site.render(rpath, "housing_region.md.j2", rname, {**HUB_META, "ccci": "housing"}, rid=rid,
                    region=region, sections=local)
        counts.append((str(region.get("name", rid)), rpath, sum(len(s.items) for s in local)))
    site.listing("housing/index.md", t("page.housing_lists"), sections)
    site.render("housing/index.md", "housing.md.j2", t("page.housing_lists"), {**HUB_META, "ccci": "housing"},
                sections=sections, regions=counts)


def hotlines_page(site: Site) -> None:
    """Trafficking lines first, then lines open 24/7, then the others; one entry per service, all its lines."""
    lines = hotlines.hotline_entries(site.ds)
    rest = [x for x in lines if not x.trafficking]
    sections = site.listing("hotlines.md", t("page.hotlines"), [
        Section("trafficking", t("section.trafficking"), [x for x in lines if x.trafficking], "hotlines",
                empty=t("section.trafficking_empty")),
        Section("always-open", t("section.always_open"), [x for x in rest if x.always_open],
                "hotlines", empty=t("section.always_open_empty")),
        Section("other-lines", t("section.other_lines"), [x for x in rest if not x.always_open], "hotlines",
                empty=t("section.other_lines_empty")),
    ])
    site.render("hotlines.md", "hotlines.md.j2", t("page.hotlines"), {**HUB_META, "ccci": "hotlines"},
                sections=sections)


def regions_index(site: Site) -> None:
    rows = []
    for rid, region in site.tax.regions.items():
        local = {values.txt(o.get("id")) for o, s in site.in_region[rid]}
        counties = [(c, county_path(c)) for c in values.as_list(region.get("counties")) if isinstance(c, str)]
        rows.append({"id": rid, "name": str(region.get("name", rid)), "description": values.txt(
            region.get("description")), "counties": counties, "local": len(local)})
    site.render("regions/index.md", "regions_index.md.j2", t("page.help_by_place"), {**HUB_META, "ccci": "regions"},
                regions=rows)


def print_pages(site: Site) -> None:
    tax = site.tax
    # One row per organization: its first 24/7 call line and first 24/7 text line; Idaho lines first.
    grouped: dict[str, dict[str, Any]] = {}
    for x in sorted(hotlines.hotlines(site.ds), key=lambda x: (0 if x.scope == "statewide" else 1, x.sort_key)):
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
            areas.setdefault(values.txt(o.get("id")), set()).add(tax.area_name(str(s.get("service_area"))))
        local = site.cards(found)
        rows = [{"card": c, "areas": values.join_words(sorted(areas.get(c.org_id, ())))} for c in local[:PRINT_LIMIT]]
        path = f"print/{rid}.md"
        site.render(path, "print.md.j2", t("page.print_region", region=name), {**HUB_META, "ccci": "print"},
                    rid=rid, region=region, region_name=name, lines=always, rows=rows, total=len(local),
                    made=words.month_year(site.today))
        sheets.append((name, path))
    site.render("print/index.md", "print_index.md.j2", t("page.printable_lists"), {**HUB_META, "ccci": "print-index"},
                sheets=sheets)


def gaps_page(site: Site) -> None:
    """'Where we have no listing yet': the `ccci coverage` numbers in plain words (generator/present/coverage.py)."""
    from generator.present import coverage

    cov = coverage.compute(site.ds, site.today)
    counties = [{"name": r.county, "path": county_path(r.county), "listings": r.listings, "reachable": r.reachable}
                for r in cov.counties]
    known = {values.txt(o.get("id")) for o in site.ds.organizations}
    unreachable = [c for c in cov.calling if "no phone" in c.missing and "no website" in c.missing and c.id in known]
    careline = any(p.get("number") == "211" for o in site.ds.organizations for p in values.dicts(o.get("phones")))
    site.render("gaps.md", "gaps.md.j2", t("page.gaps"), {**HUB_META, "ccci": "gaps"}, cov=cov,
                counties=counties, areas=cov.areas, lines=cov.lines, careline=careline, unreachable=unreachable,
                made=words.month_year(site.today))


def produce(dataset: Dataset, settings: Mapping[str, Any]) -> Outputs:
    """Every generated page of the site, from the (publishable) dataset, in settings["language"] (English when
    not set: present/strings.py): `programs`, then `hubs`."""
    with strings.use(settings.get("language")):
        return _produce(dataset, settings, PARTS)


def programs(dataset: Dataset, settings: Mapping[str, Any]) -> Outputs:
    """The producer of the program pages (org/<id>), nine in ten pages: a producer of its own, so that a build
    makes them beside the other pages (build/outputs.py PRODUCERS)."""
    with strings.use(settings.get("language")):
        return _produce(dataset, settings, ("programs",))


def hubs(dataset: Dataset, settings: Mapping[str, Any]) -> Outputs:
    """The producer of every other generated page: kinds of help, housing, places, hotlines, printable lists."""
    with strings.use(settings.get("language")):
        return _produce(dataset, settings, ("hubs",))


PARTS = ("programs", "hubs")


def _produce(dataset: Dataset, settings: Mapping[str, Any], parts: tuple[str, ...]) -> Outputs:
    merged = {**DEFAULTS, **{k: v for k, v in settings.items() if v is not None}}
    public = strings.localized(publishable(dataset))  # the record text in the language in use; shared: not changed
    ds = dataclasses.replace(public, organizations=[o for o in public.organizations if isinstance(o, dict)
                             and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", values.txt(o.get("id")))])
    site = Site(ds, merged, merged.get("today") or today())
    if "programs" in parts:
        for org in ds.organizations:
            org_page(site, org)
    if "hubs" not in parts:
        return site.out
    by_area: dict[str, list[Pair]] = {}
    for org, svc in services.all_services(ds):
        by_area.setdefault(str(svc.get("service_area")), []).append((org, svc))
    for area_id, area in site.tax.service_areas.items():
        area_page(site, area_id, area, by_area.get(area_id, []))
    housing_pages(site)
    for rid, region in site.tax.regions.items():
        region_page(site, rid, region)
    for county, rid in sorted(site.tax.county_region.items()):
        county_page(site, county, rid)
    site.wide_list()  # written once, even when no place page needs to link to it
    hotlines_page(site)
    regions_index(site)
    print_pages(site)
    gaps_page(site)
    return site.out
