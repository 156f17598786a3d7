"""The finder (/find/) in real Chromium, on the shipped data: finder.js on the index the producer built scores
like lunr.js on lunr's own index of the same documents and gives the same hits as Python; typing, filters, ZIP,
links to a search, reload, keyboard only, "use my location", no-JS, axe, and no request leaving 127.0.0.1.

The page is built by the finder's own producer into a bare site with the real site's Content-Security-Policy
(`standalone_site`); `test_finder_in_the_built_site` checks the same page inside the real MkDocs build when
the site fixture `built_site` exists.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.finder.documents import build_documents
from generator.finder.index import Searcher, build_index, load_index, serialize_index, stem_prefixes
from generator.finder.page import standalone_site
from generator.finder.produce import lunr_js, produce
from generator.finder.text import PREFIX_BOOST, PREFIX_MIN, load_synonyms
from generator.records.dataset import load_dataset

REPO = Path(__file__).resolve().parents[2]
BOISE = {"latitude": 43.615, "longitude": -116.2023}
BOTH_READY = "() => window.ccciFinder && window.ccciFinder.ready && window.ccciFinder.searchReady"

PARITY_QUERIES = [
    "shelter",
    "abogado",
    "asesoria",
    "asesoría",
    "counseling",
    "mental health",
    "lawyer boise",
    "shel",
    "niños",
    "2slgbtqia",
    "spanish",
    "24/7 hotline",
    "trafficking",
    "food",
    "xyzzy",
    "help for women",
    "Coeur d'Alene",
    "refugio para mujeres",
    "t visa",
    "idaho legal aid",
    "crisis",
    "ab",
    "h",
    "counselor",
    "therapists",
]


@pytest.fixture(scope="module")
def finder(tmp_path_factory):
    """(base URL of the finder page, docs.json as data, Python searcher on the very same bytes)."""
    dataset = load_dataset(REPO)
    out = produce(dataset, {})
    root = standalone_site(out.pages, out.assets, tmp_path_factory.mktemp("finder-site"))
    # For the lunr.js comparison only: the whole lunr.js and lunr's own index of the same documents.
    (root / "find" / "lunr-full.js").write_bytes(lunr_js(full=True))
    (root / "find" / "lunr-index.json").write_bytes(
        serialize_index(build_index(build_documents(dataset, load_synonyms(REPO))[0]))
    )
    docs = json.loads(out.assets["find/docs.json"])
    return root, docs, Searcher.from_assets(out.assets["find/index.json"], out.assets["find/docs.json"])


@pytest.fixture
def open_finder(finder, serve_dir, page_factory):
    root, _docs, _searcher = finder
    base = serve_dir(root)

    def go(query: str = "", **ctx):
        page = page_factory(**ctx)
        page.goto(f"{base}/find/{query}")
        if page.js_enabled:  # ready: the list and filters work; searchReady: the index has come too
            page.wait_for_function(BOTH_READY)
        return page

    return go


def status_after_typing(page) -> str:
    """The role=status text once it has caught up with the list (it waits for typing to pause)."""
    page.wait_for_function(
        """() => {
            const n = window.ccciFinder.rows().length, t = document.getElementById('f-status').textContent;
            return n === 0 ? /No programs/.test(t) : n === 1 ? /^1 organization/.test(t)
                                                   : t.startsWith(n + ' organizations');
        }"""
    )
    return page.inner_text("#f-status")


def rows(page) -> list[dict]:
    return page.evaluate("window.ccciFinder.rows()")


def wait_rows(page, predicate: str):
    # A function, not an expression: Playwright evaluates bare expressions with eval(), which the page's
    # Content-Security-Policy (no 'unsafe-eval') refuses.
    page.wait_for_function(f"() => {{ const rows = window.ccciFinder.rows(); return {predicate}; }}")


def url_query(page, expected: dict[str, str]) -> dict[str, list[str]]:
    """The query "Copy a link to this search" would make, once it holds `expected` (the finder has handled the
    change). The address bar itself never holds a search: tests/browser/test_privacy_history.py."""
    page.wait_for_function(
        """want => {
        const got = new URLSearchParams(window.ccciFinder.query());
        return Object.entries(want).every(([k, v]) => got.get(k) === v);
    }""",
        arg=expected,
    )
    assert urlsplit(page.url).query == "", page.url
    return parse_qs(page.evaluate("window.ccciFinder.query()"))


def area_of(docs: dict, service: int) -> str | None:
    s = docs["s"][service]
    return docs["t"]["a"][s["a"]][0] if "a" in s else None


# ---------------------------------------------------------------------------------------------- parity


def test_same_hits_in_python_and_in_the_browser(finder, open_finder):
    _root, _docs, searcher = finder
    page = open_finder()
    js_hits = page.evaluate("qs => qs.map(q => window.ccciFinder.search(q))", PARITY_QUERIES)
    nonempty = 0
    for query, js in zip(PARITY_QUERIES, js_hits, strict=True):
        py = [[h.ref, h.score, h.matched, h.direct] for h in searcher.search(query)]
        assert [h[0] for h in js] == [h[0] for h in py], query
        assert [h[2:] for h in js] == [h[2:] for h in py], query
        for a, b in zip(js, py, strict=True):
            assert a[1] == pytest.approx(b[1], rel=1e-9, abs=1e-9), query
        nonempty += bool(py)
    assert nonempty >= len(PARITY_QUERIES) - 5  # the comparison is not between two empty lists
    assert page.evaluate("window.ccciFinder.fold('Asesoría NIÑOS')") == "asesoria ninos"


LUNR_TERMS = [
    ["shelter", []],
    ["abogado", []],
    ["co", []],
    ["cou", []],
    ["asesoria", []],
    ["legal", [0, 1]],
    ["ninos", []],
    ["counselor", []],
    ["therapist", []],
    ["boise", []],
    ["h", []],
    ["24/7", []],
    ["xyzzy", []],
]


def test_the_finder_scores_like_lunr_js_on_the_same_index(finder, open_finder):
    """The finder evaluates its own index format itself (lunr.js's query engine is too slow at 10,000 records);
    here the whole lunr.js 2.3.9 loads lunr's index of the same documents with lunr.Index.load and runs the same
    term queries (the backward stem matches, worked out in Python, as plain terms)."""
    root, _docs, _searcher = finder
    index = load_index((root / "find" / "lunr-index.json").read_bytes())
    backward = [
        stem_prefixes([str(t) for t in index.pipeline.run_string(term)], index.inverted_index)
        for term, _g in LUNR_TERMS
    ]
    assert any(backward)
    page = open_finder()
    pairs = page.evaluate(
        """async ([terms, backward, prefixMin, prefixBoost]) => {
        const slim = window.lunr;  // the finder's (its text pipeline only); the whole lunr.js beside it
        await new Promise((resolve, reject) => {
            const script = document.createElement('script');
            script.src = 'lunr-full.js'; script.onload = resolve; script.onerror = reject;
            document.head.appendChild(script);
        });
        const lunr = window.lunr;
        window.lunr = slim;
        lunr.Pipeline.registerFunction(tok => {
            const s = window.ccciFinder.fold(tok.toString());
            return s ? tok.update(() => s) : undefined;
        }, 'ccciFold');
        const idx = lunr.Index.load(await (await fetch('lunr-index.json')).json());
        return terms.map(([t, groups], n) => {
            const theirs = {};
            idx.query(q => {
                q.term(t, {usePipeline: true, boost: 1});
                if (Array.from(t).length >= prefixMin)
                    q.term(t, {usePipeline: false, boost: prefixBoost, wildcard: lunr.Query.wildcard.TRAILING});
                backward[n].forEach(b => q.term(b, {usePipeline: false, boost: prefixBoost}));
                groups.forEach(g => q.term('0zq' + g, {usePipeline: false, boost: 1}));
            }).forEach(r => { theirs[r.ref] = r.score; });
            return [theirs, window.ccciFinder.termScores(t, groups)];
        });
    }""",
        [LUNR_TERMS, backward, PREFIX_MIN, PREFIX_BOOST],
    )
    nonempty = 0
    for (term, _groups), (theirs, ours) in zip(LUNR_TERMS, pairs, strict=True):
        assert ours.keys() == theirs.keys(), term
        for ref, score in theirs.items():
            assert ours[ref] == pytest.approx(score, rel=1e-12), (term, ref)
        nonempty += bool(theirs)
    assert nonempty >= 7


# ---------------------------------------------------------------------------------------------- acceptance


def test_shelter_near_83702_lists_boise_area_housing_first(finder, open_finder, non_local_requests):
    _root, docs, _s = finder
    page = open_finder()
    page.click("#f-q")
    page.keyboard.type("shelter")
    page.click("#f-near")
    page.keyboard.type("83702")
    wait_rows(page, "rows.length && rows[0].km !== null")
    first = rows(page)[:3]
    for row in first:
        assert row["km"] is not None and row["km"] < 30, first
        assert "housing" in {area_of(docs, i) for i in row["services"]}, first
    assert "83702" in page.inner_text("#f-near-note")
    assert re.search(r"(less than 1 mile|about \d+ miles) away", page.inner_text("#f-results li.ccci-finder__result"))
    assert url_query(page, {"what": "shelter", "near": "83702"}) == {"what": ["shelter"], "near": ["83702"]}
    # A city works as well as a ZIP code, and the order is by distance.
    page.fill("#f-near", "Coeur d'Alene, ID")
    wait_rows(page, "rows.length && rows[0].km !== null && rows[0].km < 30")
    kms = [r["km"] for r in rows(page) if r["km"] is not None and r["group"] == 0]  # near programs: by distance
    assert kms[:3] == sorted(kms[:3])
    assert non_local_requests(page) == []
    assert page.page_errors == []


def test_abogado_finds_legal_help(finder, open_finder):
    _root, docs, _s = finder
    page = open_finder("?what=abogado")
    wait_rows(page, "rows.length > 0")
    top = rows(page)[:5]
    assert all("legal" in {area_of(docs, i) for i in r["services"]} for r in top), top
    assert page.input_value("#f-q") == "abogado"


def pick_filters(page, who: str, lang: str, total: int) -> tuple[int, int]:
    page.click("#f-more summary")
    page.select_option("#f-who", who)
    url_query(page, {"who": who})  # written when the change has been handled (the next frame)
    after_who = len(rows(page))
    assert after_who < total
    assert status_after_typing(page) == (
        "No programs match. Try fewer words, or clear a filter."
        if after_who == 0
        else f"{after_who} organization{'s' if after_who > 1 else ''} match{'es' if after_who == 1 else ''}."
    )
    page.select_option("#f-lang", lang)
    url_query(page, {"who": who, "lang": lang})
    after_lang = len(rows(page))
    status_after_typing(page)
    assert url_query(page, {"who": who, "lang": lang}) == {"who": [who], "lang": [lang]}
    assert "(2 on)" in page.inner_text("summary")
    return after_who, after_lang


def test_2slgbtqia_and_spanish_filters_narrow_the_list_and_the_count_is_announced(finder, open_finder):
    _root, docs, _s = finder
    page = open_finder()
    total = len(rows(page))
    assert page.get_attribute("#f-status", "role") == "status"
    assert status_after_typing(page) == f"{total} organizations match."
    after_who, after_lang = pick_filters(page, "2slgbtqia", "es", total)
    # The shipped data may name no such program yet: then both are 0, and "No programs match" is announced.
    assert (after_who, after_lang) == (expected_orgs(docs, "2slgbtqia"), expected_orgs(docs, "2slgbtqia", "es"))
    assert after_who < total and after_lang <= after_who


def expected_orgs(docs: dict, who: str, lang: str | None = None) -> int:
    """How many organizations have a service that names population `who` (and speaks `lang`)."""
    p = [x[0] for x in docs["t"]["p"]].index(who)
    li = [x[0] for x in docs["t"]["l"]].index(lang) if lang else None
    return len({s["o"] for s in docs["s"] if p in s.get("p", []) and (li is None or li in s.get("l", []))})


def test_population_and_language_filters_narrow_to_programs_that_name_them(finder, open_finder):
    _root, docs, _s = finder
    # A population that Spanish narrows further in the shipped data.
    candidates = [
        p for p, _ in docs["t"]["p"] if 0 < expected_orgs(docs, p, "es") < expected_orgs(docs, p) < len(docs["o"])
    ]
    assert candidates, "no population in the data that the Spanish filter narrows"
    who = candidates[0]
    page = open_finder()
    total = len(rows(page))
    after_who, after_lang = pick_filters(page, who, "es", total)
    assert (after_who, after_lang) == (expected_orgs(docs, who), expected_orgs(docs, who, "es"))
    assert 0 < after_lang < after_who < total
    assert (
        status_after_typing(page) == f"{after_lang} organization{'s' if after_lang > 1 else ''} "
        f"match{'es' if after_lang == 1 else ''}."
    )


def test_with_no_region_the_counties_are_one_list_from_a_to_z(finder, open_finder):
    """Every county once, in the order the browser's own collation gives (finder.js compares folded names: no
    localeCompare, whose first call starts ICU's collator on a slow phone)."""
    page = open_finder()
    labels = page.eval_on_selector_all("#f-county option", "os => os.filter(o => o.value).map(o => o.textContent)")
    assert len(labels) == len(finder[1]["t"]["k"]) > 40
    assert page.evaluate("ls => ls.slice().sort((a, b) => a.localeCompare(b))", labels) == labels
    assert page.eval_on_selector_all("#f-county optgroup", "gs => gs.length") == 0


def test_filters_and_a_link_to_the_search_restore_the_same_list(open_finder):
    page = open_finder()
    page.fill("#f-q", "counseling")
    page.click("#f-more summary")
    page.select_option("#f-need", "health")
    page.check("#f-free")
    page.select_option("#f-region", "central")
    page.fill("#f-near", "Boise")
    wait_rows(page, "rows.length > 0 && rows[0].km !== null")
    before = rows(page)
    query = url_query(page, {"what": "counseling", "near": "Boise"})
    assert query == {
        "what": ["counseling"],
        "near": ["Boise"],
        "need": ["health"],
        "region": ["central"],
        "free": ["1"],
    }
    # Counties follow the region; a sub-category sets its type of help.
    counties = page.eval_on_selector_all("#f-county option", "os => os.map(o => o.value).filter(Boolean)")
    assert set(counties) == {"Ada", "Boise", "Elmore", "Valley"}
    # A link to this search (made on demand) opens the same list; a reload starts afresh (nothing is kept).
    link = page.url + "?" + page.evaluate("window.ccciFinder.query()")
    page.reload()
    page.wait_for_function(BOTH_READY)
    assert page.input_value("#f-q") == "" and page.evaluate("window.ccciFinder.query()") == ""
    page.goto(link)
    page.wait_for_function(BOTH_READY)
    wait_rows(page, "rows.length > 0 && rows[0].km !== null")
    assert urlsplit(page.url).query == ""
    assert rows(page) == before
    assert page.input_value("#f-q") == "counseling" and page.input_value("#f-near") == "Boise"
    assert page.input_value("#f-need") == "health" and page.is_checked("#f-free")
    assert page.get_attribute("#f-more", "open") is not None
    page.click("#f-clear")
    page.wait_for_function("() => window.ccciFinder.query() === ''")
    assert page.input_value("#f-q") == "" and not page.is_checked("#f-free")
    assert page.evaluate("document.activeElement.id") == "f-q"


def test_keyboard_only(open_finder):
    page = open_finder()
    page.focus("#f-q")
    page.keyboard.type("legal")
    order = []
    for _ in range(60):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
        if order[-1] == "f-share":
            break
    # the filters start closed; then the results, and Clear and "Copy a link" after the list
    assert order[:4] == ["f-near", "f-geo", "SUMMARY", "A"], order
    assert "f-clear" in order and order.index("f-clear") < order.index("f-share"), order
    assert page.evaluate("document.activeElement.closest('form').getAttribute('autocomplete')") == "off"
    page.focus("#f-geo")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # opens the filters ...
    assert page.get_attribute("#f-more", "open") is not None
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-need"  # ... so Tab goes into them
    while page.evaluate("document.activeElement.id") != "f-free":
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.wait_for_function("() => new URLSearchParams(window.ccciFinder.query()).get('free') === '1'")
    page.focus("#f-need")
    page.keyboard.press("ArrowDown")  # a closed <select> changes with the arrow keys
    page.wait_for_function("() => new URLSearchParams(window.ccciFinder.query()).has('need')")
    # Tab reaches the result links.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('#f-results')"):
            break
    assert page.evaluate("document.activeElement.closest('#f-results') && document.activeElement.tagName") == "A"


def test_show_more_moves_focus_to_the_first_new_result(open_finder):
    page = open_finder()
    n = len(rows(page))
    if n <= 25:
        pytest.skip(f"only {n} organizations: one page of results")
    assert page.locator("#f-results > li").count() == 25
    page.focus("#f-more-results")
    page.keyboard.press("Enter")
    assert page.locator("#f-results > li").count() == min(50, n)
    assert page.evaluate("document.activeElement.closest('li') === document.querySelectorAll('#f-results > li')[25]")


def test_use_my_location_only_on_press_and_only_the_zip_is_kept(open_finder, browser, non_local_requests):
    page = open_finder(geolocation=BOISE, permissions=["geolocation"])
    calls = page.evaluate("""() => {
        window.__geoCalls = 0;
        const real = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
        navigator.geolocation.getCurrentPosition = (...a) => { window.__geoCalls++; return real(...a); };
        return window.__geoCalls; }""")
    page.fill("#f-q", "shelter")
    page.wait_for_function("() => window.ccciFinder.query().indexOf('shelter') >= 0")  # the search was handled
    assert page.evaluate("window.__geoCalls") == calls == 0
    page.click("#f-geo")
    page.wait_for_function("() => /^\\d{5}$/.test(document.getElementById('f-near').value)")
    zip_code = page.input_value("#f-near")
    assert zip_code.startswith("837")
    assert page.evaluate("window.__geoCalls") == 1
    assert zip_code in page.inner_text("#f-near-note")
    wait_rows(page, "rows.length && rows[0].km !== null")
    assert "latitude" not in page.url and "43.6" not in page.url
    assert url_query(page, {"near": zip_code})["near"] == [zip_code]
    assert non_local_requests(page) == []


def test_the_filters_start_closed_unless_the_link_sets_one(open_finder):
    page = open_finder()
    assert page.get_attribute("#f-more", "open") is None


def test_on_a_phone_the_filters_start_closed_unless_the_link_sets_one(open_finder):
    phone = {"viewport": {"width": 360, "height": 740}}
    page = open_finder(**phone)
    assert page.get_attribute("#f-more", "open") is None
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing runs off the side
    page = open_finder("?free=1", **phone)
    assert page.get_attribute("#f-more", "open") is not None
    assert "(1 on)" in page.inner_text("#f-more summary")


def test_the_list_and_filters_work_before_the_index_has_come(finder, serve_dir, page_factory):
    root, _docs, _s = finder
    base = serve_dir(root)
    page = page_factory()
    held = []
    page.route("**/find/index.json", lambda route: held.append(route))
    page.goto(f"{base}/find/")
    page.wait_for_function("() => window.ccciFinder && window.ccciFinder.ready")
    assert len(rows(page)) > 25 and not page.evaluate("window.ccciFinder.searchReady")
    page.click("#f-more summary")
    page.check("#f-free")
    wait_rows(page, "rows.length > 0")
    page.fill("#f-q", "abogado")
    page.wait_for_function("() => document.getElementById('f-status').textContent.startsWith('Loading')")
    assert held, "index.json was never asked for"
    for route in held:
        route.continue_()
    page.wait_for_function("() => window.ccciFinder.searchReady")
    wait_rows(page, "rows.length > 0")
    assert status_after_typing(page).endswith("match.") or "matches" in page.inner_text("#f-status")
    assert page.page_errors == []


@pytest.mark.parametrize("near", ["Atlantis", "constructor", "__proto__", "99999"])
def test_unknown_place_says_so(open_finder, near):
    page = open_finder(f"?near={near}")
    assert near in page.inner_text("#f-near-note")
    assert all(r["km"] is None for r in rows(page))
    assert page.page_errors == []


def test_hostile_url_is_only_text(open_finder):
    evil = "<img src=x onerror=window.__pwned=1>"
    page = open_finder(f"?what={evil}&need=%3Cscript%3E&near={evil}&who=nobody&free=yes")
    assert page.input_value("#f-q") == evil
    assert page.input_value("#f-need") == "" and page.input_value("#f-who") == ""
    assert not page.is_checked("#f-free")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#ccci-finder img").count() == 0
    assert page.page_errors == []


def test_axe_initial_and_results_states(open_finder, run_axe, format_violations, non_local_requests):
    page = open_finder()
    violations = run_axe(page)
    assert violations == [], format_violations(violations)
    page.fill("#f-q", "shelter")
    page.fill("#f-near", "83702")
    page.click("#f-more summary")
    page.select_option("#f-lang", "es")
    wait_rows(page, "rows.length > 0 && rows.some(r => r.km !== null)")
    status_after_typing(page)
    violations = run_axe(page)
    assert violations == [], format_violations(violations)
    page.set_viewport_size({"width": 360, "height": 740})
    violations = run_axe(page)
    assert violations == [], format_violations(violations)
    assert non_local_requests(page) == []
    assert page.console_errors == [] or all("favicon" in e or "404" in e for e in page.console_errors)


def test_without_javascript_the_page_says_so_and_links_browse_pages(open_finder):
    page = open_finder(js=False)
    assert not page.is_visible("#f-q")
    note = page.locator(".ccci-finder__noscript")
    assert note.is_visible() and "needs JavaScript" in note.inner_text()
    links = page.eval_on_selector_all(".ccci-finder__browse a", "as => as.map(a => a.getAttribute('href'))")
    assert {"../regions/", "../regions/central/", "../areas/housing/"} <= set(links)
    assert len([x for x in links if x.startswith("../regions/")]) == 8  # the 7 regions and the list of all


# ---------------------------------------------------------------------------------------------- Spanish


def spanish_orgs(docs: dict) -> set[int]:
    """The organizations with a service offered in Spanish (flag 8: generator/finder/documents.py)."""
    return {s["o"] for s in docs["s"] if s.get("f", 0) & 8}


def fmt_count(n: int) -> str:
    return (
        "No programs match. Try fewer words, or clear a filter."
        if n == 0
        else f"{n} organization{'s' if n > 1 else ''} match{'es' if n == 1 else ''}."
    )


def check_spanish_filter(page, docs: dict, mark: str) -> None:
    total = len(rows(page))
    expected = spanish_orgs(docs)
    assert 0 < len(expected) < total, "the shipped data should have some, not all, programs offered in Spanish"
    page.check("#f-spanish")
    url_query(page, {"spanish": "1"})
    got = rows(page)
    assert {r["id"] for r in got} == {docs["o"][o]["i"] for o in expected}
    assert all(any(docs["s"][i].get("f", 0) & 8 for i in r["services"]) for r in got)
    count = fmt_count(len(got)) if mark == "Spanish spoken" else f"{len(got)} organizaciones coinciden."
    page.wait_for_function(f"() => document.getElementById('f-status').textContent === {json.dumps(count)}")
    marks = page.locator("#f-results .ccci-finder__spanish")
    assert marks.count() == page.locator("#f-results > li").count() > 0
    assert marks.first.inner_text() == mark
    page.uncheck("#f-spanish")
    wait_rows(page, f"rows.length === {total}")
    # Without the filter, the mark stays on those programs only (wherever they rank in the list shown).
    shown = page.eval_on_selector_all(
        "#f-results > li",
        """els => els.map(e => {
            const a = e.querySelector('a[href*="org/"]');
            return [a ? a.getAttribute('href') : '', !!e.querySelector('.ccci-finder__spanish')];
        })""",
    )
    spanish_ids = {docs["o"][o]["i"] for o in expected}
    assert shown and all(href for href, _ in shown)
    assert [marked for _, marked in shown] == [href.rstrip("/").split("/")[-1] in spanish_ids for href, _ in shown]


def test_offered_in_spanish_filter_narrows_to_spanish_speaking_services(finder, open_finder):
    _root, docs, _s = finder
    page = open_finder()
    assert not page.is_visible("#f-spanish")  # on the English page it is one of the folded filters
    page.click("#f-more summary")
    assert page.inner_text("label[for=f-spanish]") == "Offered in Spanish"
    check_spanish_filter(page, docs, "Spanish spoken")


@pytest.fixture(scope="module")
def finder_es(tmp_path_factory):
    """The Spanish finder page, on the shipped data with the Spanish text of one organization's first service
    taken out (the shipped records all have it): (base directory, docs.json, that service's number)."""
    ds = load_dataset(REPO)
    org = next(o for o in sorted(ds.organizations, key=lambda o: o["id"]) if o["services"][0].get("es"))
    del org["services"][0]["es"]
    out = produce(ds, {"language": "es"})
    docs = json.loads(out.assets["find/docs.json"])
    o = next(i for i, x in enumerate(docs["o"]) if x["i"] == org["id"])
    plain = next(i for i, s in enumerate(docs["s"]) if s["o"] == o)
    return standalone_site(out.pages, out.assets, tmp_path_factory.mktemp("finder-es"), "es"), docs, plain


@pytest.fixture
def open_finder_es(finder_es, serve_dir, page_factory):
    base = serve_dir(finder_es[0])

    def go(query: str = ""):
        page = page_factory()
        page.goto(f"{base}/find/{query}")
        page.wait_for_function(BOTH_READY)
        return page

    return go


def test_on_the_spanish_page_the_spanish_filter_comes_first(finder_es, open_finder_es):
    _root, docs, _plain = finder_es
    page = open_finder_es()
    assert page.is_visible("#f-spanish")  # not folded in "Filtros"
    assert page.inner_text("label[for=f-spanish]") == "Se ofrece en español"
    boxes = page.eval_on_selector_all("#f-spanish, #f-need", "els => els.map(e => e.id)")
    assert boxes == ["f-spanish", "f-need"]  # before the other filters
    check_spanish_filter(page, docs, "Se habla español")
    assert "(1" not in page.inner_text("#f-more summary")  # it is not counted among the folded filters


def test_the_spanish_page_shows_spanish_names_and_marks_english_ones(finder_es, open_finder_es):
    _root, docs, plain = finder_es
    org = docs["o"][docs["s"][plain]["o"]]
    spanish = [s["n"] for s in docs["s"] if s["o"] == docs["s"][plain]["o"] and not s.get("e")]
    assert docs["s"][plain].get("e") == 1 and spanish, "the fixture's service should be English, its siblings not"
    page = open_finder_es(f"?what={org['i']}")
    wait_rows(page, f"rows.length > 0 && rows[0].id === {json.dumps(org['i'])}")
    card = page.locator("#f-results > li").first
    items = card.locator(".ccci-finder__services > li")
    texts = items.all_inner_texts()
    # The service without Spanish text: its English name, lang="en", with "(en inglés)".
    english = docs["s"][plain]["n"]
    assert f"{english} (en inglés)" in texts
    assert card.locator(".ccci-finder__services span[lang=en]").first.inner_text() == english
    # Its siblings in Spanish, with no note.
    assert any(t in spanish for t in texts)
    # The organization's name: English (no official Spanish name), marked lang="en", without the note.
    name = card.locator("h3 a")
    assert name.inner_text() == org["n"] and org.get("e") == 1
    assert name.locator("span[lang=en]").count() == 1


# ---------------------------------------------------------------------------------------------- real site


def test_finder_in_the_built_site(request, serve_dir, page_factory, run_axe, format_violations, non_local_requests):
    try:
        site = request.getfixturevalue("built_site")
    except pytest.FixtureLookupError:
        pytest.skip("no built_site fixture (tests/conftest.py) yet")
    site = Path(getattr(site, "site_dir", site))
    if not (site / "find" / "index.html").is_file():
        pytest.fail("the built site has no find/index.html: is generator.finder.produce:produce in outputs.PRODUCERS?")
    base = serve_dir(site)
    page = page_factory()
    page.goto(f"{base}/find/")
    page.wait_for_function("() => window.ccciFinder && window.ccciFinder.ready")
    violations = run_axe(page)
    assert violations == [], format_violations(violations)
    page.goto(f"{base}/find/?what=shelter&near=83702")
    page.wait_for_function("() => window.ccciFinder && window.ccciFinder.ready")
    wait_rows(page, "rows.length > 0 && rows[0].km !== null")
    status_after_typing(page)
    violations = run_axe(page)
    assert violations == [], format_violations(violations)
    assert non_local_requests(page) == []
    assert page.page_errors == []
    # Every link the finder draws or lists leads to a page that exists in the build.
    hrefs = page.eval_on_selector_all(
        "#f-results h3 a, .ccci-finder__browse a", "as => as.map(a => new URL(a.href).pathname)"
    )
    for path in hrefs:
        target = site / path.lstrip("/")
        assert (target / "index.html").is_file() or target.is_file(), path


def test_hostile_records_show_as_text_in_the_finder(fixture_site, serve_dir, page_factory, non_local_requests):
    """tests/fixtures/sites/hostile: record text that tries to inject markup, built into a real site."""
    site = Path(fixture_site("hostile"))
    base = serve_dir(site)
    page = page_factory()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{base}/find/?what=quoted")
    page.wait_for_function(BOTH_READY)
    wait_rows(page, "rows.length > 0")
    first = page.locator("#f-results > li").first
    assert first.locator("h3").inner_text() == '<script>alert("name")</script> & "Quoted" Co'
    assert page.locator("#f-results script, #f-results img, #f-results svg, #f-results iframe").count() == 0
    assert all(
        h.startswith(("tel:", "sms:", "../", "http://127.0.0.1"))
        for h in page.eval_on_selector_all("#f-results a", "as => as.map(a => a.getAttribute('href'))")
    )
    page.fill("#f-q", "help")
    wait_rows(page, "rows.length > 0")
    assert "Help</h3><script>" in page.inner_text("#f-results")
    assert dialogs == [] and page.page_errors == []
    assert non_local_requests(page) == []
