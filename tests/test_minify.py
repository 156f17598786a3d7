"""present/minify.squeeze_html (issue 15): the theme's indentation goes; text where whitespace shows stays."""

from __future__ import annotations

from generator.present.minify import squeeze_html


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
