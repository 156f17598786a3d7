"""The finder page (site_templates/finder/page.md.j2): every string of data/search/strings.yaml and of the
taxonomy is hostile, so the template escapes each one (autoescape), and the Markdown lines take no markup."""

from __future__ import annotations

import html
import json
import re
import shutil

import yaml

from generator.finder.produce import produce
from generator.records.dataset import load_dataset
from tests.helpers import REPO, make_project

FIXTURES = REPO / "tests" / "fixtures"

EVIL = "<img src=x onerror=alert(1)> \"quoted\" 'single' & {{ 7*7 }} [x](javascript:alert(1)) *em*"


def hostile_project(tmp_path):
    root = make_project(tmp_path / "p", FIXTURES / "valid")
    shutil.copytree(REPO / "data" / "search", root / "data" / "search")
    strings_path = root / "data" / "search" / "strings.yaml"
    strings = yaml.safe_load(strings_path.read_text(encoding="utf-8"))
    for key in (
        "title",
        "intro",
        "search_label",
        "search_hint",
        "any_need",
        "free_label",
        "who_hint",
        "share",
        "noscript",
        "browse_all_places",
        "loading",
        "clear",
        "no_listing",
    ):
        strings["en"][key] = f"{key} {EVIL}"
    strings_path.write_text(yaml.safe_dump(strings, allow_unicode=True), encoding="utf-8")
    areas_path = root / "data" / "taxonomy" / "service_areas.yaml"
    areas = yaml.safe_load(areas_path.read_text(encoding="utf-8"))
    areas["service_areas"][0]["name"] = f"area {EVIL}"
    areas_path.write_text(yaml.safe_dump(areas, allow_unicode=True), encoding="utf-8")
    return root


def test_hostile_strings_are_escaped_everywhere_on_the_page(tmp_path):
    page = produce(load_dataset(hostile_project(tmp_path)), {}).pages["find/index.md"]
    # (the result documents ride in the page as JSON with every "<" escaped: tests/test_search.py)
    page = re.sub(r'<script type="application/json" id="f-docs">.*?</script>', "", page, flags=re.S)
    assert "<img" not in page and '"quoted"' not in page and "'single'" not in page  # no markup, no attribute ends
    assert "{{ 7*7 }}" in page  # shown as it is written, never rendered as a template
    front, body = page.split("\n---\n", 1)
    assert front.splitlines()[:2] == ["---", "search:"] and front.splitlines()[-1] == "ccci: finder"
    heading = re.search(r"^# (.*)$", body, flags=re.M).group(1)
    assert html.unescape(heading) == f"title {EVIL}"
    assert not re.search(r"[\[\]*()<>\"'&]", heading.replace("&#", ""))  # Markdown sees no punctuation
    for key in ("search_label", "search_hint", "noscript", "browse_all_places", "clear", "share"):
        assert html.escape(f"{key} {EVIL}").replace("&#x27;", "&#39;").replace("&quot;", "&#34;") in page, key
    # the type-of-help filter and the browse links: the taxonomy name, escaped, with the no-listing note
    assert html.unescape(page).count(f"area {EVIL} (no_listing {EVIL})") == 2
    # the JS strings ride in one attribute; html.unescape gives back the very text
    attr = re.search(r'data-strings="([^"]*)"', page).group(1)
    assert json.loads(html.unescape(attr))["loading"] == f"loading {EVIL}"
