"""axe-core (WCAG 2.0/2.1/2.2 A and AA) on one page of every kind and on the finder in each of its states, at
360 and 1280 px, in the light scheme, with prefers-color-scheme: dark and with forced colours (issue 12).
One browser page per screen and colour setting goes through all the pages, to keep the run short."""

from __future__ import annotations

import pytest

from tests.browser.a11y_tools import DESKTOP, PHONE
from tests.browser.test_site import PAGES

# The Spanish edition (issue 13): its home, a program page, the finder, the hotlines and its 404 page.
SPANISH = ["es/", "es/org/idaho-anti-trafficking-coalition/", "es/find/", "es/hotlines/", "es/404.html"]
KINDS = [*PAGES, "find/", "rights/money/", *SPANISH]
MEDIA = {
    "light": {"color_scheme": "light"},
    "dark": {"color_scheme": "dark"},
    "forced": {"forced_colors": "active"},
}
READY = "() => window.ccciFinder && window.ccciFinder.ready && window.ccciFinder.searchReady"


def finder_states(page, base, every_filter=True):
    """Each state of the finder, as (name, function that puts the page in it). With every_filter=False one
    filter stands for all six (in dark and forced colours, where the colours are what changes)."""

    def fresh():
        page.goto(f"{base}/find/")
        page.wait_for_function(READY)

    def typed():
        fresh()
        page.fill("#f-q", "shelter")
        page.wait_for_function("() => /match/.test(document.getElementById('f-status').textContent)")

    def filter_open(select):
        def go():
            fresh()
            page.click("#f-more summary")
            page.focus(select)
            page.keyboard.press("ArrowDown")
            page.keyboard.press("Tab")

        return go

    def near():
        fresh()
        page.fill("#f-near", "83702")
        page.wait_for_function("() => window.ccciFinder.rows().length && window.ccciFinder.rows()[0].km !== null")

    def more():
        fresh()
        if page.is_visible("#f-more-results"):
            page.click("#f-more-results")

    def nothing():
        fresh()
        page.fill("#f-q", "xyzzyplugh")
        page.wait_for_function("() => window.ccciFinder.rows().length === 0")

    states = [("typed", typed), ("near me", near), ("show more", more), ("no results", nothing)]
    filters = ("#f-need", "#f-sub", "#f-region", "#f-county", "#f-who", "#f-lang") if every_filter else ("#f-county",)
    states += [(f"filter {s}", filter_open(s)) for s in filters]
    return states


@pytest.mark.timeout(600)
@pytest.mark.parametrize("media", list(MEDIA), ids=list(MEDIA))
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_axe_on_every_kind_of_page_and_finder_state(
    site_url, page_factory, run_axe, format_violations, viewport, media
):
    page = page_factory(viewport=viewport, **MEDIA[media])
    page.route("**/search/search_index.json", lambda route: route.abort())  # not needed by any check here
    problems = []
    for path in KINDS:
        page.goto(f"{site_url}/{path}")
        if path.endswith("find/"):
            page.wait_for_function(READY)
        found = run_axe(page)
        if found:
            problems.append(format_violations(found))
    if viewport is PHONE:  # the menu open, on a page whose section opens in it
        page.goto(f"{site_url}/rights/")
        page.locator("header").get_by_role("button", name="Menu").click()
        page.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
        found = run_axe(page)
        if found:
            problems.append("menu open: " + format_violations(found))
    for name, go in finder_states(page, site_url, every_filter=media == "light"):
        go()
        found = run_axe(page)
        if found:
            problems.append(f"finder, {name}: " + format_violations(found))
    assert not problems, "\n".join(problems)
