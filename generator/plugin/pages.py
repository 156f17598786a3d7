"""The MkDocs adapter's page-level parts (generator/plugin/__init__.py is the plugin): program pages read and
written by site/direct.py (`ProgramPage`), the theme's scripts minified, a program page's frame key, and the
Spanish table of contents' English items."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any, cast

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

from generator.present.minify import minify_js
from generator.site import direct


class ProgramPage(Page):
    """A program page: its Markdown written as HTML and its front matter read by site/direct.py, without a
    Python-Markdown parser or YAML per page, once this build's first such page came out the same both ways."""

    check: direct.Check

    def read_source(self, config: Any) -> None:
        source = config.plugins.on_page_read_source(page=self, config=config)
        source = self.file.content_string if source is None else source
        got = direct.front_matter(source)
        if got is not None and self.check.meta_trusted:
            self.markdown, self.meta = got
            return
        self.markdown, self.meta = get_data(source)
        if got is not None:
            self.check.compare_meta(got, (self.markdown, self.meta))

    def render(self, config: Any, files: Files) -> None:
        got = self.check.convert(self.markdown or "")
        if got is not None and self.check.trusted:
            self.content, self._title_from_render = got.html, got.title
            self.toc = get_toc(cast(Any, got.toc))  # the toc extension's tokens, as MkDocs gets them
            self.present_anchor_ids = set(got.ids)
            return
        super().render(config, files)
        if got is not None:
            self.check.compare(
                got,
                (
                    self.content,
                    direct.toc_list(self.toc),
                    self._title_from_render,
                    frozenset(self.present_anchor_ids or ()),
                ),
            )


PROGRAMS = "org/"  # where the program pages are (site/pages.py org_page)
THEME_JS = ("assets/ccci/ccci.js",)  # the theme's own scripts, loaded on every page


def minify_theme_js(files: Files, config: Any) -> None:
    """The theme's scripts go out minified (the readable source stays in site_templates/theme/)."""
    for path in THEME_JS:
        source = files.get_file_from_path(path)
        if source is None or not source.abs_src_path or not os.path.isfile(source.abs_src_path):
            continue
        text = Path(source.abs_src_path).read_text(encoding="utf-8")
        files.remove(source)
        files.append(File.generated(config, path, content=minify_js(text)))


_EN_SPAN = re.compile(r'<span lang="en">(.*?)</span>', re.S)


def frame_key(page: Any) -> tuple[str, str, str]:
    """(record id, the link to the first heading, title): what sets one program page's frame apart."""
    first = next(iter(page.toc or ()), None)
    return (Path(page.file.src_uri).stem, str(getattr(first, "url", "") or ""), str(page.title or ""))


def mark_english_toc(toc: Any, content: str) -> None:
    """A heading that is English record text (a service's name with no Spanish yet) is marked lang="en" in the
    page, but the table of contents repeats its words as plain text: give those items `ccci_en` (the English
    words) and `ccci_rest` (the note after them), which partials/toc-item.html marks up the same way."""
    english = {" ".join(html.unescape(m).split()) for m in _EN_SPAN.findall(content)}
    english.discard("")

    def walk(items: Any) -> None:
        for item in items:
            title = " ".join(html.unescape(re.sub(r"<[^>]+>", "", str(item.title))).split())
            for words in sorted(english, key=len, reverse=True):
                if title.startswith(words):
                    item.ccci_en, item.ccci_rest = words, title[len(words) :]
                    break
            walk(item.children)

    walk(toc)
