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


# What Material's templates write for its JavaScript bundle, which these pages do not load (theme main.html): the
# markers its scripts look pages up by, the empty dialog they fill, the hidden sidebar of a page with no table of
# contents, and the generator tag. No stylesheet rule and no script of the site reads them (tests/test_minify.py
# checks the CSS and JS the site ships). About 0.7 KB of every page: 14 MB at 10,000 records in two languages.
_DEAD = re.compile(
    r' data-md-component="(?:skip|announce|container|main|sidebar|content|header|header-title|logo|toc)"'
    r'| data-md-type="(?:navigation|toc)"| data-md-scrollfix'
    r'|<meta name="generator" content="[^"<>\n]*">\n'
    r'|<div class="md-dialog" data-md-component="dialog">\n<div class="md-dialog__inner md-typeset"></div>\n</div>\n'
    r'|<div class="md-sidebar md-sidebar--secondary" data-md-component="sidebar" data-md-type="toc" hidden>\n'
    r'<div class="md-sidebar__scrollwrap">\n<div class="md-sidebar__inner">\n</div>\n</div>\n</div>\n'
)


def trim_theme(page: str, content: str) -> str:
    """A squeezed page (squeeze_html) without what only Material's JavaScript bundle reads (_DEAD), around its
    `content` (the HTML of its Markdown, squeezed), which is never touched: a guide may quote the theme's markup.
    A page whose content is not found in it is left as it is. It looks and works the same."""
    start = page.find(content) if content else -1
    if start < 0:
        return page if content else _DEAD.sub("", page)
    end = start + len(content)
    return _DEAD.sub("", page[:start]) + content + _DEAD.sub("", page[end:])
