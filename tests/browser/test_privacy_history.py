"""Nothing a person types, or where they are, is written into the browser's history (issue 8, part 1).

A real Chromium profile on disk (a persistent context, as a person's own browser) uses the finder the way a
survivor would: types a need and a ZIP code, presses "Use my location" (a made-up point in Idaho Falls), opens
a program, goes Back, and closes the browser. Then the profile's own files are read:

* `Default/History` (SQLite: the history list and what the address bar suggests): no URL or title holds the
  words, a ZIP code, the coordinates or any query at all;
* `Default/Sessions/*` (what Chromium keeps to restore tabs, including history.state and form values): none of
  them either, in UTF-8 or UTF-16;
* every other file of the profile outside the caches: not the made-up words nor the coordinates.

It also types into the search box in the header of every page (Material's search), which must leave no trace
either.

The made-up word in the need ("quokkafern") appears nowhere in the site, so the whole profile can be searched
for it. Playwright turns Chromium's back-forward cache off; these tests turn it back on, as in a real browser.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import CHROMIUM_ARGS, chromium_path

NEED = "safe shelter quokkafern"
MADE_UP = "quokkafern"
HEADER_SEARCH = "rights quokkaheron"  # typed into the site's own search box in the header
MADE_UP_2 = "quokkaheron"
TYPED_ZIP = "83706"
IDAHO_FALLS = {"latitude": 43.49172, "longitude": -112.03391}
COORDS_LONG = ("43.49172", "112.03391", "43.4917", "112.0339")
COORDS_SHORT = ("43.49", "112.03", "43.5", "112.0")
READY = "() => window.ccciFinder && window.ccciFinder.ready && window.ccciFinder.searchReady"
CACHE_DIRS = (
    "Cache",
    "Code Cache",
    "GPUCache",
    "DawnGraphiteCache",
    "DawnWebGPUCache",
    "Shared Dictionary",
    "GrShaderCache",
    "ShaderCache",
    "component_crx_cache",
)


@pytest.fixture(scope="module")
def site(built_site, serve_dir):
    return serve_dir(built_site)


def persistent(browser, profile: Path, **options):
    """A Chromium with its profile in `profile`, as a person's own browser (back-forward cache on)."""
    return browser.browser_type.launch_persistent_context(
        str(profile),
        executable_path=chromium_path(),
        headless=True,
        args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
        **options,
    )


def use_the_finder(ctx, site: str) -> dict:
    """Search, ZIP, "Use my location", open a program, Back. Returns what a leak would contain."""
    ctx.set_default_timeout(15_000)
    ctx.requests = []
    ctx.on("request", lambda r: ctx.requests.append((r.method, r.url, r.post_data)))
    page = ctx.new_page()
    page.goto(f"{site}/find/")
    page.wait_for_function(READY)
    page.click("#f-q")
    page.keyboard.type(NEED)
    page.click("#f-near")
    page.keyboard.type(TYPED_ZIP)
    page.wait_for_function("() => window.ccciFinder.rows().length && window.ccciFinder.rows()[0].km !== null")
    page.click("#f-geo")
    page.wait_for_function(
        "z => /^\\d{5}$/.test(document.getElementById('f-near').value) && "
        "document.getElementById('f-near').value !== z",
        arg=TYPED_ZIP,
    )
    located_zip = page.input_value("#f-near")
    # The note is written once the finder has handled the new place.
    page.wait_for_function("z => document.getElementById('f-near-note').textContent.includes(z)", arg=located_zip)
    assert urlsplit(page.url).query == "", page.url
    title = page.title()
    first = page.locator("#f-results h3 a").first
    org_name = first.inner_text()
    first.click()
    page.wait_for_url("**/org/**")
    org_title = page.title()
    page.go_back(wait_until="commit")  # a page from the back-forward cache fires no load event
    page.wait_for_url(lambda url: "/find/" in url, wait_until="commit")
    page.wait_for_function("() => document.getElementById('f-q')")
    restored = page.evaluate("() => document.getElementById('f-q').value")
    # The search box in the header of every page (Material's, while the site has it), then another page.
    page.goto(f"{site}/hotlines/")
    if page.locator(".md-search__input").count():
        for opener in (".md-header .ccci-search-button", ".md-header__button[for=__search]", ".md-search__input"):
            if page.locator(opener).is_visible():
                page.click(opener)
                break
        page.wait_for_function("() => document.getElementById('__search').checked")
        page.locator(".md-search__input").focus()
        page.keyboard.type(HEADER_SEARCH)
        page.wait_for_function(
            "() => /\\d|No matching/.test((document.querySelector('.md-search-result__meta') || {}).textContent || '')"
        )
        assert urlsplit(page.url).query == "" and MADE_UP_2 not in page.url
    page.goto(f"{site}/rights/")
    return {
        "zip": located_zip,
        "finder_title": title,
        "org_name": org_name,
        "org_title": org_title,
        "restored": restored,
    }


def history_rows(profile: Path, tmp: Path) -> dict[str, list[str]]:
    """The text columns of the History database that hold URLs, titles and typed terms."""
    copy = tmp / "History"
    shutil.copy(profile / "Default" / "History", copy)
    journal = profile / "Default" / "History-journal"
    if journal.exists():
        shutil.copy(journal, tmp / "History-journal")
    db = sqlite3.connect(copy)
    try:
        out = {
            "urls": [r[0] for r in db.execute("SELECT url FROM urls")],
            "titles": [r[0] for r in db.execute("SELECT title FROM urls")],
            "terms": [r[0] for r in db.execute("SELECT term FROM keyword_search_terms")],
            "segments": [r[0] for r in db.execute("SELECT name FROM segments")],
        }
    finally:
        db.close()
    return out


def found_in(data: bytes, secrets) -> list[str]:
    return [s for s in secrets if s.encode() in data or s.encode("utf-16-le") in data]


@pytest.mark.timeout(180)
def test_nothing_typed_or_located_reaches_the_profile(browser, site, tmp_path):
    profile = tmp_path / "profile"
    ctx = persistent(
        browser, profile, viewport={"width": 360, "height": 740}, geolocation=IDAHO_FALLS, permissions=["geolocation"]
    )
    try:
        seen = use_the_finder(ctx, site)
    finally:
        requests = ctx.requests
        ctx.close()  # the browser closes and writes its files

    history = history_rows(profile, tmp_path)
    # The test reads the right file: the finder and the program page are in it.
    assert any(urlsplit(u).path.endswith("/find/") for u in history["urls"]), history["urls"]
    assert any("/org/" in u for u in history["urls"]), history["urls"]

    zips = (TYPED_ZIP, seen["zip"])
    secrets = (NEED, MADE_UP, HEADER_SEARCH, MADE_UP_2, *zips, *COORDS_LONG, *COORDS_SHORT, "what=", "near=")
    for column, values in history.items():
        for value in values:
            assert not [s for s in secrets if s in (value or "")], (column, value)
    assert all(urlsplit(u).query == "" for u in history["urls"]), history["urls"]

    # Nothing typed or located was sent anywhere, not even to this site: only plain GETs of files.
    assert requests and all(method == "GET" and not body for method, _url, body in requests), requests
    for _method, url, _body in requests:
        assert not [s for s in secrets if s in url] and urlsplit(url).query == "", url
    # No cookie.
    db = sqlite3.connect(profile / "Default" / "Cookies")
    try:
        assert db.execute("SELECT count(*) FROM cookies").fetchone()[0] == 0
    finally:
        db.close()

    # Tab titles (docs/safety/browsing.md): the finder and a program page have neutral ones.
    assert seen["org_name"] not in seen["org_title"]
    assert seen["org_title"].startswith("Program details - ")
    assert seen["org_name"] not in history["titles"] and not [t for t in history["titles"] if seen["org_name"] in t]

    # What Chromium keeps to restore tabs: no typed or located value (history.state, form values, URLs).
    sessions = [f for d in ("Sessions", "Sessions_Encrypted") for f in (profile / "Default" / d).glob("*")]
    assert sessions, "Chromium wrote no session files: the test cannot see what it keeps"
    for f in sessions:
        assert found_in(f.read_bytes(), (NEED, MADE_UP, MADE_UP_2, *zips, *COORDS_LONG)) == [], f

    # Anywhere else in the profile but the caches (which hold the site's own files): not the made-up word,
    # not the coordinates.
    for f in profile.rglob("*"):
        if not f.is_file() or set(f.relative_to(profile).parts) & set(CACHE_DIRS):
            continue
        assert found_in(f.read_bytes(), (MADE_UP, MADE_UP_2, *COORDS_LONG)) == [], f

    # Back from the program page shows the search again (from memory: the back-forward cache).
    assert seen["restored"] == NEED


def test_a_link_with_a_search_works_and_leaves_the_address_bar_at_once(site, page_factory):
    page = page_factory()
    page.goto(f"{site}/find/?what=abogado&near=83702&need=legal&free=1")
    assert urlsplit(page.url).query == ""  # dropped before the data has even come
    page.wait_for_function(READY)
    assert page.input_value("#f-q") == "abogado" and page.input_value("#f-near") == "83702"
    assert page.input_value("#f-need") == "legal" and page.is_checked("#f-free")
    page.wait_for_function("() => window.ccciFinder.rows().length > 0 && window.ccciFinder.rows()[0].km !== null")
    assert urlsplit(page.url).query == ""
    assert page.evaluate("history.state") is None


def test_copy_a_link_makes_the_link_on_demand_and_says_it_holds_the_search(site, page_factory):
    page = page_factory()
    page.goto(f"{site}/find/")
    page.wait_for_function(READY)
    hint = page.inner_text("#f-share-hint")
    assert "holds what you searched for" in hint
    assert page.get_attribute("#f-share", "aria-describedby") == "f-share-hint"
    assert not page.is_visible("#f-share-link")
    page.fill("#f-q", "counseling")
    page.fill("#f-near", "Boise")
    page.wait_for_function("() => new URLSearchParams(window.ccciFinder.query()).get('near') === 'Boise'")
    page.click("#f-share")
    link = page.input_value("#f-share-link")
    assert urlsplit(link).path.endswith("/find/")
    assert "what=counseling" in link and "near=Boise" in link
    assert page.get_attribute("#f-share-link", "readonly") is not None
    # No clipboard permission here: the link is selected in the box, and the note says how to copy it.
    page.wait_for_function("() => document.getElementById('f-share-note').textContent !== ''")
    assert "holds your search" in page.inner_text("#f-share-note")
    assert page.evaluate("document.activeElement.id") == "f-share-link"
    assert urlsplit(page.url).query == ""
    # The link opens the same search.
    other = page_factory()
    other.goto(link)
    other.wait_for_function(READY)
    assert other.input_value("#f-q") == "counseling" and other.input_value("#f-near") == "Boise"
    # A changed search takes the old link away.
    page.fill("#f-q", "lawyer")
    page.wait_for_function("() => document.getElementById('f-share-box').hidden")
    assert page.input_value("#f-share-link") == ""


def test_copy_a_link_with_clipboard_permission_copies_it(site, page_factory):
    page = page_factory(permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{site}/find/?what=shelter")
    page.wait_for_function(READY)
    page.click("#f-share")
    page.wait_for_function("() => document.getElementById('f-share-note').textContent !== ''")
    assert page.inner_text("#f-share-note").startswith("Link copied")
    assert "what=shelter" in page.evaluate("navigator.clipboard.readText()")


@pytest.mark.timeout(120)
def test_the_home_page_search_puts_nothing_typed_in_history(browser, site, tmp_path):
    profile = tmp_path / "profile"
    ctx = persistent(browser, profile, viewport={"width": 360, "height": 740})
    try:
        ctx.set_default_timeout(15_000)
        page = ctx.new_page()
        page.goto(f"{site}/")
        if not page.locator("#home-what").count():
            ctx.close()
            pytest.skip("no search box on the home page")
        page.fill("#home-what", NEED)
        page.fill("#home-near", TYPED_ZIP)
        page.locator("#home-what").press("Enter")
        page.wait_for_url(lambda url: "/find/" in url)
        page.wait_for_function(READY)
        # The search arrived (handed over in window.name, read once and cleared), not only the page.
        assert page.evaluate("window.ccciFinder.query()").find(MADE_UP) >= 0
        assert page.evaluate("window.name") == ""
        # A need shortcut hands its need over the same way: the finder searches it, the address has no query.
        page.goto(f"{site}/")
        page.click("text=A lawyer")
        page.wait_for_url(lambda url: "/find/" in url)
        page.wait_for_function(READY)
        assert "lawyer" in page.evaluate("window.ccciFinder.query()")
        assert "?" not in page.url
        page.goto(f"{site}/hotlines/")
    finally:
        ctx.close()
    history = history_rows(profile, tmp_path)
    assert any(urlsplit(u).path.endswith("/find/") for u in history["urls"]), history["urls"]
    leaks = [
        v
        for values in history.values()
        for v in values
        if v and (MADE_UP in v or TYPED_ZIP in v or "what=" in v or "near=" in v)
    ]
    assert leaks == []
    # window.name carried the search for one page load: nothing Chromium keeps (session files included) holds it.
    for f in profile.rglob("*"):
        if f.is_file() and not set(f.relative_to(profile).parts) & set(CACHE_DIRS):
            assert found_in(f.read_bytes(), (MADE_UP, TYPED_ZIP)) == [], f
