"""JavaScript and HTML as the site ships them. JavaScript is minified by rjsmin (whitespace and comments out;
strings, regular expressions and code untouched). Comments that start /*! (licences, e.g. lunr.js's) stay.
The readable source is in the repository: generator/finder/static/src/ and site_templates/theme/assets/ccci/."""

from __future__ import annotations

import re

import rjsmin  # type: ignore[import-untyped]


def minify_js(source: str) -> str:
    return str(rjsmin.jsmin(source, keep_bang_comments=True)) + "\n"


_WS_RUN = re.compile(r"\n\s+")
_KEEP_OPEN = re.compile(r"<(pre|textarea)\b", re.I)
_KEEP_CLOSE = {tag: re.compile(rf"</{tag}\s*>", re.I) for tag in ("pre", "textarea")}


def squeeze_html(page: str) -> str:
    """The page with each run of whitespace that holds a line break shortened to one line break (issue 15:
    the theme's indentation is about a seventh of every page). A browser shows such a run as one space, or
    nothing between block elements, so the page looks and reads the same; <pre> and <textarea>, where
    whitespace shows, are kept as they are (to the end of the page if one is never closed)."""
    out, pos = [], 0
    while keep := _KEEP_OPEN.search(page, pos):
        close = _KEEP_CLOSE[keep.group(1).lower()].search(page, keep.end())
        end = close.end() if close else len(page)
        out += [_WS_RUN.sub("\n", page[pos : keep.start()]), page[keep.start() : end]]
        pos = end
    out.append(_WS_RUN.sub("\n", page[pos:]))
    return "".join(out)
