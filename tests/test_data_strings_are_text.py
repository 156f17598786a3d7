"""Strings from data/taxonomy/*.yaml and data/search/*.yaml are shown as text, never as Markdown or HTML.

A hostile name, description or finder string is planted in every one of those files of a fixture project; the
real site build must show it literally: no link, no tag, no emphasis or code made from it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from tests.sitebuild import SITE_FIXTURES, build, copy_project

HOSTILE = " *e1x*[k](https://ev.il/)<i>b2x</i>`c3x`"  # short: names are at most 100 characters
_FIELDS = {"name", "description", "title", "intro"}


def _plant(value: Any, key: str = "", everything: bool = False) -> Any:
    if isinstance(value, dict):
        return {k: _plant(v, str(k), everything) for k, v in value.items()}
    if isinstance(value, list):
        return [_plant(v, key, everything) for v in value]
    if isinstance(value, str) and (everything or key in _FIELDS):
        return value + HOSTILE
    return value


def _rewrite(path: Path, everything: bool = False) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(
        yaml.safe_dump(_plant(data, everything=everything), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def test_taxonomy_and_search_strings_are_rendered_as_text(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", SITE_FIXTURES / "small")
    for path in sorted((root / "data" / "taxonomy").glob("*.yaml")):
        _rewrite(path)
    _rewrite(root / "data" / "search" / "strings.yaml", everything=True)
    site = tmp_path / "site"
    result = build(root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    seen = 0
    bad: list[str] = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        seen += "e1x" in text
        for pattern in (r'href="https://ev\.il', r"<i>b2x", r"<em>e1x", r"<code>c3x"):
            if re.search(pattern, text):
                bad.append(f"{page.relative_to(site)}: {pattern}")
    assert seen > 10, "the planted strings must be on the pages"
    assert bad == []
