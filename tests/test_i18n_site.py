"""The Spanish edition in the real build (issue 13): every page has its twin in the other language, the language
switch and the hreflang links go to that twin, <html lang> is right, and no interface string of the strings table
(i18n/es/strings.yaml) shows in English on a Spanish page. Record text with no Spanish is allowed in English when it
is marked lang="en"; record text with Spanish is shown in Spanish.

The English-string check is i18n/scan_english.py's: each `en` of a row (split at its {placeholders}; pieces long
enough not to match by chance, and not also part of the row's Spanish) searched in the visible text and the
aria-label/title/placeholder/alt of each /es/ page, outside elements with lang="en", scripts and a record's list of
sources (titles of English documents).
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO
from tests.sitebuild import html_pages, parse, resolve

STRINGS = REPO / "i18n" / "es" / "strings.yaml"


def _scanner():
    spec = importlib.util.spec_from_file_location("scan_english", REPO / "i18n" / "scan_english.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scan = _scanner()


@pytest.fixture(scope="module")
def table() -> dict:
    return yaml.safe_load(STRINGS.read_text(encoding="utf-8"))["strings"]


def english_on(html: str, wanted: dict[str, str]) -> set[str]:
    parser = scan.VisibleText()
    parser.feed(html)
    text = re.sub(r"\s+", " ", " ".join(parser.out))
    return {key for piece, key in wanted.items() if piece in text}


# --- the check itself can fail ------------------------------------------------------------------------------


def test_the_english_check_finds_english_and_allows_text_marked_english(table) -> None:
    wanted = scan.needles(table)
    assert english_on('<p><a id="ccci-exit">Exit this page</a></p>', wanted) == {"header.exit"}
    assert english_on('<nav aria-label="Contents of this page"></nav>', wanted) == {"toc.in_menu"}
    assert english_on('<p lang="en">Exit this page</p><p>Salir de esta página</p>', wanted) == set()
    assert english_on("<script>var x = 'Exit this page';</script>", wanted) == set()
    # a row whose English is also in its Spanish (a name) cannot be told apart, so it is not searched
    assert english_on("<p>Idaho 211 CareLine</p>", wanted) == set()


# --- the built site -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


def _pages(site: Path) -> tuple[set[str], set[str]]:
    english, spanish = set(), set()
    for path in html_pages(site):
        rel = path.relative_to(site).as_posix()
        (spanish if rel.startswith("es/") else english).add(rel.removeprefix("es/"))
    return english, spanish


def test_every_page_has_its_twin_in_the_other_language(site: Path, record_property) -> None:
    english, spanish = _pages(site)
    record_property("english_pages", len(english))
    record_property("spanish_pages", len(spanish))
    assert english, "no English pages were built"
    assert not english - spanish, f"English pages without a Spanish twin: {sorted(english - spanish)[:20]}"
    assert not spanish - english, f"Spanish pages without an English twin: {sorted(spanish - english)[:20]}"
    assert "404.html" in spanish, "no Spanish 404 page at es/404.html"


def test_lang_hreflang_and_the_language_switch_go_to_the_same_page(site: Path) -> None:
    english, _ = _pages(site)
    bad: list[str] = []
    for rel in sorted(english - {"404.html"}):
        for lang, page in (("en", site / rel), ("es", site / "es" / rel)):
            twin = {"en": site / "es" / rel, "es": site / rel}[lang]
            want = {lang: page.resolve(), {"en": "es", "es": "en"}[lang]: twin.resolve()}
            doc = parse(page)
            html_tag = next((a for tag, a in doc.elements if tag == "html"), {})
            if html_tag.get("lang") != lang:
                bad.append(f"{page.relative_to(site)}: <html lang={html_tag.get('lang')!r}>, not {lang!r}")
            alternates = {
                a.get("hreflang"): a.get("href")
                for tag, a in doc.elements
                if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang")
            }
            # The switch in the header: one link, to the twin, named in its language (lang= for screen readers).
            switch = {
                a.get("hreflang"): a.get("href")
                for tag, a in doc.elements
                if tag == "a" and "ccci-lang-link" in (a.get("class") or "").split() and a.get("hreflang")
            }
            other = {"en": "es", "es": "en"}[lang]
            langs = [
                a.get("lang") for tag, a in doc.elements if tag == "a" and "ccci-lang-link" in (a.get("class") or "")
            ]
            if set(switch) != {other} or langs != [other]:
                bad.append(
                    f"{page.relative_to(site)}: language switch {switch} (lang={langs}), not one link to {other}"
                )
            for name, links, codes in (("hreflang link", alternates, want), ("language switch", switch, [other])):
                for code in codes:
                    target = want[code]
                    href = links.get(code)
                    found = resolve(site, page, href) if href else None
                    if found is None or found[0] != target:
                        bad.append(
                            f"{page.relative_to(site)}: {name} for {code} is {href!r}, "
                            f"not the page's twin {target.relative_to(site.resolve())}"
                        )
    assert not bad, f"{len(bad)} problems, the first ones:\n" + "\n".join(bad[:25])


def test_each_404_page_switches_to_the_other_languages_home(site: Path) -> None:
    """The 404 page has no page of its own: its switch and hreflang links go to each language's home page (the
    Spanish 404 used to link to the Data page, the last page the i18n plugin had handled)."""
    for lang, page in (("en", site / "404.html"), ("es", site / "es" / "404.html")):
        doc = parse(page)
        alternates = {
            a.get("hreflang"): a.get("href")
            for tag, a in doc.elements
            if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang")
        }
        switch = [a.get("href") for tag, a in doc.elements if tag == "a" and "ccci-lang-link" in (a.get("class") or "")]
        assert alternates == {"en": "/", "es": "/es/"}, (page, alternates)
        assert switch == [{"en": "/es/", "es": "/"}[lang]], (page, switch)


def test_no_english_interface_string_on_a_spanish_page(site: Path, table, record_property) -> None:
    wanted = scan.needles(table)
    found: dict[str, set[str]] = {}
    for path in sorted((site / "es").rglob("*.html")):
        hits = english_on(path.read_text(encoding="utf-8"), wanted)
        if hits:
            found[path.relative_to(site).as_posix()] = hits
    keys = set().union(*found.values()) if found else set()
    record_property("spanish_pages_with_english", len(found))
    record_property("english_strings_found", len(keys))
    lines = [
        f"{page}: " + ", ".join(f"{k} ({table[k]['en'][:40]!r})" for k in sorted(hits))
        for page, hits in list(found.items())[:25]
    ]
    assert not found, (
        f"English interface strings on {len(found)} Spanish pages ({len(keys)} strings): put them "
        "through t() and i18n/es/strings.yaml:\n" + "\n".join(lines)
    )


def _org_with_spanish() -> tuple[str, dict]:
    for path in sorted((REPO / "data" / "organizations").glob("*.yaml")):
        org = yaml.safe_load(path.read_text(encoding="utf-8"))
        if (
            isinstance(org, dict)
            and isinstance(org.get("es"), dict)
            and org["es"].get("description")
            and not org.get("retired")
            and org.get("services")
        ):
            return org["id"], org
    pytest.skip("no record has Spanish text yet")


def _squash(text: str) -> str:
    import html

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def test_a_spanish_page_shows_the_records_spanish_text_and_marks_english_text(site: Path) -> None:
    oid, org = _org_with_spanish()
    spanish = (site / "es" / "org" / oid / "index.html").read_text(encoding="utf-8")
    english = (site / "org" / oid / "index.html").read_text(encoding="utf-8")
    first = lambda text: " ".join(text.split())[:60]  # noqa: E731 - the opening words of a text
    assert first(org["es"]["description"]) in _squash(spanish), "the Spanish description is not on the Spanish page"
    assert first(org["es"]["description"]) not in _squash(english), "Spanish text on the English page"
    assert first(org["description"]) in _squash(english)
    # English record text that remains on the Spanish page is inside lang="en", and said to be English
    parser = scan.VisibleText()
    parser.feed(spanish)
    visible = " ".join(" ".join(parser.out).split())
    assert first(org["description"]) not in visible, "the English description shows unmarked on the Spanish page"
    marked = re.findall(r'<span lang="en">([^<]*)</span>( <span class="ccci-en-note">\(en inglés\)</span>)?', spanish)
    name_es = (org.get("es") or {}).get("name")
    if not name_es:  # the program's name stays English (what a person hears on the phone), marked as English
        assert any(_squash(m[0]) == _squash(org["name"]) for m in marked), "the English name is not lang=en"
    assert not re.search(r'\slang="en"', english.split("<body", 1)[1]), "the English page marks its text English"


def test_a_programs_schema_org_data_is_on_its_english_page_only(site: Path) -> None:
    """One JSON-LD block per English program page, with the program's name; none on its Spanish twin (issue 15)."""
    english = sorted((site / "org").glob("*/index.html"))
    assert len(english) > 50
    for page in english:
        twin = site / "es" / page.relative_to(site)
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"))
        assert len(blocks) == 1 and json.loads(blocks[0])["@type"] == "Organization", page
        assert "application/ld+json" not in twin.read_text(encoding="utf-8"), twin


def test_mkdocs_nav_translations_come_from_the_strings_table(table) -> None:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Lenient)  # noqa: S506
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    es = next(lang for lang in i18n["languages"] if lang["locale"] == "es")
    nav = {row["en"]: row["es"] for key, row in table.items() if key.startswith("nav.")}
    assert es["nav_translations"] == nav
    assert es["site_name"] == table["site.name"]["es"]
    assert es["site_description"] == table["site.description"]["es"]


class _Lenient(yaml.SafeLoader):
    pass


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def test_the_404_switch_is_under_the_path_of_site_url() -> None:
    """A site served under a sub-path (site_url https://example.test/ccci/): the 404 page's links keep the path."""
    from types import SimpleNamespace

    from generator.plugin import CcciPlugin

    plugin = CcciPlugin()
    plugin.default_lang = "en"
    for site_url, homes in (
        ("https://example.test/ccci/", ["/ccci/", "/ccci/es/"]),
        ("https://example.test", ["/", "/es/"]),
        (None, ["/", "/es/"]),
    ):
        stale = [{"lang": "en", "link": "data/"}, {"lang": "es", "link": "es/data/"}]
        config = SimpleNamespace(extra=SimpleNamespace(alternate=stale), site_url=site_url)
        plugin.on_template_context({}, template_name="404.html", config=config)
        assert [alt["link"] for alt in stale] == homes, site_url
    kept = [{"lang": "en", "link": "x/"}]
    plugin.on_template_context(
        {}, template_name="sitemap.xml", config=SimpleNamespace(extra=SimpleNamespace(alternate=kept), site_url=None)
    )
    assert kept == [{"lang": "en", "link": "x/"}]
