"""Program pages' Markdown written as HTML without Python-Markdown, their front matter read without YAML (issue 15).

A program page's Markdown (site_templates/pages/org.md.j2), once rawhtml.stash has taken out its raw HTML
blocks, is only headings (`## words { #id }`, the words escaped by render.md_text: every ASCII punctuation mark a
character reference, English record text in `<span lang="en">`) and placeholder paragraphs. For that much,
Python-Markdown with the toc and attr_list extensions is slow (a new parser per page: ~2 ms, 20,000 pages at
10,000 records) and its output is known: each heading as `<hN id="...">words</hN>` (the id written, else the
toc extension's slug of the words, made unique), each placeholder as `<p>...</p>`, one per line; and the table of
contents the toc extension would give. `convert` writes that, or returns None for anything else, which then goes
to Python-Markdown as before. The plugin checks the first program page of each build both ways and uses this only
when they agree (generator/plugin/pages.py `ProgramPage`); tests check hostile names against Python-Markdown.
Pure: no MkDocs import (markdown's own toc helpers, so the slugs are the toc extension's).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markdown.extensions.toc import nest_toc_tokens, strip_tags, unique

_BLANK = re.compile(r"\n(?:[ \t]*\n)+")
_UNSAFE_ID = re.compile(r'[&<>"\s]')
_HEADING = re.compile(r"(#{1,6}) +(\S.*?)(?: \{ #([A-Za-z][A-Za-z0-9_-]*) \})?")
# What a heading's words may hold and still need nothing from Python-Markdown: text without ASCII punctuation
# (md_text wrote each mark as a character reference), the spans of strings.mark_english, and the few marks of its
# note ("(in English)").
_WORDS = re.compile(r'(?:[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]|[ (),.:]|&#[0-9]{1,7};'
                    r'|<span lang="en">|<span class="ccci-en-note">|</span>)+')


@dataclass(frozen=True)
class Converted:
    html: str
    toc: list[dict[str, Any]]  # the toc extension's nested tokens
    title: str | None  # the first block's words when it is an <h1> (what MkDocs takes as the rendered title)
    ids: frozenset[str]  # every id in the HTML


_FRONT = re.compile(r"---\n((?:[a-z_]+: [^\n]*\n)+)---\n")


def front_matter(source: str) -> tuple[str, dict[str, Any]] | None:
    """(Markdown, meta) as MkDocs reads a page whose front matter site/render.py `front_matter` wrote (JSON values,
    one a line), without a YAML parser; None for any other front matter, or a value YAML might read otherwise."""
    m = _FRONT.match(source)
    if m is None:
        return None
    meta: dict[str, Any] = {}
    for line in m.group(1).splitlines():
        key, _, value = line.partition(": ")
        if "\\U" in value or key in _YAML_WORDS:
            return None
        try:
            meta[key] = json.loads(value)
        except ValueError:
            return None
        if not _plain(meta[key]):
            return None
    return source[m.end() :].lstrip("\n"), meta


_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def _plain(value: Any) -> bool:
    """Strings, booleans, and lists and string-keyed objects of them: what JSON and YAML read the same way."""
    if isinstance(value, list):
        return all(_plain(x) for x in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and k.isidentifier() and _plain(x) for k, x in value.items())
    return isinstance(value, (str, bool))


def convert(markdown: str, placeholder: re.Pattern[str], slugify: Callable[[str, str], str],
            separator: str = "-") -> Converted | None:
    """What Python-Markdown would give for `markdown`, or None if it holds anything but headings and placeholder
    paragraphs (each one line, blank lines between)."""
    blocks = [b for b in _BLANK.split(markdown.strip("\n")) if b.strip()]
    found: list[tuple[int, str, str | None] | str] = []
    for block in blocks:
        if placeholder.fullmatch(block):
            found.append(block)
            continue
        m = _HEADING.fullmatch(block)
        if m is None or not _WORDS.fullmatch(m.group(2).rstrip()):
            return None
        found.append((len(m.group(1)), m.group(2).rstrip(), m.group(3)))
    used = {x[2] for x in found if isinstance(x, tuple) and x[2]}  # ids written in the page come first
    out: list[str] = []
    tokens: list[dict[str, Any]] = []
    for x in found:
        if isinstance(x, str):
            out.append(f"<p>{x}</p>")
            continue
        level, words, written = x
        name = strip_tags(words)
        anchor = written or unique(slugify(html.unescape(name), separator), used)
        if _UNSAFE_ID.search(anchor):  # a toc slugify that keeps such characters: Python-Markdown escapes them
            return None
        out.append(f'<h{level} id="{anchor}">{words}</h{level}>')
        tokens.append({"level": level, "id": anchor, "name": name, "html": words, "data-toc-label": ""})
    first = found[0] if found else None
    title = tokens[0]["name"] if isinstance(first, tuple) and first[0] == 1 else None
    ids = frozenset(t["id"] for t in tokens)
    return Converted("\n".join(out), nest_toc_tokens(tokens), title, ids)  # (nest_toc_tokens empties `tokens`)


class Check:
    """One build's use of `convert`: the first program page that `convert` can write is rendered by
    Python-Markdown as well, and `convert` is trusted for the rest of the build only if both came out the same.
    Not enabled: never trusted (CCCI_FULL_PAGES=1, for tests that compare both ways)."""

    def __init__(self, key: str, toc_config: dict[str, Any] | None, enabled: bool = True) -> None:
        from markdown.extensions.toc import slugify

        self.placeholder = re.compile(re.escape(key) + r"[0-9]+z")
        config = toc_config or {}
        self.slugify: Callable[[str, str], str] = config.get("slugify") or slugify
        self.separator = str(config.get("separator", "-"))
        self.trusted: bool | None = None if enabled else False
        self.meta_trusted: bool | None = None if enabled else False  # front_matter, checked the same way

    def convert(self, markdown: str) -> Converted | None:
        return None if self.trusted is False else convert(markdown, self.placeholder, self.slugify, self.separator)

    def compare_meta(self, got: tuple[str, dict[str, Any]], read: tuple[str, dict[str, Any]]) -> None:
        if self.meta_trusted is None:
            self.meta_trusted = got == read

    def compare(self, got: Converted, rendered: tuple[Any, ...]) -> None:
        """After the first page: `rendered` is (HTML, toc as `toc_list` gives it, title, ids) from
        Python-Markdown."""
        if self.trusted is None:
            self.trusted = rendered == (got.html, toc_list(got.toc), got.title, got.ids)


def toc_list(toc: Any) -> list[tuple[Any, ...]]:
    """A table of contents as nested (level, id, title, children) tuples, from the toc tokens (dicts) or MkDocs'
    AnchorLinks."""
    out = []
    for item in toc:
        if isinstance(item, dict):
            out.append((item["level"], item["id"], item["name"], tuple(toc_list(item["children"]))))
        else:
            out.append((item.level, item.id, item.title, tuple(toc_list(item.children))))
    return out
