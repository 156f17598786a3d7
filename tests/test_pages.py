"""Unit tests of the page producer (no MkDocs): wording policy, links, escaping, ordering, limits, privacy."""

from __future__ import annotations

import copy
import datetime as dt
import html as html_lib
import re
import sys
from collections import Counter
from pathlib import Path

import markdown
import pytest

from generator.build.outputs import PRODUCERS, build_outputs
from generator.present import phones, services, urls, views, words
from generator.records.dataset import load_dataset
from generator.records.redact import publishable
from generator.site import jsonld, pages, render
from tests.helpers import REPO, make_project
from tests.sitebuild import SITE_FIXTURES, copy_project

TODAY = dt.date(2026, 11, 28)
SETTINGS = {"today": TODAY, "site_name": "Test directory"}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return load_dataset(make_project(tmp_path_factory.mktemp("small"), SITE_FIXTURES / "small"))


@pytest.fixture(scope="module")
def small_out(small):
    return pages.produce(small, SETTINGS)


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory):
    ds = load_dataset(make_project(tmp_path_factory.mktemp("hostile"), SITE_FIXTURES / "hostile"))
    return pages.produce(ds, SETTINGS)


def to_html(md: str) -> str:
    """The Markdown as the site renders it (the same extensions as mkdocs.yml)."""
    body = md.split("\n---\n", 1)[1] if md.startswith("---\n") else md
    return markdown.markdown(body, extensions=["admonition", "attr_list", "tables", "toc"])


# ---------------------------------------------------------------------------------------------- the page set


def test_producer_is_registered(small, small_out):
    """Its two halves are producers; together they are `produce`, in the same order."""
    assert {"generator.site.pages:programs", "generator.site.pages:hubs"} <= set(PRODUCERS)
    programs, hubs = pages.programs(small, SETTINGS), pages.hubs(small, SETTINGS)
    assert programs.pages and hubs.pages and not set(programs.pages) & set(hubs.pages)
    assert list(small_out.pages.items()) == list(programs.pages.items()) + list(hubs.pages.items())


def test_every_kind_of_page_is_generated(small, small_out):
    tax = small.taxonomy
    paths = set(small_out.pages)
    assert {f"org/{o['id']}.md" for o in small.organizations} <= paths
    assert {f"areas/{a}.md" for a in tax.service_areas} <= paths and len(tax.service_areas) == 10
    assert {f"regions/{r}.md" for r in tax.regions} <= paths and len(tax.regions) == 7
    counties = {p for p in paths if p.startswith("counties/")}
    assert len(counties) == 44 and "counties/nez-perce.md" in counties and "counties/bear-lake.md" in counties
    assert {"hotlines.md", "housing/index.md", "regions/index.md", "print/index.md"} <= paths
    assert {f"housing/{r}.md" for r in tax.regions} <= paths
    assert {f"print/{r}.md" for r in tax.regions} <= paths


def test_front_matter_keeps_generated_pages_out_of_the_search_index(small_out):
    for path, md in small_out.pages.items():
        head = md.split("\n---\n", 1)[0]
        assert head.startswith("---\ntitle: "), path
        assert 'search: {"exclude": true}' in head, path


# ---------------------------------------------------------------------------------------------- wording policy


def test_phone_numbers_are_shown_in_full():
    assert phones.display("+12086306601") == "208-630-6601"
    assert phones.display("+18883737888") == "1-888-373-7888"
    assert phones.display("988") == "988"
    assert phones.display("233733") == "233733"
    assert phones.display("+442079460000").startswith("+44 ")


def test_hours_in_plain_words():
    assert words.hours_lines("24/7") == ["Open 24 hours, every day"]
    weekly = {
        "weekly": [
            {"days": ["mo", "tu", "we", "th", "fr"], "opens": "09:00", "closes": "17:30"},
            {"days": ["sa", "mo"], "opens": "12:00", "closes": "24:00"},
        ],
        "note": "Closed holidays.",
    }
    assert words.hours_lines(weekly) == [
        "Monday to Friday, 9 AM to 5:30 PM",
        "Monday and Saturday, noon to midnight",
        "Closed holidays.",
    ]
    assert words.hours_lines(None) == []


def test_verification_wording():
    fresh = {
        "verification": {
            "status": "verified",
            "last_verified": "2026-10-02",
            "method": "phone",
            "sources": [{"url": "https://a.test/"}],
        }
    }
    v = views.verification(fresh, TODAY)
    assert (v.state, v.text) == ("verified", "Last verified: October 2026 by phone")
    stale = copy.deepcopy(fresh)
    stale["verification"].update(last_verified="2025-05-01", method="site-visit")
    v = views.verification(stale, TODAY)
    assert (v.state, v.text) == ("stale", "Last verified: May 2025 by a site visit")
    assert "over a year ago" in v.detail and "Call before you go" in v.detail
    unverified = {
        "phones": [{"number": "+12085550101", "type": "voice"}],
        "verification": {
            "status": "unverified",
            "sources": [{"url": "https://a.test/", "seen": "2019"}, {"url": "https://b.test/", "seen": "2024-03"}],
        },
    }
    v = views.verification(unverified, TODAY)
    assert v.text == "Not yet verified — call before you go"
    assert v.detail == "The details come from a public source dated March 2024."
    unverified.pop("phones")  # nothing to call: the listing does not ask people to call
    assert views.verification(unverified, TODAY).text == "Not yet verified"
    undated = {"verification": {"status": "unverified", "sources": [{"url": "https://a.test/"}]}}
    assert views.verification(undated, TODAY).detail == "The details come from public sources with no date."


def test_confidential_place_shows_only_the_city_phrase():
    loc = {
        "id": "s",
        "confidential": True,
        "name": "Secret House",
        "description": "Blue door behind the store",
        "address": {"street": "9 Hidden Rd", "city": "Twin Falls", "state": "ID", "postal_code": "83301"},
        "geo": {"lat": 42.56, "lon": -114.46},
        "safety": ["separate-entrance"],
    }
    place = views.place_view(loc)
    assert place.lines == ["Confidential location, Twin Falls area — call for access"]
    assert place.description == "" and place.safety == [] and place.accessibility == []


def test_coverage_and_what_counts_as_local(small):
    tax = small.taxonomy
    legal = next(s for o, s in services.all_services(small) if s["id"] == "legal-advice")
    shelter = next(s for o, s in services.all_services(small) if s["id"] == "emergency-shelter")
    fund = next(s for o, s in services.all_services(small) if s["id"] == "emergency-funds")
    assert services.coverage_text(legal, tax) == "Serves Central (District 4)"
    assert services.coverage_text(shelter, tax) == "Serves Twin Falls and Jerome counties"
    assert services.coverage_text(fund, tax) == "Serves people anywhere in Idaho"
    assert services.local_to_county(legal, "Valley", tax) and not services.local_to_county(legal, "Canyon", tax)
    assert services.local_to_region(shelter, "south-central", tax)
    assert not services.local_to_county(fund, "Ada", tax)  # statewide is listed after local, never as local


# ---------------------------------------------------------------------------------------------- pages


def test_county_page_lists_local_then_statewide_and_national(small_out):
    html = to_html(small_out.pages["counties/twin-falls.md"])
    local, wide = html.index('id="local"'), html.index('id="statewide"')
    assert local < html.index("Example Falls Shelter") < wide
    # one block of statewide and national programs: the line open 24/7 before the fund
    assert wide < html.index("Example National Text") < html.index("Example Statewide Fund")
    assert "Statewide and national programs that serve Twin Falls County" in html
    assert 'id="national"' not in html


def test_cards_mark_programs_offered_in_spanish(small_out):
    """Example Falls Shelter's staff speak Spanish: its card says so under its name, in Spanish (lang="es");
    Example Statewide Fund names no Spanish: no mark."""
    html = to_html(small_out.pages["counties/twin-falls.md"])
    cards = {name: html[html.index(name) :] for name in ("Example Falls Shelter", "Example Statewide Fund")}
    for name, rest in cards.items():
        rest = rest[: rest.index("</article>")]
        has = '<span class="ccci-badge ccci-badge--es" lang="es">Se habla español</span> Spanish spoken' in rest
        assert has == (name == "Example Falls Shelter"), name


def test_no_place_page_is_empty(small_out):
    for path, md in small_out.pages.items():
        if path.startswith(("counties/", "regions/")) and path != "regions/index.md":
            assert 'class="ccci-card"' in md, f"{path} lists nothing"


def test_county_without_local_programs_says_so(small_out):
    html = to_html(small_out.pages["counties/owyhee.md"])
    assert "No local programs in Owyhee County are listed yet" in html
    assert "Example Statewide Fund" in html


def test_org_page_content(small_out):
    html = to_html(small_out.pages["org/example-falls-shelter.md"])
    assert "Last verified: October 2026 by phone" in html
    assert "Confidential location, Twin Falls area — call for access" in html
    assert '<a href="tel:+12085550101">Call 208-555-0101</a>' in html
    assert "Adults and Families" in html and "English and Spanish" in html
    assert "Call before you go." in html and "No referral needed." in html
    assert '<a href="../../areas/housing/">Shelter and housing</a>' in html
    assert 'href="../../about/#report-a-mistake">Report a correction</a>' in html
    legal = to_html(small_out.pages["org/example-central-legal.md"])
    assert '<a href="tel:+12085550102;ext=12">Call 208-555-0102, extension 12</a>' in legal
    assert "Monday to Friday, 9 AM to 5 PM; Closed on state holidays." in legal
    assert '<a href="mailto:help@example-central-legal.test">' in legal
    assert "Last verified: May 2024 by email" in legal and "over a year ago" in legal
    text = to_html(small_out.pages["org/example-national-textline.md"])
    assert '<a href="sms:555177">Text HELLO to 555177</a>' in text


def test_correction_link_goes_to_the_configured_tracker(small):
    out = pages.produce(small, {**SETTINGS, "corrections_url": "https://github.test/o/r/issues/new"})
    md = out.pages["org/example-falls-shelter.md"]
    assert 'href="https://github.test/o/r/issues/new?title=Correction%3A%20example-falls-shelter&amp;body=' in md
    assert "<form" not in md


def test_hotlines_open_all_day_come_first(small_out):
    html = to_html(small_out.pages["hotlines.md"])
    assert html.index('id="always-open"') < html.index("Example National Text Line") < html.index('id="other-lines"')


def test_print_sheet(small_out):
    html = to_html(small_out.pages["print/south-central.md"])
    assert "Example Falls Shelter" in html and "Call 208-555-0101" in html
    assert (
        'Example National Text Line</strong>: <span class="ccci-nowrap">Call 1-800-555-0177</span> or '
        '<span class="ccci-nowrap">text HELLO to 555177</span>'
    ) in html
    assert "<table" in html and "List made November 2026" in html


def test_housing_lists(small_out):
    index = to_html(small_out.pages["housing/index.md"])
    assert 'id="rental-assistance"' in index and "Example Statewide Fund" in index
    assert "Example Falls Shelter" not in index  # local: it is on its region's page
    region = to_html(small_out.pages["housing/south-central.md"])
    assert "Example Falls Shelter" in region


def test_internal_links_point_at_generated_or_written_pages(small_out):
    known = set(small_out.pages) | {str(p.relative_to(REPO / "docs")) for p in (REPO / "docs").rglob("*.md")}
    known |= {"find/index.md", "data/index.md"}  # written by the finder and export producers
    for path, md in small_out.pages.items():
        for href in re.findall(r'href="([^"#:]*)(?:#[^"]*)?"', md):
            if not href:
                continue
            target = urls.page_url(path).rstrip("/") + "/" + href
            parts: list[str] = []
            for piece in target.split("/"):
                if piece == "..":
                    parts.pop()
                elif piece and piece != ".":
                    parts.append(piece)
            stem = "/".join(parts)
            assert f"{stem}.md" in known or f"{stem}/index.md" in known or (stem == "" and "index.md" in known), (
                f"{path}: {href}"
            )


def test_links_go_up_to_the_root_then_down():
    assert urls.link("org/x.md", "counties/ada.md") == "../../counties/ada/"
    assert urls.link("index.md", "org/x.md") == "org/x/"
    assert urls.link("org/x.md", "index.md") == "../../"
    assert urls.link("index.md", "index.md") == "./"
    assert urls.link("housing/index.md", "housing/central.md") == "../housing/central/"
    assert urls.link("housing/central.md", "housing/index.md", anchor="a") == "../../housing/#a"
    assert urls.link("org/x.md", "counties/ada.md", directory_urls=False) == "../counties/ada.html"
    assert urls.link("find/index.md", "assets/x.css") == "../assets/x.css"  # an asset keeps its path


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://a.test/x?y=1&z=2", True),
        ("tel:+12085550100", True),
        ("sms:233733", True),
        ("mailto:a@b.test", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html,<b>", False),
        ("http://a.test/", False),
        ("https:///x", False),
        ('https://a.test/"onmouseover=x', False),
        ("vbscript:x", False),
        ("//evil.test/x", False),
        ("tel:12ab", False),
        ("mailto:a b@c.test", False),
    ],
)
def test_only_safe_links_reach_an_href(url, ok):
    assert (urls.safe_href(url) is not None) == ok


# ---------------------------------------------------------------------------------------------- hostile text


def test_md_text_leaves_no_markdown_or_html():
    hostile = '[x](javascript:alert(1)) ![i](https://t.test/p.gif) <b>b</b> {: onclick="x"} *s* `c` # h'
    html = markdown.markdown(f"## {render.md_text(hostile)}", extensions=["attr_list", "toc"])
    assert "<a" not in html and "<img" not in html and "<b>" not in html and "onclick=" not in html.split(">", 1)[0]
    assert "<em>" not in html and "<code>" not in html
    assert render.md_text("a\nb\x00c") == "a bc"


def test_raw_block_has_no_blank_lines():
    block = render.raw_block(render.Markup("<div>\n\n<p>x</p>\n   \n</div>"))
    assert "\n\n" not in block.strip()
    assert render.raw_block("<script>") == "\n&lt;script&gt;\n"  # plain text is escaped, never trusted


def test_hostile_strings_stay_text(hostile_out):
    for path, md in hostile_out.pages.items():
        html = to_html(md)
        for tag in (
            "script",
            "img",
            "iframe",
            "svg",
            "object",
            "style",
            "link",
            "form",
            "input",
            "details",
            "marquee",
            "b",
        ):
            found = re.findall(rf"<{tag}\b[^>]*>", html)
            allowed = [t for t in found if tag == "script" and 'type="application/ld+json"' in t]
            assert found == allowed, f"{path}: <{tag}> got through: {found}"
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html), f"{path}: an event handler attribute got through"
        assert not re.search(r'href="(?!https://|tel:|sms:|mailto:|\.|#|[a-z0-9-]+/)', html), path
    org = to_html(hostile_out.pages["org/example-hostile-markup.md"])
    assert "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;" in org or "&#60;script&#62;" in org
    assert "javascript&amp;#58;" in org  # the entity-encoded colon cannot turn into a link


def test_json_ld_cannot_close_its_script():
    doc = {"name": "</script><script>alert(1)</script>", "x": "a & b \u2028"}
    text = jsonld.script_json(doc)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    import json

    assert json.loads(text) == doc


def test_json_ld_has_no_confidential_place(small):
    org = next(o for o in small.organizations if o["id"] == "example-falls-shelter")
    doc = jsonld.organization(org, small.taxonomy)
    assert "location" not in doc and "Twin Falls" not in str(doc.get("location", ""))
    legal = jsonld.organization(
        next(o for o in small.organizations if o["id"] == "example-central-legal"), small.taxonomy
    )
    assert legal["location"][0]["geo"] == {"@type": "GeoCoordinates", "latitude": 43.6187, "longitude": -116.2146}


# ---------------------------------------------------------------------------------------------- privacy


def test_no_producer_publishes_a_confidential_street_zip_or_coordinates(tmp_path):
    """Even from data that skipped validation, no output of any producer holds the secret details."""
    leaky = load_dataset(copy_project(tmp_path, SITE_FIXTURES / "small"))
    org = next(o for o in leaky.organizations if o["id"] == "example-falls-shelter")
    org["locations"][0]["address"].update(street="77 Secretplace Lane", street2="Unit 9Q", postal_code="83399")
    org["locations"][0]["geo"] = {"lat": 42.987653, "lon": -114.123457}
    out = build_outputs(publishable(leaky), SETTINGS)
    blobs = [*out.pages.values(), *(b.decode("utf-8", "replace") for b in out.assets.values())]
    for secret in ("Secretplace", "Unit 9Q", "83399", "987653", "123457"):
        assert not any(secret in b for b in blobs), secret
    # and the pages producer redacts on its own too
    for md in pages.produce(leaky, SETTINGS).pages.values():
        assert "Secretplace" not in md and "83399" not in md


def test_publishable_does_not_change_the_input(small):
    before = copy.deepcopy(small.organizations)
    publishable(small)
    assert small.organizations == before


# ---------------------------------------------------------------------------------------------- size limits


def test_long_lists_are_cut_and_continued_on_pages(small):
    many = copy.deepcopy(small)
    base = next(o for o in many.organizations if o["id"] == "example-statewide-fund")
    for i in range(130):
        clone = copy.deepcopy(base)
        clone["id"] = f"example-fund-{i:03d}"
        clone["name"] = f"Example Fund {i:03d}"
        many.organizations.append(clone)
    out = pages.produce(many, SETTINGS)
    county = out.pages["counties/ada.md"]
    wide = county.split("{ #statewide }", 1)[1]
    assert wide.count('class="ccci-card"') == render.WIDE_LIMIT  # bounded, not 132 cards on every place page
    assert 'href="../../lists/statewide/">See all 132 statewide and national programs, by kind of help</a>' in county
    assert not any(p.startswith(("counties/ada/", "regions/central/")) for p in out.pages)  # shared, not copied
    hub = out.pages["lists/statewide.md"]
    assert 'href="../../lists/statewide/financial/">See the 131 statewide and national programs' in hub
    lists = sorted(p for p in out.pages if p.startswith("lists/statewide/financial"))
    assert lists == ["lists/statewide/financial-2.md", "lists/statewide/financial-3.md", "lists/statewide/financial.md"]
    assert sum(out.pages[p].count('class="ccci-row"') for p in lists) == 131
    area = out.pages["areas/financial.md"]
    assert 'href="../../areas/financial/emergency-funds/">See all 131: Emergency funds</a>' in area
    assert "areas/financial/emergency-funds.md" in out.pages


def test_real_data_renders(tmp_path):
    ds = load_dataset(REPO)
    out = pages.produce(ds, SETTINGS)
    assert len([p for p in out.pages if p.startswith("org/")]) == len(ds.organizations)
    hotlines = to_html(out.pages["hotlines.md"])
    assert "1-888-373-7888" in hotlines
    assert Path(REPO / "site_templates" / "pages").is_dir()


def test_a_long_region_list_points_to_its_counties(small):
    many = copy.deepcopy(small)
    base = next(o for o in many.organizations if o["id"] == "example-central-legal")
    for i in range(30):
        clone = copy.deepcopy(base)
        clone["id"], clone["name"] = f"example-legal-{i:03d}", f"Example Legal {i:03d}"
        many.organizations.append(clone)
    out = pages.produce(many, SETTINGS)
    region = out.pages["regions/central.md"]
    assert 'href="../../regions/central/#counties">See all 31 on the county pages</a>' in region
    assert '<p id="counties">' in region
    assert not any(p.startswith("regions/central/") for p in out.pages)
    assert out.pages["counties/ada/local.md"].count('class="ccci-row"') == 31  # every one is on a county list


# ------------------------------------------------------------------------------- many statewide (issue 15)

ROW = re.compile(r'<li class="ccci-row"><a href="[^"]*?org/([^/"]+)/">[^<]*</a>: ([^<]*?)\.[ <]')


@pytest.fixture(scope="module")
def statewide(tmp_path_factory):
    """The small fixture plus 300 synthetic records whose every service is statewide (scripts/synth.py)."""
    sys.path.insert(0, str(REPO / "scripts"))
    import synth

    root = make_project(tmp_path_factory.mktemp("statewide"), SITE_FIXTURES / "small")
    synth.write(300, root / "data" / "organizations", shape="statewide")
    ds = load_dataset(root)
    return ds, pages.produce(ds, SETTINGS)


def test_place_pages_stay_bounded_and_link_to_the_one_statewide_list(statewide):
    ds, out = statewide
    wide = sum(1 for _, s in services.all_services(ds) if services.scope(s) != "local")
    assert wide > 500
    places = [p for p in out.pages if p.startswith(("counties/", "regions/")) and p != "regions/index.md"]
    assert len(places) == 44 + 7
    for path in places:
        md = out.pages[path]
        block = md.split("{ #statewide }", 1)[1].split("\n## ", 1)[0]
        assert block.count('class="ccci-card"') == render.WIDE_LIMIT, path
        assert re.search(r'href="(\.\./)+lists/statewide/">See all \d+ statewide and national programs', block), path
        assert len(md) < 60_000, path  # a few local cards and WIDE_LIMIT statewide ones, whatever the data
    assert not any(p.startswith(("counties/", "regions/")) and p.count("/") > 1 for p in out.pages)


def test_the_statewide_list_is_grouped_paged_and_complete(statewide):
    ds, out = statewide
    expected = Counter(
        (str(o["id"]), str(s["name"])) for o, s in services.all_services(ds) if services.scope(s) != "local"
    )
    listed: Counter[tuple[str, str]] = Counter()
    pages_of_list = [p for p in out.pages if p == "lists/statewide.md" or p.startswith("lists/statewide/")]
    assert len(pages_of_list) > 10  # the hub and each large kind of help on its own pages
    for path in pages_of_list:
        rows = ROW.findall(out.pages[path])
        assert len(rows) <= max(render.PAGE_SIZE, render.GROUP_INLINE * 11), path
        for oid, names in rows:
            for name in html_lib.unescape(names).split("; "):
                listed[(oid, name)] += 1
    assert listed == expected  # every statewide and national service exactly once
    hub = to_html(out.pages["lists/statewide.md"])
    assert "Statewide and national programs" in hub and 'rel="next"' not in hub
    first = min(p for p in pages_of_list if p.startswith("lists/statewide/") and not re.search(r"-\d+\.md$", p))
    assert 'rel="next"' in out.pages[first] and "(page 1 of " in out.pages[first].split("\n")[1]
    assert f'href="../../{first.removesuffix(".md")}/">See the ' in out.pages["lists/statewide.md"]


def test_a_county_far_from_any_program_shows_the_statewide_lines_first(small_out):
    # Central's legal clinic serves Valley County from Boise, about 84 miles from the middle of the county.
    valley = to_html(small_out.pages["counties/valley.md"])
    assert valley.index('id="statewide"') < valley.index('id="local"') < valley.index("Example Central Legal")
    assert (
        "None of the programs listed for Valley County that give a phone, website or e-mail has an office "
        "within 60 miles of the middle of the county, so these come first."
    ) in valley
    ada = to_html(small_out.pages["counties/ada.md"])  # the same clinic, in Boise
    assert ada.index('id="local"') < ada.index('id="statewide"')
    assert "so these come first" not in ada


def test_near_a_county_is_measured_from_the_place_a_record_gives(small):
    legal = next(o for o in small.organizations if o["id"] == "example-central-legal")
    svc = legal["services"][0]
    assert services.near_county(legal, svc, "Ada") and services.near_county(legal, svc, "Elmore")
    assert not services.near_county(legal, svc, "Valley")
    shelter = next(o for o in small.organizations if o["id"] == "example-falls-shelter")  # confidential: its city
    assert services.near_county(shelter, shelter["services"][0], "Jerome")
    assert not services.near_county(shelter, shelter["services"][0], "Ada")
