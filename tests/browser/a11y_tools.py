"""Shared parts of the accessibility tests beyond axe (issue 12): the served site, and checks run in the page.

`site_root_for(request)` is the real site (the session's `built_site`, one build shared with test_site.py). Set
CCCI_TEST_SITE_DIR=/path/to/built/site to run these tests against a site built before (for example the site
of an older commit, to see a test fail there).
"""

from __future__ import annotations

import os
from pathlib import Path

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
EXIT_URL = "https://www.weather.gov/"

# What the focused element looks like to a sighted keyboard user: null when nothing has focus, otherwise its
# description and the problems found (empty list: it is visible, on screen and on top at its centre).
FOCUS_CHECK = """async () => {
  // First let the page's transitions end (a skip link fades in, a drawer slides): what counts is where they
  // leave the element.
  const finite = document.getAnimations().filter(a => a.effect && a.effect.getComputedTiming().endTime < 5000);
  await Promise.all(finite.map(a => a.finished.catch(() => null)));
  await new Promise(requestAnimationFrame);
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const r = e.getBoundingClientRect();
  const describe = (e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '') +
    ' "' + (e.getAttribute('aria-label') || e.innerText || e.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40) +
    '"');
  const problems = [];
  if (r.width < 1 || r.height < 1) problems.push('has no size (' + r.width + 'x' + r.height + ')');
  for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
    const cs = getComputedStyle(n);
    if (cs.visibility !== 'visible' && n === e) problems.push('visibility ' + cs.visibility);
    if (cs.display === 'none') problems.push('inside display:none');
    if (parseFloat(cs.opacity) < 0.1) problems.push('opacity ' + cs.opacity + ' on ' + n.tagName);
  }
  // A link that wraps onto two lines has a box per line: the centre of one of them must show the element.
  const boxes = [...e.getClientRects()].filter(b => b.width >= 1 && b.height >= 1);
  const centres = (boxes.length ? boxes : [r]).map(b => [b.left + b.width / 2, b.top + b.height / 2]);
  const onScreen = centres.filter(([x, y]) => x >= 0 && y >= 0 && x <= innerWidth && y <= innerHeight);
  if (!onScreen.length) {
    problems.push('off screen at ' + centres.map(c => c.map(Math.round).join(',')).join(' '));
  } else {
    const hits = onScreen.map(([x, y]) => document.elementFromPoint(x, y));
    if (!hits.some(hit => hit && (hit === e || e.contains(hit) || hit.contains(e)))) {  // (an ancestor: nothing on top)
      const hit = hits[0];
      const what = hit ? hit.tagName.toLowerCase() + (typeof hit.className === 'string' && hit.className ?
        '.' + hit.className.trim().split(/\\s+/).join('.') : '') : 'nothing';
      problems.push('covered by ' + what);
    }
  }
  return {what: describe, problems: problems, top: r.top, bottom: r.bottom};
}"""

# True when `a` comes before `b` in the document (the Tab order of a page without positive tabindex).
DOM_ORDER = """([a, b]) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)"""


def site_root_for(request) -> Path:
    """The site to test: CCCI_TEST_SITE_DIR, or the session's `built_site` (built once, shared)."""
    given = os.environ.get("CCCI_TEST_SITE_DIR")
    if given:
        return Path(given)
    return request.getfixturevalue("built_site")


def all_pages(root: Path) -> list[str]:
    """Every page of the built site as a URL path ("" for the home page, "404.html" for the error page)."""
    out = []
    for f in sorted(root.rglob("*.html")):
        rel = f.relative_to(root).as_posix()
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


def tab(page, shift: bool = False) -> dict | None:
    page.keyboard.press("Shift+Tab" if shift else "Tab")
    return page.evaluate(FOCUS_CHECK)


def fake_exit_site(context) -> None:
    """The quick exit goes to a real third-party site, which cannot resolve here: answer it with a blank page."""
    context.route(
        EXIT_URL + "**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>Weather</title><p>Weather"
        ),
    )
