"""Issue 13's journeys in Spanish on a 360x740 phone, in the real built site: from the Spanish home page (/es/), in
at most three interactions, a person who reads no English reaches a fitting listing's phone link on screen (or
the right section of a Spanish guide), and no English interface string shows on the way (record names kept in
English are marked lang="en" and allowed; i18n/scan_english.py decides what is visible English)."""

from __future__ import annotations

import pytest

# journey_site: the project plus a fictional U-visa lawyer near Twin Falls (a fixture of test_journeys)
from tests.browser.test_journeys import PHONE, READY, journey_site, phone_on_screen  # noqa: F401
from tests.test_i18n_site import english_on, scan


@pytest.fixture(scope="module")
def needles(table_es) -> dict[str, str]:
    return scan.needles(table_es)


@pytest.fixture(scope="module")
def table_es():
    import yaml

    from tests.test_i18n_site import STRINGS

    return yaml.safe_load(STRINGS.read_text(encoding="utf-8"))["strings"]


@pytest.fixture
def casa(journey_site, serve_dir, page_factory):  # noqa: F811 (the imported fixture)
    base = serve_dir(journey_site)

    def go():
        page = page_factory(js=True, viewport=PHONE)
        page.goto(f"{base}/es/")
        return page

    return go


def no_english(page, needles: dict[str, str]) -> None:
    found = english_on(page.content(), needles)
    assert not found, f"English interface strings on {page.url}: {sorted(found)}"


def buscar(page, what: str, near: str, needles: dict[str, str]) -> int:
    """Type into the Spanish home page's fields and press Buscar; returns the interactions used."""
    assert page.locator("html").get_attribute("lang") == "es"
    no_english(page, needles)
    page.fill("#home-what", what)
    used = 1
    if near:
        page.fill("#home-near", near)
        used += 1
    page.click(".ccci-home-search__go")
    page.wait_for_url("**/es/find/**")
    page.wait_for_function(READY)
    return used + 1


def test_una_cama_esta_noche_cerca_de_boise(casa, needles):
    page = casa()
    used = buscar(page, "una cama esta noche", "Boise", needles)
    phone_on_screen(page, "Women's and Children's Alliance")
    assert page.locator("html").get_attribute("lang") == "es"
    no_english(page, needles)
    assert used <= 3


def test_abogado_de_visa_u_cerca_de_twin_falls(casa, needles):
    page = casa()
    used = buscar(page, "abogado de visa u", "Twin Falls", needles)
    assert phone_on_screen(page, "Example Magic Valley Immigration Law") == "tel:+12085550199"
    no_english(page, needles)
    assert used <= 3


def test_como_pedir_compensacion_para_victimas(casa, needles):
    page = casa()
    used = buscar(page, "cómo pedir compensación para víctimas", "", needles)
    guide = page.locator("#f-guides a", has_text="ompensación").first
    guide.wait_for()
    no_english(page, needles)
    guide.click()
    used += 1
    page.wait_for_url("**/es/rights/money/**")
    heading = page.locator(f"[id='{page.url.split('#', 1)[1]}']")
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"], box
    assert "ompensación" in heading.inner_text() or "pedir" in heading.inner_text().lower()
    assert page.locator("html").get_attribute("lang") == "es"
    no_english(page, needles)
    assert used <= 3
