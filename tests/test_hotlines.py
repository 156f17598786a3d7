"""The hotlines page on the shipped data: trafficking lines first (the national hotline, then the coalition's own
24/7 line), one entry per service with all its lines, text keywords said one way, 24/7 shown per line, and
Deaf and hard-of-hearing routes named."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.present import hotlines, views
from generator.records.dataset import load_dataset
from generator.site import pages
from tests.helpers import REPO
from tests.test_pages import to_html


@pytest.fixture(scope="module")
def shipped():
    ds = load_dataset(REPO)
    html = to_html(pages.produce(ds, {"today": dt.date(2026, 11, 28), "site_name": "Test"}).pages["hotlines.md"])
    return ds, html


def test_trafficking_lines_come_first_national_then_the_coalition(shipped):
    _ds, html = shipped
    names = re.findall(r'class="ccci-line__org"><a href="[^"]*">([^<]+)</a>', html)
    assert names[:2] == ["National Human Trafficking Hotline", "Idaho Anti-Trafficking Coalition"]
    assert (
        html.index('id="trafficking"')
        < html.index("National Human Trafficking Hotline")
        < html.index('id="always-open"')
    )


def test_one_entry_per_service_and_each_number_once(shipped):
    ds, html = shipped
    names = re.findall(r'class="ccci-line__org"><a href="[^"]*">([^<]+)</a>', html)
    assert len(names) == len(set(names))
    assert names.count("988 Suicide &amp; Crisis Lifeline") == 1
    for entry in hotlines.hotline_entries(ds):
        numbers = [(p.kind, p.number) for p in entry.routes]
        assert len(numbers) == len(set(numbers)), entry.org_name
    assert html.count('href="tel:988"') == 1


def test_text_keywords_one_way_and_24_7_per_line(shipped):
    _ds, html = shipped
    assert '<a href="sms:233733">Text BEFREE to 233733</a>' in html
    assert "send the word" not in html
    nhth = html[html.index("National Human Trafficking Hotline") : html.index("Idaho Anti-Trafficking Coalition")]
    assert re.search(r'Call 1-888-373-7888</a></span> <span class="ccci-badge">24/7</span>', nhth)


def test_deaf_and_hard_of_hearing_routes_are_named(shipped):
    _ds, html = shipped
    assert '<a href="tel:711">TTY 711</a>' in html
    assert "Deaf and hard of hearing:</strong>" in html
    assert "American Sign Language" in html


def test_who_it_is_for_is_not_stated_unless_a_population_is_named(shipped):
    ds, _html = shipped
    out = pages.produce(ds, {"today": dt.date(2026, 11, 28), "site_name": "Test"})
    found = 0
    for org in ds.organizations:
        html = to_html(out.pages[f"org/{org['id']}.md"])
        whos = re.findall(r"<dt>Who it is for</dt><dd>([^<]*)</dd>", html)
        assert "Anyone" not in whos, org["id"]
        for svc, who in zip(org.get("services") or [], whos, strict=False):
            if not svc.get("populations"):
                assert who == "Not stated in the sources", org["id"]
                found += 1
    assert found


def test_cards_ask_to_call_only_with_a_number_and_route_the_rest(shipped):
    ds, _html = shipped
    out = pages.produce(ds, {"today": dt.date(2026, 11, 28), "site_name": "Test"})
    route = views.route_line(ds)
    assert route is not None and route.phone.href == "tel:211"  # Idaho 211, from the data
    checked = 0
    for path, md in out.pages.items():
        if not path.startswith("counties/"):
            continue
        html = to_html(md)
        local = html.split('id="local"', 1)[1].split("<h2", 1)[0] if 'id="local"' in html else ""
        cards = re.findall(r'<article class="ccci-card">.*?</article>', local, re.S)
        flags = ["ccci-card__reach" in c for c in cards]
        assert flags == sorted(flags), path  # cards nobody can reach come last
        for c in cards:
            if "ccci-card__reach" in c:
                assert "No phone, website or e-mail is listed. To reach it, ask Idaho 211 CareLine" in c
                assert 'href="tel:211"' in c and "call before you go" not in c.lower()
                checked += 1
        if cards and all(flags):  # nobody local can be reached: the statewide lines come first
            assert html.index('id="statewide"') < html.index('id="local"'), path
    assert checked
