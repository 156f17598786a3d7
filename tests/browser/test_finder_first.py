"""The finder's first results, drawn at build time (generator/finder/first.py), in a real browser: they are the
very list finder.js draws for an empty search (the same HTML, English, Spanish and hostile records), they show
without JavaScript with their phone links, they are on the first screen of a phone before any script has run,
and a search that comes with the page never shows them in place of its own results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.finder.page import standalone_site
from generator.finder.produce import produce
from generator.records.dataset import load_dataset

REPO = Path(__file__).resolve().parents[2]
PHONE = {"width": 360, "height": 740}
READY = "() => window.ccciFinder && window.ccciFinder.ready"
# The list as the DOM has it (serialized by the browser on both sides, so quoting is compared, not spelt).
LIST = """() => ({
    html: document.getElementById('f-results').innerHTML,
    status: document.getElementById('f-status').textContent,
    showing: document.getElementById('f-showing').textContent,
    n: document.querySelectorAll('#f-results > li').length,
})"""


# Counts result rows taken out of the page (an init script: it runs before the page's own, whatever its CSP).
REMOVALS = """
window.__removedRows = 0;
new MutationObserver(records => {
    for (const r of records)
        for (const n of r.removedNodes)
            if (n.classList && n.classList.contains('ccci-finder__result')) window.__removedRows++;
}).observe(document, {childList: true, subtree: true});
"""


def _site(tmp: Path, language: str = "en", drop_spanish: bool = False) -> tuple[Path, dict]:
    ds = load_dataset(REPO)
    if drop_spanish:  # one program without its Spanish text: the Spanish page marks its name lang="en"
        org = next(o for o in sorted(ds.organizations, key=lambda o: o["id"]) if o["services"][0].get("es"))
        del org["services"][0]["es"]
        org.pop("es", None)
    out = produce(ds, {"language": language} if language != "en" else {})
    return standalone_site(out.pages, out.assets, tmp, language), json.loads(out.assets["find/docs.json"])


def _both(page_factory, url: str) -> tuple[dict, dict]:
    """The list without JavaScript (as built) and as finder.js draws it (drawRow, fresh), once it has started;
    finder.js keeps the rows drawn at build time (the same DOM, not redrawn)."""
    static = page_factory(js=False)
    static.goto(url)
    built = static.evaluate(LIST)
    live = page_factory()
    live.add_init_script(REMOVALS)
    live.goto(url)
    live.wait_for_function(READY)
    live.wait_for_function(f"() => document.querySelectorAll('#f-results > li').length === {built['n']}")
    assert live.page_errors == []
    assert live.evaluate("window.__removedRows") == 0, "finder.js redrew the rows drawn at build time"
    drawn = live.evaluate(LIST)
    drawn["html"] = live.evaluate("() => window.ccciFinder.fresh()")
    return built, drawn


@pytest.mark.parametrize(("language", "drop_spanish"), [("en", False), ("es", True)])
def test_the_list_drawn_at_build_time_is_the_one_finder_js_draws(
    tmp_path, serve_dir, page_factory, language, drop_spanish
):
    root, docs = _site(tmp_path, language, drop_spanish)
    built, drawn = _both(page_factory, f"{serve_dir(root)}/find/")
    assert built["n"] == min(25, len(docs["o"])) > 0
    assert built == drawn
    if drop_spanish:
        assert 'lang="en"' in built["html"]  # the name without Spanish text is marked (and drawn the same)


def test_hostile_records_are_drawn_as_text_at_build_time_as_by_finder_js(fixture_site, serve_dir, page_factory):
    """tests/fixtures/sites/hostile: record text that tries to inject markup, in a real built site."""
    base = serve_dir(Path(fixture_site("hostile")))
    built, drawn = _both(page_factory, f"{base}/find/")
    assert built == drawn
    static = page_factory(js=False)
    dialogs: list[str] = []
    static.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    static.goto(f"{base}/find/")
    names = static.eval_on_selector_all("#f-results h3", "hs => hs.map(h => h.textContent)")
    assert '<script>alert("name")</script> & "Quoted" Co' in names
    assert static.locator("#f-results script, #f-results img, #f-results svg, #f-results iframe").count() == 0
    hrefs = static.eval_on_selector_all("#f-results a", "as => as.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith(("tel:", "sms:", "../org/")) for h in hrefs)
    assert dialogs == []


def test_without_javascript_the_first_programs_and_their_numbers_are_there(tmp_path, serve_dir, page_factory):
    root, docs = _site(tmp_path)
    page = page_factory(js=False, viewport=PHONE)
    page.goto(f"{serve_dir(root)}/find/")
    assert not page.is_visible("#f-q")  # the controls need JavaScript: not shown
    cards = page.locator("#f-results > li")
    assert cards.count() == 25 and cards.first.is_visible()
    assert page.inner_text("#f-status") == f"{len(docs['o'])} organizations match."
    assert page.inner_text("#f-showing") == f"Showing 25 of {len(docs['o'])}."
    calls = page.eval_on_selector_all("#f-results a[href^='tel:']", "as => as.length")
    reachable = sum(1 for o in docs["o"] if not o.get("u"))
    assert calls >= 10 and reachable >= 25  # the first 25 are all programs someone can reach
    assert "needs JavaScript" in page.inner_text(".ccci-finder__noscript")


def test_in_the_real_site_the_first_results_are_on_the_first_screen_before_any_script(
    built_site, serve_dir, page_factory
):
    """The page as first painted: finder.js is held back, and the first card is on a phone's first screen with
    its name and a way to reach it."""
    site = Path(getattr(built_site, "site_dir", built_site))
    base = serve_dir(site)
    for path in ("find/", "es/find/"):
        page = page_factory(viewport=PHONE)
        page.route("**/finder.js", lambda route: route.abort())
        page.goto(f"{base}/{path}")
        first = page.locator("#f-results > li").first
        box = first.bounding_box()
        assert box is not None and box["y"] + 48 <= PHONE["height"], (path, box)
        assert first.locator("h3 a").is_visible()
        assert page.is_visible("#f-q")  # the search box is there at once: no jump when finder.js starts
        assert page.evaluate("window.ccciFinder === undefined")


@pytest.mark.parametrize("how", ["link", "home"])
def test_a_search_that_comes_with_the_page_never_shows_the_list_of_an_empty_search(
    built_site, serve_dir, page_factory, how
):
    """A link with a search, or the home page's hand-over: until finder.js has drawn the results of that search,
    the list drawn at build time is hidden (it is not the answer); if finder.js never comes, it shows after 3 s."""
    base = serve_dir(Path(getattr(built_site, "site_dir", built_site)))
    page = page_factory(viewport=PHONE)
    page.route("**/finder.js", lambda route: route.abort())
    if how == "link":
        page.goto(f"{base}/find/?what=abogado")
    else:
        page.goto(f"{base}/")
        page.fill("#home-what", "abogado")
        page.click(".ccci-home-search__go")
        page.wait_for_url("**/find/")
    assert page.evaluate("document.documentElement.classList.contains('ccci-asked')")
    assert not page.is_visible("#f-results > li")
    page.wait_for_selector("#f-results > li", state="visible", timeout=6_000)  # the 3 s fallback: never a blank

    live = page_factory(viewport=PHONE)
    live.goto(f"{base}/find/?what=abogado")
    live.wait_for_function(READY)
    live.wait_for_function("() => document.querySelector('#f-results > li') !== null")
    assert live.is_visible("#f-results > li")
    assert live.eval_on_selector("#f-q", "e => e.value") == "abogado"
    names = live.eval_on_selector_all("#f-results h3", "hs => hs.map(h => h.textContent)")
    assert names[:25] != [o for o in page.eval_on_selector_all("#f-results h3", "hs => hs.map(h => h.textContent)")]
