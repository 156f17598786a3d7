"""Exit this page works in every state of every page (issue 8, part 2).

On a phone (360 x 740, touch) and on a computer (1280 x 800), with the menu drawer open, the header search open
or a finder filter open, the exit button is the topmost thing under its own centre, and one tap (or click)
there leaves at once. Inside another site's frame the page hides itself and the exit takes the whole tab
away. With JavaScript off the banner promises nothing that needs it. Screenshots of each state on a phone are
written to /tmp/exit-<state>-360.png.

The exit site is answered by a route (nothing leaves the machine), so the test can wait for the tab to be
there instead of sleeping.
"""

from __future__ import annotations

import pytest

PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}
COMPUTER = {"viewport": {"width": 1280, "height": 800}}
SIZES = {"360": PHONE, "1280": COMPUTER}
EXIT_URL = "https://www.weather.gov/"


@pytest.fixture(scope="module")
def site(built_site, serve_dir):
    return serve_dir(built_site)


def answer_exit_site(page):
    page.context.route(
        f"{EXIT_URL}**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>Weather</title><p>Weather</p>"
        ),
    )


def click_first_visible(page, *selectors):
    """The header's menu and search open from buttons when JavaScript runs, from Material's labels without."""
    for selector in selectors:
        if page.locator(selector).is_visible():
            page.click(selector)
            return
    raise AssertionError(f"none of {selectors} is visible")


MENU = (".md-header .ccci-menu-button", ".md-header label[for=__drawer]")


def open_menu(page):
    click_first_visible(page, *MENU)
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    # The drawer slides in (0.25 s): wait until it stands still.
    page.wait_for_function("""() => new Promise(done => {
        const nav = document.querySelector('.md-sidebar--primary'), x = nav.getBoundingClientRect().x;
        requestAnimationFrame(() => requestAnimationFrame(() => done(nav.getBoundingClientRect().x === x && x >= 0)));
    })""")


def has_search_overlay(page) -> bool:
    """Material's search box, which opens over the page (the site may drop it for the finder: issue 10)."""
    return page.locator(".md-search__input").count() > 0


def open_search(page):
    if not has_search_overlay(page):
        # The site's one search is the finder (issue 10): the header's search control is a plain link, so no
        # search state can cover the exit. Check that, then test the exit as the page is.
        link = page.locator(".md-header a.ccci-find-link")
        assert link.count() == 1 and link.evaluate("a => a.href").endswith("/find/")
        return
    click_first_visible(page, ".md-header .ccci-search-button", ".md-header__button[for=__search]", ".md-search__input")
    page.wait_for_function("() => document.getElementById('__search').checked")
    page.keyboard.type("shelter")
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta') && "
        "/\\d|No matching/.test(document.querySelector('.md-search-result__meta').textContent)"
    )


def open_filter(page):
    page.wait_for_function("() => window.ccciFinder && window.ccciFinder.ready")
    page.click("#f-more summary")
    page.select_option("#f-need", "housing")
    page.focus("#f-region")
    page.evaluate("document.getElementById('f-more').scrollIntoView()")


STATES = {"plain": lambda page: None, "menu": open_menu, "search": open_search, "filter": open_filter}


def exit_centre(page) -> tuple[float, float]:
    box = page.locator("#ccci-exit").bounding_box()
    assert box, "the exit button is not on screen"
    width = page.viewport_size["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["y"] >= 0, box
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("state", STATES)
def test_one_tap_on_exit_leaves_in_every_state(site, page_factory, state, size):
    page = page_factory(**SIZES[size])
    answer_exit_site(page)
    page.goto(f"{site}/find/")
    if state == "menu" and size == "1280":
        # The navigation is always shown beside the page at this width: there is no menu to open.
        assert not any(page.locator(m).is_visible() for m in MENU)
        return
    STATES[state](page)
    x, y = exit_centre(page)
    top = page.evaluate(
        "([x, y]) => { const e = document.elementFromPoint(x, y); "
        "return e && e.closest('#ccci-exit') ? 'exit' : e && e.outerHTML.slice(0, 120); }",
        [x, y],
    )
    if size == "360":
        page.screenshot(path=f"/tmp/exit-{state}-360.png")
    assert top == "exit", f"{state} at {size} px: the exit is covered by {top}"
    if size == "360":
        page.touchscreen.tap(x, y)  # a finger: touch events, then the click
    else:
        page.mouse.click(x, y)
    page.wait_for_url(EXIT_URL)
    assert page.title() == "Weather"


def test_a_select_list_open_on_a_phone_does_not_block_the_exit(site, page_factory):
    """An open <select> (its own list of choices): one tap on the exit still leaves."""
    page = page_factory(**PHONE)
    answer_exit_site(page)
    page.goto(f"{site}/find/")
    open_filter(page)
    page.focus("#f-need")
    page.keyboard.press("Alt+ArrowDown")  # opens the list of choices
    x, y = exit_centre(page)
    page.touchscreen.tap(x, y)
    page.wait_for_url(EXIT_URL)


@pytest.mark.parametrize("size", SIZES)
def test_shift_three_times_leaves_with_the_menu_or_search_open(site, page_factory, size):
    page = page_factory(**SIZES[size])
    answer_exit_site(page)
    page.goto(f"{site}/hotlines/")
    if has_search_overlay(page):
        open_search(page)
    elif size == "360":
        open_menu(page)
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)


@pytest.fixture(scope="module")
def framing_site(tmp_path_factory, serve_dir, site):
    """Another site (another port) that shows this site's pages in a frame."""
    root = tmp_path_factory.mktemp("framing-site")
    (root / "index.html").write_text(
        "<!doctype html><title>Someone else's site</title><h1 id=outer>Someone else's site</h1>"
        f'<iframe id=f src="{site}/hotlines/" width=1000 height=600></iframe>',
        encoding="utf-8",
    )
    return serve_dir(root)


def framed_page(page_factory, framing_site):
    page = page_factory(**COMPUTER)
    answer_exit_site(page)
    page.goto(f"{framing_site}/")
    frame = page.frame_locator("#f")
    frame.locator("#ccci-exit").wait_for()
    return page, frame


def test_inside_a_frame_the_page_hides_itself_and_offers_the_real_page(site, page_factory, framing_site):
    page, frame = framed_page(page_factory, framing_site)
    assert frame.locator(".ccci-framed-note").is_visible()
    assert not frame.locator(".md-content").is_visible()
    assert frame.locator("#ccci-framed-link").get_attribute("target") == "_top"
    assert frame.locator("#ccci-framed-link").evaluate("a => a.href") == f"{site}/hotlines/"
    # Not framed: no note, the page shows.
    own = page_factory(**COMPUTER)
    own.goto(f"{site}/hotlines/")
    assert not own.locator(".ccci-framed-note").is_visible() and own.locator(".md-content").is_visible()


def test_inside_a_frame_the_exit_takes_the_whole_tab_away(page_factory, framing_site):
    page, frame = framed_page(page_factory, framing_site)
    frame.locator("#ccci-exit").click()
    page.wait_for_url(EXIT_URL)
    assert page.title() == "Weather"


def test_inside_a_frame_shift_three_times_takes_the_whole_tab_away(page_factory, framing_site):
    page, frame = framed_page(page_factory, framing_site)
    frame.locator(".ccci-framed-note").click()  # the person is in the framed page
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)


def test_inside_a_frame_without_javascript_the_exit_link_still_leaves_the_whole_tab(page_factory, framing_site, site):
    page = page_factory(js=False, **COMPUTER)
    answer_exit_site(page)
    page.goto(f"{framing_site}/")
    frame = page.frame_locator("#f")
    assert frame.locator("#ccci-exit").get_attribute("target") == "_top"
    frame.locator("#ccci-exit").click()
    page.wait_for_url(EXIT_URL)


def test_one_name_for_the_exit_and_no_shift_promise_without_javascript(site, page_factory):
    page = page_factory(js=False, **COMPUTER)
    page.goto(f"{site}/")
    banner = page.inner_text(".ccci-banner")
    assert "Exit this page" in banner and "Shift" not in banner
    assert page.inner_text("#ccci-exit").strip() == "Exit this page"
    assert "Exit this page" in page.inner_text(".ccci-skip-exit")
    page = page_factory(**COMPUTER)
    page.goto(f"{site}/")
    banner = page.inner_text(".ccci-banner")
    assert "Exit this page" in banner and "press Shift 3 times" in banner


@pytest.mark.parametrize("path", ["", "org/idaho-anti-trafficking-coalition/", "rights/protection-orders/"])
def test_with_the_menu_open_one_tap_leaves_on_other_pages_too(site, page_factory, path):
    page = page_factory(**PHONE)
    answer_exit_site(page)
    page.goto(f"{site}/{path}")
    open_menu(page)
    x, y = exit_centre(page)
    page.touchscreen.tap(x, y)
    page.wait_for_url(EXIT_URL)


# --- the Spanish edition (issue 13): the same exit, in Spanish ---------------------------------------------


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", ["es/", "es/find/", "es/org/idaho-anti-trafficking-coalition/"])
def test_on_spanish_pages_one_tap_on_salir_leaves(site, page_factory, path, size):
    page = page_factory(**SIZES[size])
    answer_exit_site(page)
    page.goto(f"{site}/{path}")
    assert page.get_attribute("html", "lang") == "es"
    assert page.inner_text("#ccci-exit").strip() == "Salir de esta página"
    x, y = exit_centre(page)
    if size == "360":
        page.touchscreen.tap(x, y)
    else:
        page.mouse.click(x, y)
    page.wait_for_url(EXIT_URL)
    assert page.title() == "Weather"


def test_on_a_spanish_page_shift_three_times_leaves_and_speaks_spanish(site, page_factory):
    page = page_factory(**COMPUTER)
    answer_exit_site(page)
    page.goto(f"{site}/es/hotlines/")
    banner = page.inner_text(".ccci-banner")
    assert "Salir de esta página" in banner and "Shift (Mayús) 3 veces" in banner
    page.keyboard.press("Shift")
    page.wait_for_function("() => /2 veces más/.test(document.getElementById('ccci-exit-status').textContent)")
    page.keyboard.press("Shift")
    page.wait_for_function("() => /1 vez más/.test(document.getElementById('ccci-exit-status').textContent)")
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)


def test_on_a_spanish_page_without_javascript_the_exit_is_a_link_that_leaves(site, page_factory):
    page = page_factory(js=False, **COMPUTER)
    answer_exit_site(page)
    page.goto(f"{site}/es/")
    banner = page.inner_text(".ccci-banner")
    assert "Salir de esta página" in banner and "Shift" not in banner
    page.click("#ccci-exit")
    page.wait_for_url(EXIT_URL)
