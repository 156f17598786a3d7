"""Accessibility beyond axe (issue 12), in real Chromium on the real site: the menu by keyboard, the finder's
filters while a person is still choosing, no single-key shortcuts, focus never hidden, announcements, the
money guide's table, link contrast on hover and focus, landmark names, the 404 page and forced colours.
The keyboard walk (home -> finder -> result -> organization page -> exit) is in test_keyboard_walk_*."""

from __future__ import annotations

import re

import pytest

from tests.browser.a11y_tools import (
    DESKTOP,
    DOM_ORDER,
    EXIT_URL,
    FOCUS_CHECK,
    PHONE,
    fake_exit_site,
    tab,
)

TABLET = {"width": 1000, "height": 740}
LIVE = "[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log]"
FINDER_READY = "() => window.ccciFinder && window.ccciFinder.ready && window.ccciFinder.searchReady"


def wait_finder_param(page, key, value):
    """Wait until the finder has handled a change: its search, as a link would hold it, has key=value."""
    page.wait_for_function(
        """([key, value]) => { const f = window.ccciFinder;
            const query = f.query ? f.query() : location.search.slice(1);
            return new URLSearchParams(query).get(key) === value; }""",
        arg=[key, value],
    )


def in_drawer(page) -> bool:
    return page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")


def assert_focus_ok(seen, where):
    assert seen is not None, f"{where}: focus went nowhere"
    assert not seen["problems"], f"{where}: focused {seen['what']}: {'; '.join(seen['problems'])}"


# ---------------------------------------------------------------------------------------------- the menu


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["360px", "1000px"])
def test_closed_menu_takes_no_focus_and_the_menu_button_works(site_url, page_factory, viewport):
    page = page_factory(viewport=viewport)
    page.goto(f"{site_url}/rights/")
    button = None
    for step in range(40):
        seen = tab(page)
        assert_focus_ok(seen, f"Tab {step + 1}")
        assert not in_drawer(page), f"Tab {step + 1} went into the closed menu: {seen['what']}"
        if page.evaluate("() => document.activeElement.closest('article') !== null"):
            break
        if page.evaluate(
            "() => /menu/i.test(document.activeElement.getAttribute('aria-label') || "
            "document.activeElement.textContent)"
        ):
            button = seen
    assert button, "no menu button in the Tab order before the page content"
    found = page.locator("header").get_by_role("button", name=re.compile("menu", re.I))
    assert found.count() == 1, "the menu button must be a <button> with a name that says menu"
    menu = found.element_handle()  # (the open menu hides the header but for the exit)
    assert menu.get_attribute("aria-expanded") == "false"
    menu.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    assert menu.get_attribute("aria-expanded") == "true"
    seen = page.evaluate(FOCUS_CHECK) if in_drawer(page) else tab(page)
    for step in range(3):  # (the menu of this page shows the 4 pages of "Your rights")
        assert in_drawer(page), f"after opening the menu, focus is not in it: {seen and seen['what']}"
        page.wait_for_function(
            "() => { const r = document.querySelector('.md-sidebar--primary')"
            ".getBoundingClientRect(); return r.left >= -1; }"
        )
        assert_focus_ok(page.evaluate(FOCUS_CHECK), f"menu open, step {step}")
        seen = tab(page)
    assert in_drawer(page), f"Tab left the open menu too early: {seen and seen['what']}"
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-controls')") is not None, (
        "Escape closes the menu and puts focus back on its button"
    )
    assert menu.get_attribute("aria-expanded") == "false"


def test_menu_still_opens_without_javascript(site_url, page_factory):
    page = page_factory(js=False, viewport=PHONE)
    page.goto(f"{site_url}/rights/")
    page.click("label.md-header__button[for=__drawer]")
    assert page.is_checked("#__drawer")
    link = page.locator(".md-sidebar--primary a.md-nav__link", has_text="Hotlines").first
    assert link.is_visible()


# ---------------------------------------------------------------------------------------------- the finder


def open_finder(page_factory, site_url, query="", **ctx):
    page = page_factory(viewport=DESKTOP, **ctx)
    page.goto(f"{site_url}/find/{query}")
    page.wait_for_function(FINDER_READY)
    return page


def test_finder_filters_do_not_change_each_other_while_choosing(site_url, page_factory):
    page = open_finder(page_factory, site_url)
    page.click("#f-more summary")
    counties = page.eval_on_selector_all("#f-county option", "os => os.map(o => o.value).filter(Boolean)")
    assert len(counties) == 44
    page.focus("#f-county")
    page.keyboard.type("Ada")
    assert page.input_value("#f-county") == "Ada", "typing a county's name picks it"
    for _ in range(3):
        page.keyboard.press("ArrowDown")
        assert page.input_value("#f-region") == "", "moving through the counties must not pick a region"
        now = page.eval_on_selector_all("#f-county option", "os => os.map(o => o.value).filter(Boolean)")
        assert now == counties, "the county list must not change while a county is being chosen"
    for _ in range(3):
        page.keyboard.press("ArrowUp")
    assert page.input_value("#f-county") == "Ada"
    page.keyboard.press("Tab")
    wait_finder_param(page, "county", "Ada")
    assert page.input_value("#f-region") == ""

    # A region narrows the counties only once the person has left the Region box.
    page.focus("#f-region")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.input_value("#f-county") == "Ada"
    assert len(page.eval_on_selector_all("#f-county option", "os => os.filter(o => o.value)")) == 44
    region = page.input_value("#f-region")
    page.keyboard.press("Tab")
    wait_finder_param(page, "region", region)
    assert 0 < len(page.eval_on_selector_all("#f-county option", "os => os.filter(o => o.value)")) < 44

    # The same for "Kind of service": moving through it never changes "Type of help".
    page.focus("#f-sub")
    for _ in range(4):
        page.keyboard.press("ArrowDown")
        assert page.input_value("#f-need") == ""


def test_finder_announces_places_and_location(site_url, page_factory):
    page = open_finder(page_factory, site_url, geolocation={"latitude": 43.615, "longitude": -116.2023})
    page.fill("#f-near", "Nowhereville")
    page.wait_for_function("() => /could not find/.test(document.getElementById('f-near-note').textContent)")
    page.wait_for_function(f"""() => [...document.querySelectorAll('{LIVE}')]
        .some(e => /could not find/.test(e.textContent))""")  # announced, once the typing has paused
    page.fill("#f-near", "Boise")
    page.wait_for_function(f"""() => [...document.querySelectorAll('{LIVE}')]
        .some(e => /Programs near Boise/.test(e.textContent))""")
    page.fill("#f-near", "")
    # Location refused (as when the person says no to the browser's question): the reason is announced.
    page.evaluate("() => { navigator.geolocation.getCurrentPosition = (ok, fail) => fail({code: 1}); }")
    page.click("#f-geo")
    page.wait_for_function(f"""() => [...document.querySelectorAll('{LIVE}')]
        .some(e => /could not get your location/.test(e.textContent))""")
    # Location given: the re-sort by distance is announced.
    page.evaluate("() => { delete navigator.geolocation.getCurrentPosition; }")
    page.context.grant_permissions(["geolocation"])
    page.click("#f-geo")
    page.wait_for_function(f"""() => [...document.querySelectorAll('{LIVE}')]
        .some(e => /nearest/i.test(e.textContent) && /83\\d\\d\\d/.test(e.textContent))""")
    page.wait_for_function("() => window.ccciFinder.rows()[0].km !== null")


# ---------------------------------------------------------------------------------------------- shortcuts


def test_no_single_key_shortcuts(site_url, page_factory):
    page = page_factory(viewport=DESKTOP)
    page.goto(f"{site_url}/rights/money/")
    assert page.locator("link[rel=next]").count() and page.locator("link[rel=prev]").count()
    url = page.url
    for key in ["n", ".", "p", ",", "s", "f", "/"]:
        page.locator("article h1").click()  # focus on the page, not in a text box
        page.keyboard.press(key)
        page.wait_for_load_state()
        assert page.url == url, f"pressing {key!r} went to {page.url}"
        assert page.evaluate(
            "() => !document.activeElement.matches('input') && !document.getElementById('__search').checked"
        ), f"pressing {key!r} opened search"


# ---------------------------------------------------------------------------------------------- focus walk


def walk(page, limit, where, until=None, shift=False):
    """Tab (or Shift+Tab) up to `limit` times: every focused element visible, on top and in document order."""
    previous = page.evaluate_handle("() => document.activeElement")
    for step in range(limit):
        seen = tab(page, shift)
        assert_focus_ok(seen, f"{where}, {'Shift+' if shift else ''}Tab {step + 1}")
        current = page.evaluate_handle("() => document.activeElement")
        if page.evaluate("([a]) => a !== document.body", [previous]):
            forward = page.evaluate(DOM_ORDER, [previous, current])
            assert forward != shift, f"{where}: focus jumped {'forward' if shift else 'back'} to {seen['what']}"
        previous = current
        if until and page.evaluate(until):
            return seen
    if until:
        raise AssertionError(f"{where}: not reached in {limit} Tab presses: {until}")
    return None


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_keyboard_walk_home_finder_result_organization_exit(site_url, page_factory, viewport):
    page = page_factory(viewport=viewport)
    fake_exit_site(page.context)
    page.goto(f"{site_url}/")
    walk(page, 80, "home", "() => /\\/find\\/$/.test(document.activeElement.href || '')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/find/$"))
    page.wait_for_function(FINDER_READY)
    walk(page, 60, "finder", "() => document.activeElement.id === 'f-q'")
    page.keyboard.type("legal")
    wait_finder_param(page, "what", "legal")
    walk(page, 30, "finder results", "() => !!document.activeElement.closest('#f-results a')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/org/[^/]+/$"))
    # The whole organization page forward, then back up to the top (the sticky header and "Back to top"
    # must never cover the focused element).
    walk(page, 150, "organization page", "() => !!document.activeElement.closest('.md-footer')")
    walk(page, 150, "organization page, going back", "() => document.activeElement.id === 'ccci-exit'", shift=True)
    page.keyboard.press("Enter")
    page.wait_for_url(EXIT_URL)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_no_invisible_tab_stop_in_the_header(site_url, page_factory, viewport):
    """From the first control of the header to the exit, every Tab stop shows (Material's search result area,
    an empty box, used to take one between the search box and the exit)."""
    page = page_factory(viewport=viewport)
    page.goto(f"{site_url}/about/")
    page.evaluate("""() => [...document.querySelectorAll('.md-header a, .md-header button, .md-header input')]
        .find(e => e.getClientRects().length && getComputedStyle(e).visibility === 'visible').focus()""")
    for step in range(8):
        seen = tab(page)
        assert_focus_ok(seen, f"header, Tab {step + 1}")
        assert page.evaluate("() => !!document.activeElement.closest('.md-header')"), seen["what"]
        if page.evaluate("() => document.activeElement.id") == "ccci-exit":
            break
    assert page.evaluate("() => document.activeElement.id") == "ccci-exit"


# ---------------------------------------------------------------------------------------------- money table


def test_money_table_scrolls_by_keyboard_and_has_row_headers(site_url, page_factory):
    page = page_factory(viewport=PHONE)
    page.goto(f"{site_url}/rights/money/")
    table = page.locator("article table").first
    info = table.evaluate("""t => {
        let box = t.parentElement;
        while (box && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
        const name = box && (box.getAttribute('aria-label') ||
          (box.getAttribute('aria-labelledby') || '').split(' ')
            .map(id => (document.getElementById(id) || {}).textContent || '').join(' '));
        return {scrolls: !!box && box.scrollWidth > box.clientWidth, tabindex: box && box.getAttribute('tabindex'),
                role: box && box.getAttribute('role'), name: (name || '').trim(),
                rows: t.tBodies[0].rows.length, rowHeaders: t.querySelectorAll('tbody th[scope=row]').length,
                empty: [...t.querySelectorAll('th')].filter(th => !th.textContent.trim()).length};
    }""")
    assert info["scrolls"], "the table should need sideways scrolling at 360 px (else this test checks nothing)"
    assert info["tabindex"] == "0" and info["role"] == "region" and info["name"], info
    assert info["rowHeaders"] == info["rows"] and info["empty"] == 0, info
    box = table.locator("xpath=ancestor::*[@tabindex='0'][1]")
    box.focus()
    assert_focus_ok(page.evaluate(FOCUS_CHECK), "table")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("([b]) => b.scrollLeft > 0", arg=[box.element_handle()])


# ---------------------------------------------------------------------------------------------- contrast


CONTRAST = """([sel]) => new Promise(done => axe.run(sel, {runOnly: {type: 'rule', values: ['color-contrast']}})
    .then(r => done(r.violations.flatMap(v => v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary))))
)"""


def contrast_problems(page, selector):
    if not page.evaluate("() => typeof window.axe === 'object'"):
        from tests.browser.conftest import _axe_source

        page.evaluate(_axe_source())
    return page.evaluate(CONTRAST, [selector])


def test_links_keep_their_contrast_on_hover_and_focus(site_url, page_factory):
    page = page_factory(viewport=DESKTOP)
    page.goto(f"{site_url}/rights/")
    link = page.locator("article p a").first
    link.hover()
    assert contrast_problems(page, "article p a") == []
    page.mouse.move(0, 0)
    link.focus()
    assert contrast_problems(page, "article p a") == []


def test_focused_result_link_after_show_more_keeps_its_contrast(site_url, page_factory):
    page = open_finder(page_factory, site_url)
    if page.is_hidden("#f-more-results"):
        pytest.skip("one page of results only")
    page.focus("#f-more-results")
    page.keyboard.press("Enter")
    page.wait_for_function("() => !!document.activeElement.closest('#f-results a')")
    assert contrast_problems(page, "#f-results li:nth-child(26)") == []


# ---------------------------------------------------------------------------------------------- landmarks


LANDMARKS = """() => {
  const visible = e => { const cs = getComputedStyle(e);
    return cs.display !== 'none' && cs.visibility !== 'hidden' && !e.closest('[hidden], [inert]') &&
      e.getClientRects().length > 0; };
  const name = e => (e.getAttribute('aria-label') || (e.getAttribute('aria-labelledby') || '').split(/\\s+/)
    .map(id => (document.getElementById(id) || {}).textContent || '').join(' ')).trim().replace(/\\s+/g, ' ');
  const role = e => e.getAttribute('role') || {NAV: 'navigation', ASIDE: 'complementary'}[e.tagName];
  const out = [];
  const all = 'nav, aside, [role=search], [role=dialog], [role=region], section[aria-label]';
  for (const e of document.querySelectorAll(all)) {
    if (!visible(e)) continue;
    out.push({role: role(e), name: name(e), html: e.outerHTML.slice(0, 120)});
  }
  const collapsed = [...document.querySelectorAll('[aria-expanded=false]')].filter(e => {
    if (!visible(e)) return false;
    const target = e.getAttribute('aria-controls') && document.getElementById(e.getAttribute('aria-controls'));
    const content = target || e;
    return [...content.querySelectorAll('a, button, input')].some(visible);
  }).map(e => e.outerHTML.slice(0, 120));
  return {landmarks: out, collapsed: collapsed};
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
@pytest.mark.parametrize("path", ["rights/money/", "hotlines/", "find/", "org/idaho-anti-trafficking-coalition/"])
def test_landmarks_have_distinct_names(site_url, page_factory, viewport, path):
    page = page_factory(viewport=viewport)
    page.goto(f"{site_url}/{path}")
    if viewport is PHONE:  # the menu open: its landmarks are there too
        menu = page.locator("header").get_by_role("button", name=re.compile("menu", re.I))
        menu.click() if menu.count() else page.click("label[for=__drawer]")
    found = page.evaluate(LANDMARKS)
    unnamed = [x["html"] for x in found["landmarks"] if not x["name"]]
    assert not unnamed, "landmarks without a name:\n" + "\n".join(unnamed)
    pairs = [(x["role"], x["name"]) for x in found["landmarks"]]
    twice = sorted({p for p in pairs if pairs.count(p) > 1})
    assert not twice, f"landmarks with the same role and name: {twice}"
    assert not found["collapsed"], "marked collapsed but showing their content:\n" + "\n".join(found["collapsed"])


def headings_repeated(html: str) -> list[str]:
    """Headings with the same text as an earlier one under the same parent heading."""
    html = re.sub(r"<(nav|header|footer|aside)\b.*?</\1>", "", html, flags=re.S)
    chain: list[str] = []
    seen = set()
    out = []
    for m in re.finditer(r"<h([1-6])[^>]*>(.*?)</h\1>", html, flags=re.S):
        level, text = int(m.group(1)), " ".join(re.sub(r"<[^>]+>", "", m.group(2)).split())
        chain = chain[: level - 1] + [""] * max(0, level - 1 - len(chain))
        key = (tuple(chain), level, text)
        if key in seen:
            out.append(f"h{level} {text!r} under {' / '.join(c for c in chain if c)!r}")
        seen.add(key)
        chain.append(text)
    return out


def test_no_two_headings_alike_in_one_section(site_root):
    problems = []
    for f in sorted(site_root.rglob("*.html")):
        problems += [f"{f.relative_to(site_root)}: {p}" for p in headings_repeated(f.read_text(encoding="utf-8"))]
    assert not problems, f"{len(problems)} repeated heading(s):\n" + "\n".join(problems[:30])


# ---------------------------------------------------------------------------------------------- 404 page


def test_404_page(site_url, site_root, page_factory):
    page = page_factory(viewport=PHONE)
    body = (site_root / "404.html").read_text(encoding="utf-8")
    deep = f"{site_url}/no/such/folder/here/"
    page.route(deep, lambda route: route.fulfill(status=404, content_type="text/html", body=body))
    page.goto(deep)
    assert "Page not found" in page.title()
    assert page.locator("h1").inner_text().strip().startswith("Page not found")
    skip = page.locator("a.md-skip").first
    assert skip.get_attribute("href").startswith("#")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('md-skip')")
    target = skip.get_attribute("href")[1:]
    assert page.locator(f"[id='{target}']").count() == 1, "the skip link goes nowhere"
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky", (
        "the stylesheet did not load from a deep folder"
    )
    hrefs = page.eval_on_selector_all("article a[href]", "as => as.map(a => a.href)")
    assert len(hrefs) >= 3
    for href in hrefs:
        if href.startswith(site_url):
            path = href[len(site_url) :].split("#")[0].lstrip("/")
            target = site_root / path / "index.html" if not path or path.endswith("/") else site_root / path
            assert target.is_file(), f"404 page link {href} goes nowhere"


# ---------------------------------------------------------------------------------------------- forced colours


def test_shift_counter_dots_show_in_forced_colours(site_url, page_factory):
    page = page_factory(viewport=DESKTOP)
    page.emulate_media(forced_colors="active")
    page.goto(f"{site_url}/about/")
    page.keyboard.press("Shift")
    dots = page.evaluate("""() => [...document.querySelectorAll('.ccci-exit__dots span')].map(s => {
        const cs = getComputedStyle(s), r = s.getBoundingClientRect();
        return {on: s.classList.contains('ccci-on'), bg: cs.backgroundColor, border: cs.borderTopColor,
                exitBg: getComputedStyle(s.closest('.ccci-exit')).backgroundColor, w: r.width};
    })""")
    assert len(dots) == 3 and all(d["w"] > 0 for d in dots), dots
    on, off = dots[0], dots[1]
    assert on["on"] and not off["on"]
    assert on["bg"] != off["bg"], f"a counted dot must look different from the others: {dots}"
    assert on["bg"] != on["exitBg"], f"a counted dot must not vanish into the button: {dots}"
