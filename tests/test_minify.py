"""present/minify (issue 15): squeeze_html (the theme's indentation goes; text where whitespace shows stays) and
trim_theme (what only Material's JavaScript bundle reads goes; the site ships no script or style that reads it)."""

from __future__ import annotations

import re
from pathlib import Path

import material

from generator.present.minify import squeeze_html, trim_theme
from tests.helpers import REPO


def test_a_run_of_whitespace_with_a_line_break_becomes_one_line_break():
    page = "<ul>\n    <li>\n        <a href=x>One</a>\n    </li>\n\n\n    <li>Two words</li>\n</ul>\n"
    assert squeeze_html(page) == "<ul>\n<li>\n<a href=x>One</a>\n</li>\n<li>Two words</li>\n</ul>\n"


def test_spaces_without_a_line_break_are_kept():
    page = "<p>Call  <b>208</b> now</p>"
    assert squeeze_html(page) == page


def test_pre_and_textarea_keep_their_whitespace_whatever_the_case():
    pre = "<pre><code>make test\n    indented\n\n  more</code></pre>"
    area = '<TEXTAREA name="x">a\n    b</TEXTAREA >'
    page = f"<div>\n    {pre}\n    <p>\n      x</p>\n  {area}\n</div>"
    assert squeeze_html(page) == f"<div>\n{pre}\n<p>\nx</p>\n{area}\n</div>"


def test_an_unclosed_pre_is_left_as_it_is_from_where_it_opens():
    page = "<div>\n    <pre>a\n    b"
    assert squeeze_html(page) == "<div>\n<pre>a\n    b"


SIDEBAR = (
    '<div class="md-sidebar md-sidebar--secondary" data-md-component="sidebar" data-md-type="toc" hidden>\n'
    '<div class="md-sidebar__scrollwrap">\n<div class="md-sidebar__inner">\n</div>\n</div>\n</div>\n'
)


def test_trim_theme_drops_the_bundle_markers_and_keeps_what_css_reads_and_the_content():
    content = '<p>The theme writes <code>data-md-component="logo"</code> and <div data-md-component="toc">.</p>\n'
    page = (
        '<meta charset="utf-8">\n<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">\n'
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">\n'
        '<div data-md-component="skip">\n<a href="#x" class="md-skip">Skip</a>\n</div>\n'
        '<div class="md-header__topic" data-md-component="header-topic">\n'
        '<div class="md-sidebar md-sidebar--primary" data-md-component="sidebar" data-md-type="navigation" >\n'
        '<nav class="md-nav" data-md-level="0"><ul class="md-nav__list" data-md-scrollfix>\n'
        + SIDEBAR
        + '<article class="md-content__inner md-typeset">\n'
        + content
        + '</article>\n<div class="md-dialog" data-md-component="dialog">\n'
        '<div class="md-dialog__inner md-typeset"></div>\n</div>\n'
    )
    trimmed = (
        '<meta charset="utf-8">\n'
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">\n'
        '<div>\n<a href="#x" class="md-skip">Skip</a>\n</div>\n'
        '<div class="md-header__topic" data-md-component="header-topic">\n'
        '<div class="md-sidebar md-sidebar--primary" >\n'
        '<nav class="md-nav" data-md-level="0"><ul class="md-nav__list">\n'
        '<article class="md-content__inner md-typeset">\n' + content + "</article>\n"
    )
    assert trim_theme(page, content) == trimmed
    assert trim_theme(trimmed, content) == trimmed
    # a page its content is not found in is left as it is; a page with no content is trimmed whole
    assert trim_theme(page, "<p>another page</p>") == page
    assert trim_theme(page.replace(content, ""), "") == trimmed.replace(content, "")


def test_a_sidebar_that_holds_a_table_of_contents_is_kept():
    full = SIDEBAR.replace("hidden>", ">").replace('__inner">\n', '__inner">\n<nav class="md-nav">x</nav>\n')
    kept = trim_theme(full, "")
    assert kept.startswith('<div class="md-sidebar md-sidebar--secondary" >') and '<nav class="md-nav">x</nav>' in kept


def test_no_style_or_script_the_site_ships_reads_what_trim_theme_drops():
    """Material's stylesheet (the one main.html links), our CSS and every script the pages load."""
    material_css = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.css"))
    assert material_css
    ours = [p for p in (REPO / "site_templates").rglob("*") if p.suffix in (".css", ".js")]
    ours += [p for p in (REPO / "generator" / "finder" / "static").rglob("*") if p.suffix in (".css", ".js")]
    assert len(ours) > 3
    read = re.compile(r"data-md-component|data-md-type=[\"']?(?:navigation|toc)|data-md-scrollfix|md-dialog")
    for path in material_css + ours:
        text = path.read_text(encoding="utf-8")
        found = set(read.findall(text))
        if path in material_css:  # it styles the dialog, which is only there for the bundle to fill
            found.discard("md-dialog")
        assert not found, (path, found)


NS = 'xmlns="http://www.w3.org/2000/svg" '
LOGO, MENU = "M12 8a3 3 0 0 0 3-3", "M3 6h18v2H3z"


def icon(path: str) -> str:
    return f'<svg {NS}viewBox="0 0 24 24"><path d="{path}"/></svg>'


def test_an_icon_written_twice_is_drawn_from_the_first_and_the_content_is_not_touched():
    content = f"<p>A guide quoting an icon: {icon(MENU)}</p>\n"
    page = (
        f'<a class="md-logo">{icon(LOGO)}</a>\n<label>{icon(MENU)}</label>\n<button>{icon(MENU)}</button>\n'
        f'<nav><a class="md-logo">{icon(LOGO)}</a></nav>\n<article>{content}</article>\n<footer>{icon(LOGO)}</footer>'
    )
    out = trim_theme(page, content)
    before, after = out.split(content)
    assert before == (
        f'<a class="md-logo"><svg viewBox="0 0 24 24"><path id="ccci-icon-2" d="{LOGO}"/></svg></a>\n'
        f'<label><svg viewBox="0 0 24 24"><path id="ccci-icon-1" d="{MENU}"/></svg></label>\n'
        '<button><svg viewBox="0 0 24 24"><use href="#ccci-icon-1"/></svg></button>\n'
        '<nav><a class="md-logo"><svg viewBox="0 0 24 24"><use href="#ccci-icon-2"/></svg></a></nav>\n<article>'
    )
    assert after == f"</article>\n<footer>{icon(LOGO)}</footer>"  # after the content: left as it is
    assert trim_theme(out, content) == out  # once is enough


def test_icons_are_left_as_they_are_when_the_content_could_hold_their_ids():
    content = '<h2 id="ccci-icon-1">A heading</h2>\n'
    page = f"<header>{icon(MENU)}{icon(MENU)}</header>\n{content}"
    assert trim_theme(page, content) == page
