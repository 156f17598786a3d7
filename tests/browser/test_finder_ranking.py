"""The finder's order in real Chromium equals generator/finder/rank.py's (the Python twin the query set runs on):
every query of tests/search_queries.yaml, with its place; and what a result shows near a place (groups) and for
a listing nobody can reach (the line that can help, from the data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.finder.guides import guide_hits
from generator.finder.index import Searcher
from generator.finder.page import standalone_site
from generator.finder.produce import produce
from generator.finder.rank import order, resolve_place
from generator.finder.text import fold, split_words, stem
from generator.records.dataset import load_dataset
from tests.test_query_set import load_query_set

REPO = Path(__file__).resolve().parents[2]
BOTH_READY = "() => window.ccciFinder && window.ccciFinder.ready && window.ccciFinder.searchReady"


@pytest.fixture(scope="module")
def ranked(tmp_path_factory):
    out = produce(load_dataset(REPO), {})
    root = standalone_site(out.pages, out.assets, tmp_path_factory.mktemp("finder-ranking"))
    docs = json.loads(out.assets["find/docs.json"])
    places = json.loads(out.assets["find/places.json"])
    return root, docs, places, Searcher.from_assets(out.assets["find/index.json"], out.assets["find/docs.json"])


@pytest.fixture
def finder_page(ranked, serve_dir, page_factory):
    root = ranked[0]
    base = serve_dir(root)

    def go(query: str = "", **ctx):
        page = page_factory(**ctx)
        page.goto(f"{base}/find/{query}")
        page.wait_for_function(BOTH_READY)
        return page

    return go


def test_the_browser_orders_every_query_of_the_set_like_python(ranked, finder_page):
    _root, docs, places, searcher = ranked
    queries = load_query_set() + [
        {"q": "shelter", "near": "Canyon County"},
        {"q": "", "near": "idaho fall"},
        {"q": "counselor", "near": "Pocatelo"},
        {"q": "ayuda con la renta"},
    ]
    page = finder_page()
    got = page.evaluate(
        """async qs => {
        const out = [];
        for (const q of qs) out.push(await window.ccciFinder.order(q.q, q.near || ''));
        return out;
    }""",
        queries,
    )
    compared = 0
    for q, js in zip(queries, got, strict=True):
        place = resolve_place(places, docs, q.get("near", ""))
        py = [{"id": r.id, "group": r.group} for r in order(docs, searcher, q["q"], place or None)]
        assert [(r["id"], r["group"]) for r in js] == [(r["id"], r["group"]) for r in py], q
        compared += bool(py)
    assert compared >= 80
    assert page.page_errors == []


def test_near_a_place_the_lines_have_their_own_heading(finder_page):
    page = finder_page()
    page.fill("#f-q", "shelter")
    page.fill("#f-near", "Twin Falls")
    page.wait_for_function("() => document.querySelector('#f-results .ccci-finder__group')")
    labels = page.locator("#f-results .ccci-finder__group").all_inner_texts()
    assert "Statewide and national lines" in labels
    assert "Twin Falls" in page.inner_text("#f-near-note")


def test_a_county_and_a_misspelt_town_are_places(finder_page):
    page = finder_page()
    page.fill("#f-near", "Canyon County")
    page.wait_for_function("() => /Canyon County/.test(document.getElementById('f-near-note').textContent)")
    page.fill("#f-near", "idaho fall")
    page.wait_for_function("() => /Idaho Falls/.test(document.getElementById('f-near-note').textContent)")


def test_a_listing_nobody_can_reach_says_so_and_gives_a_number_from_the_data(ranked, finder_page):
    _root, docs, _places, _s = ranked
    unreachable = next(o for o in docs["o"] if o.get("u") and "rt" in o)
    page = finder_page()
    page.fill("#f-q", unreachable["n"])
    row = page.locator("#f-results li.ccci-finder__result", has_text=unreachable["n"]).first
    row.wait_for()
    reach = row.locator(".ccci-finder__reach")
    assert "No phone, website or e-mail" in reach.inner_text()
    href = reach.locator("a").get_attribute("href")
    assert href in (f"tel:{unreachable['rt'][1][0]}", f"sms:{unreachable['rt'][1][0]}")
    assert "Call before you go" not in row.inner_text()


def test_python_stems_every_word_of_the_data_like_lunr_js(finder_page):
    """The index is stemmed in Python and queries in the browser by lunr.js: every word of the data (records,
    taxonomy, search vocabulary) must come out the same ("money", "relay", "attorney", "Hailey" once did not)."""
    words: set[str] = set()
    for path in sorted((REPO / "data").rglob("*.yaml")):
        for w in split_words(path.read_text(encoding="utf-8")):
            t = fold(w)
            if t.isalpha():
                words.add(t)
    words_list = sorted(words)
    assert len(words_list) > 1000
    page = finder_page()
    js = page.evaluate("ws => ws.map(w => lunr.stemmer(new lunr.Token(w)).toString())", words_list)
    differ = [(w, stem(w), j) for w, j in zip(words_list, js, strict=True) if stem(w) != j]
    assert differ == []


def test_words_nothing_matches_still_show_what_fits_with_a_number(finder_page):
    page = finder_page()
    page.fill("#f-q", "xyzzy")
    page.wait_for_function(
        "() => { const b = document.getElementById('f-fallback'); return b && !b.hidden"
        " && b.querySelector('li.ccci-finder__result'); }"
    )
    box = page.locator("#f-fallback")
    text = box.inner_text()
    assert "No program in this directory matches these words yet" in text
    assert "These lines can still help" in text
    assert box.locator("a[href^='tel:'], a[href^='sms:']").count() >= 1
    page.fill("#f-q", "shelter")  # results again: the box goes
    page.wait_for_function("() => document.getElementById('f-fallback').hidden")


def test_a_filter_that_empties_the_list_is_named_and_the_lines_still_show(ranked, finder_page):
    _root, docs, _places, _s = ranked
    pops = {p: {i for i, s in enumerate(docs["s"]) if k in s.get("p", [])} for k, (p, _n) in enumerate(docs["t"]["p"])}
    langs = {c: {i for i, s in enumerate(docs["s"]) if k in s.get("l", [])} for k, (c, _n) in enumerate(docs["t"]["l"])}
    who, lang = next((p, c) for p, ps in pops.items() for c, ls in langs.items() if ps and ls and not ps & ls)
    page = finder_page(f"?who={who}&lang={lang}")
    page.wait_for_function(
        "() => { const b = document.getElementById('f-fallback'); return b && !b.hidden"
        " && b.querySelector('li.ccci-finder__result'); }"
    )
    text = page.inner_text("#f-fallback")
    assert "The filter “Programs for:" in text and "The filter “Language spoken:" in text
    assert "clear the filters" in text
    assert page.locator("#f-fallback a[href^='tel:'], #f-fallback a[href^='sms:']").count() >= 1


GUIDE_QUERIES = [
    "compensation deadline",
    "vacatur",
    "u visa",
    "restitution",
    "clear my history",
    "abogado",
    "protection order",
    "restraining order",
    "no contact order",
    "xyzzy",
    "shelter",
]


def test_the_finder_searches_the_guides_by_section_like_python(ranked, finder_page):
    _root, docs, _places, _s = ranked
    page = finder_page()
    js = page.evaluate("""qs => qs.map(q => window.ccciFinder.guides(q).map(g => g.u))""", GUIDE_QUERIES)
    py = [[g["u"] for g in guide_hits(docs, q)] for q in GUIDE_QUERIES]
    assert js == py
    assert py[0][0] == "../rights/money/#the-rules" and py[1][0].startswith("../rights/clearing-records/")
    page.fill("#f-q", "compensation deadline")
    page.wait_for_function("() => !document.getElementById('f-guides').hidden")
    link = page.locator("#f-guides a").first
    assert link.inner_text() == "Money after a crime: The rules"
    assert link.get_attribute("href").endswith("/rights/money/#the-rules")
