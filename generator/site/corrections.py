"""The about page's "Report a mistake" words, from the site's settings: it never promises a tracker that is not set.

docs/about.md holds the marker below; the MkDocs plugin (and `ccci pages`) put in the text that fits the
corrections URL (mkdocs.yml `corrections_url`, or derived from the repository: generator/site/settings.py).
"""

from __future__ import annotations

from html import escape

MARKER = "<!-- ccci:report-a-mistake -->"

WITH_TRACKER = """\
Each listing has a "Report a correction" link. You can also [report a correction here]({url}). It opens the
project's public issue tracker on another website. There, you can say what needs to change.

!!! warning "Do not share personal details"

    The issue tracker is public. Anyone can read it. Do not write your name, your story, or anything about a
    person who uses a program. Only write about the listing."""

WITHOUT_TRACKER = """\
This copy of the site has no way to report a mistake online yet. Please tell the group that runs it, or call the
program to check. Do not share your name, your story, or anything about a person who uses a program."""


def section(url: str) -> str:
    return WITH_TRACKER.format(url=escape(url, quote=True)) if url else WITHOUT_TRACKER


def fill(markdown: str, url: str) -> str:
    """The page with the marker replaced (pages without it are returned as they are)."""
    return markdown.replace(MARKER, section(url)) if MARKER in markdown else markdown
