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
    """A squeezed page (squeeze_html) without what only Material's JavaScript bundle reads (_DEAD), and with the
    theme's icons written once (share_icons), around its `content` (the HTML of its Markdown, squeezed), which is
    never touched: a guide may quote the theme's markup. A page whose content is not found in it is left as it
    is. It looks and works the same."""
    start = page.find(content) if content else -1
    if start < 0:
        return page if content else share_icons(_DEAD.sub("", page))
    end = start + len(content)
    if ICON_ID in content:  # (an id of the content could clash with the icons' ids: they stay as they are)
        return _DEAD.sub("", page[:start]) + content + _DEAD.sub("", page[end:])
    return share_icons(_DEAD.sub("", page[:start])) + content + _DEAD.sub("", page[end:])


# Material's icons as its templates write them: an inline <svg> with its namespace and one path. In an HTML page
# the namespace is implied (the parser puts <svg> in it). The logo and the menu icon are each written twice (the
# header and the menu's title); the second is drawn from the first (<use>, in the same page: no request).
_ICON = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="([^"<>]*)"/></svg>')
ICON_ID = "ccci-icon-"


def share_icons(html: str) -> str:
    """`html` (a part of a page without its content) with each theme icon's namespace left out, and an icon
    written again drawn from the first one (its path gets an id): ~0.35 KB a page, 7.2 MiB of the 10,000-record
    site in two languages (scripts/bench_build.py)."""
    drawn: dict[str, str] = {}  # path -> its id, once a second copy needs it
    firsts: dict[str, int] = {}  # path -> the index (in `out`) of its first <svg>

    out: list[str] = []
    pos = 0
    for m in _ICON.finditer(html):
        out.append(html[pos : m.start()])
        path = m.group(1)
        if path not in firsts:
            firsts[path] = len(out)
            out.append(f'<svg viewBox="0 0 24 24"><path d="{path}"/></svg>')
        else:
            ref = drawn.setdefault(path, f"{ICON_ID}{len(drawn) + 1}")
            out.append(f'<svg viewBox="0 0 24 24"><use href="#{ref}"/></svg>')
        pos = m.end()
    out.append(html[pos:])
    for path, ref in drawn.items():
        out[firsts[path]] = f'<svg viewBox="0 0 24 24"><path id="{ref}" d="{path}"/></svg>'
    return "".join(out)
