"""The language switch in the header (partials/header.html): one link, named in the other language, that opens the
same page in that language in one tap, with or without JavaScript. On the narrowest phones it shares the header
with the menu, the finder link and the exit: each is whole on screen, none covers another, and each is at least
24 x 24 CSS px (WCAG 2.2, 2.5.8). Screenshots of the header: /tmp/lang-switch-<width>-<language>.png."""

from __future__ import annotations

import pytest

WIDTHS = (320, 360, 1280)
PAGES = (
    ("/org/1in6/", "/es/org/1in6/", "Español"),
    ("/es/org/1in6/", "/org/1in6/", "English"),
    ("/", "/es/", "Español"),
)
HEADER_PARTS = (".ccci-menu-button", ".ccci-lang-link", ".ccci-find-link", "#ccci-exit")


@pytest.fixture(scope="module")
def site(built_site, serve_dir):
    return serve_dir(built_site)


def boxes(page) -> dict[str, dict[str, float]]:
    out = {}
    for selector in HEADER_PARTS:
        loc = page.locator(f".md-header {selector}")
        if loc.is_visible():
            out[selector] = loc.bounding_box()
    return out


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("path", "twin", "name"), PAGES)
def test_one_tap_on_the_switch_opens_the_same_page_in_the_other_language(site, page_factory, width, path, twin, name):
    page = page_factory(js=True, viewport={"width": width, "height": 740}, has_touch=width < 1000)
    page.goto(site + path)
    switch = page.locator(".md-header .ccci-lang-link")
    assert switch.count() == 1 and switch.is_visible()
    assert switch.inner_text().strip() == name
    found = boxes(page)
    if width < 1000:
        assert ".ccci-menu-button" in found, "the menu button is not shown on a phone"
    assert {".ccci-lang-link", ".ccci-find-link", "#ccci-exit"} <= set(found), sorted(found)
    for selector, box in found.items():
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{selector} is not whole on screen: {box}"
        assert box["width"] >= 24 and box["height"] >= 24, f"{selector} is smaller than 24 x 24: {box}"
    names = sorted(found)
    for i, one in enumerate(names):
        for other in names[i + 1 :]:
            assert not overlap(found[one], found[other]), f"{one} and {other} overlap at {width} px"
    page.screenshot(
        path=f"/tmp/lang-switch-{width}-{path.strip('/').replace('/', '-') or 'home'}.png",
        clip={"x": 0, "y": 0, "width": width, "height": 160},
    )
    lang = "es" if twin.startswith("/es/") else "en"
    assert switch.get_attribute("lang") == lang and switch.get_attribute("hreflang") == lang
    (page.tap if width < 1000 else page.click)(".md-header .ccci-lang-link")
    page.wait_for_url(f"**{twin}")
    assert page.locator("html").get_attribute("lang") == lang


def test_without_javascript_the_switch_is_a_plain_link(site, page_factory):
    page = page_factory(js=False, viewport={"width": 360, "height": 740})
    page.goto(site + "/es/org/1in6/")
    page.click(".md-header .ccci-lang-link")
    page.wait_for_url("**/org/1in6/")
    assert page.locator("html").get_attribute("lang") == "en"
