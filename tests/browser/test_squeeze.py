"""The built pages come without the theme's indentation (present/minify.squeeze_html, issue 15). Put it back,
and more, in a real browser: each page must look and read exactly the same, pixel for pixel and word for word.
The pages cover each kind, both languages, and the maintainers' guide with its <pre> blocks."""

from __future__ import annotations

import re

import pytest

PAGES = [
    "",
    "org/idaho-anti-trafficking-coalition/",
    "es/org/idaho-anti-trafficking-coalition/",
    "hotlines/",
    "housing/",
    "rights/",
    "counties/ada/",
    "contributing/",
    "find/",
]
_KEEP = re.compile(r"(<(?:pre|textarea)\b.*?</(?:pre|textarea)\s*>)", re.S | re.I)


def spread(page: str) -> str:
    """The page with every line break outside <pre> and <textarea> turned into a blank line and indentation."""
    parts = _KEEP.split(page)
    return "".join(p if i % 2 else p.replace("\n", "\n    \n      ") for i, p in enumerate(parts))


def look(page, url: str) -> tuple[bytes, str]:
    page.goto(url)
    return page.screenshot(full_page=True), page.evaluate("document.body.innerText")


@pytest.mark.timeout(300)
@pytest.mark.parametrize("path", PAGES)
def test_a_page_looks_and_reads_the_same_with_the_indentation_put_back(path, site_root, site_url, page_factory):
    file = site_root / path / "index.html"
    built = file.read_text(encoding="utf-8")
    assert "\n  " not in _KEEP.sub("", built), f"{path}: the built page still holds indentation"
    page = page_factory(js=False, viewport={"width": 1024, "height": 768})
    url = f"{site_url}/{path}"
    shot, text = look(page, url)
    page.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=spread(built)))
    shot_spread, text_spread = look(page, url)
    assert text_spread == text, f"{path}: the words differ once the indentation is back"
    assert shot_spread == shot, f"{path}: the page looks different once the indentation is back"
