"""Reflow (WCAG 1.4.10): at 320 CSS pixels wide (a 1280 px screen at 400% zoom) no page of the built site
scrolls sideways. Every built page is checked, in one browser page, with the finder showing its results."""

from __future__ import annotations

import pytest

from tests.browser.a11y_tools import all_pages

# The widest element that sticks out past the right edge, to say what to fix.
OVERFLOW = """() => {
  const doc = document.documentElement, width = doc.clientWidth;
  if (doc.scrollWidth <= width) return null;
  let worst = null;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 0.5) continue;
    let clipped = false;  // inside a box that scrolls or clips on its own: not page overflow
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o !== 'visible') { clipped = true; break; }
    }
    if (clipped) continue;
    if (!worst || r.right > worst.right) {
      worst = {right: Math.round(r.right), what: el.tagName.toLowerCase() +
        (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
        ' "' + (el.innerText || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"'};
    }
  }
  return {scrollWidth: doc.scrollWidth, width: width, worst: worst};
}"""


@pytest.mark.timeout(600)
def test_no_page_scrolls_sideways_at_320_px(site_root, site_url, page_factory):
    pages = all_pages(site_root)
    assert len(pages) > 50, pages
    # Without JavaScript a page loads in a fraction of the time; the finder, drawn by JavaScript, is checked
    # with it (its results are most of its width).
    plain = page_factory(js=False, viewport={"width": 320, "height": 640})
    finder = page_factory(viewport={"width": 320, "height": 640})
    wide = []
    for path in pages:
        page = finder if path == "find/" else plain
        page.goto(f"{site_url}/{path}", wait_until="load")
        if page is finder:
            page.wait_for_function("() => window.ccciFinder && window.ccciFinder.ready")
        found = page.evaluate(OVERFLOW)
        if found:
            wide.append(f"{path or '/'}: {found['scrollWidth']} px wide, e.g. {found['worst']}")
    assert not wide, f"{len(wide)} of {len(pages)} pages scroll sideways at 320 px:\n" + "\n".join(wide)
