"""A Markdown extension: every table sits in a scroll box a keyboard can reach (WCAG 2.1.1; axe's
scrollable-region-focusable). Material's JavaScript bundle used to wrap tables; the site does not load it.

The box is Material's own (`md-typeset__scrollwrap` > `md-typeset__table`), so the theme's CSS applies; it has
tabindex="0", role="region" and a name ("Table: <its first heading cell>"), so a keyboard can scroll a wide
table and a screen reader says what it is. mkdocs.yml: `- generator.site.tables` (option `label`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, INLINE_PLACEHOLDER_RE


class _WrapTables(Treeprocessor):
    def __init__(self, md: Markdown, label: str) -> None:
        super().__init__(md)
        self.label = label

    def run(self, root: ET.Element) -> None:
        for parent in list(root.iter()):
            for i, child in enumerate(list(parent)):
                if child.tag != "table":
                    continue
                first = child.find(".//th")
                text = "".join(first.itertext()) if first is not None else ""
                # raw HTML and inline markup are placeholders here; they never reach an attribute
                text = INLINE_PLACEHOLDER_RE.sub(" ", HTML_PLACEHOLDER_RE.sub(" ", text))
                name = " ".join(text.split())
                outer = ET.Element("div", {"class": "md-typeset__scrollwrap", "tabindex": "0", "role": "region",
                                           "aria-label": f"{self.label}: {name}" if name else self.label})
                inner = ET.SubElement(outer, "div", {"class": "md-typeset__table"})
                outer.tail, child.tail = child.tail, None
                parent.remove(child)
                inner.append(child)
                parent.insert(i, outer)


class TablesExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"label": ["Table", "the name a screen reader gives each table's scroll box"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_WrapTables(md, str(self.getConfig("label"))), "ccci_tables", 5)


def makeExtension(**kwargs: Any) -> TablesExtension:  # noqa: N802 (Python-Markdown's name)
    return TablesExtension(**kwargs)
