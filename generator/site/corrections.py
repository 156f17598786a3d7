"""The about page's "Report a mistake" words, from the site's settings: it never promises a tracker that is not set.

docs/about.md holds the marker below; the MkDocs plugin (and `ccci pages`) put in the text that fits the
corrections URL (mkdocs.yml `corrections_url`, or derived from the repository: generator/site/settings.py).
"""

from __future__ import annotations

from html import escape

from generator.present import strings

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


def section(url: str, language: str = "en") -> str:
    if language != "en":  # another language's words, from the strings table (present/strings.py)
        tr = strings.translator(language)
        if not url:
            return tr("corrections.without_tracker")
        return (f"{tr('corrections.with_tracker', url=escape(url, quote=True))}\n\n"
                f"!!! warning \"{tr('corrections.warning_title')}\"\n\n    {tr('corrections.warning')}")
    return WITH_TRACKER.format(url=escape(url, quote=True)) if url else WITHOUT_TRACKER


def fill(markdown: str, url: str, language: str = "en") -> str:
    """The page with the marker replaced (pages without it are returned as they are)."""
    return markdown.replace(MARKER, section(url, language)) if MARKER in markdown else markdown
