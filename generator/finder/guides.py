"""The hand-written guides (docs/), cut at their headings, for the finder: the site's one search also finds the
section of a guide that answers the words ("compensation deadline" -> "The rules" of the money guide,
"vacatur" -> the record-clearing guide).

Each section: {"u": link from the finder page (with the heading's anchor), "t": page title, "h": heading,
"s": stems of the heading, its parent headings and the page title, "w": stems of its text, "gh"/"gw": the
synonym groups with a phrase in the headings / the text}. Stems are lunr's (generator/finder/text.py, which stems
like lunr.js). Matching (here for tests and bench, finder.js: guideHits): every query word must be in the section
(itself, a one-word phrase of its synonym group, or a group the section holds a phrase of: "restraining order"
finds the protection-order guide, whose text says "protection order"); the word in the headings counts 3, a
synonym there 2, the word in the text 1, a synonym there 0.5."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markdown.extensions.toc import slugify, unique

from generator.finder.text import Synonyms, query_groups, query_terms, stem, stems_of, without_fillers

GUIDE_DIRS = ("rights", "safety")  # the guides; about, privacy and the data reference are not answers to needs
HEADING = re.compile(r"^(#{1,3})\s+(.*?)\s*(?:\{\s*#([\w-]+)[^}]*\})?\s*$")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
TWIN = re.compile(r"\.[a-z]{2}\.md$")  # docs/rights/money.es.md: the Spanish twin of money.md
TEXT_WORDS = 160  # words of a section's text kept for matching


def _plain(line: str) -> str:
    return re.sub(r"[*_`>|]", " ", LINK.sub(r"\1", line))


def guide_sections(
    root: Path, synonyms: Synonyms, directory_urls: bool = True, language: str = "en"
) -> list[dict[str, Any]]:
    """The guides' sections. A guide's translation is its twin `<page>.<lang>.md` (mkdocs-static-i18n's layout):
    the English finder skips the twins; another language's finder reads the twin where there is one, at the
    same relative address (its finder page and the guides are both under /<lang>/)."""
    stop = synonyms.stop
    from generator.finder.page import link_from_finder

    out: list[dict[str, Any]] = []
    docs = Path(root) / "docs"
    files = (
        sorted(p for d in GUIDE_DIRS for p in (docs / d).glob("*.md") if not TWIN.search(p.name))
        if docs.is_dir()
        else []
    )
    for english in files:
        rel = english.relative_to(docs).as_posix()
        twin = english.with_name(english.name.removesuffix(".md") + f".{language}.md")
        path = twin if language != "en" and twin.is_file() else english
        href = link_from_finder(rel, directory_urls)
        title, parents = "", ["", "", ""]
        ids: set[str] = set()
        current: dict[str, Any] | None = None
        words: list[str] = []
        in_front = False
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if n == 0 and line.strip() == "---":
                in_front = True
                continue
            if in_front:
                in_front = line.strip() != "---"
                continue
            m = HEADING.match(line)
            if m:
                level, text = len(m.group(1)), m.group(2).strip()
                anchor = unique(m.group(3) or slugify(text, "-"), ids)
                if level == 1:
                    title = text
                    continue
                if current is not None:
                    current["words"] = words
                parents[level - 1] = text
                heading_words = " ".join([title, *parents[1 : level - 1], text])
                current = {"u": f"{href}#{anchor}", "t": title, "h": text, "heading": heading_words}
                out.append(current)
                words = []
                if text.lower() in ("sources", "fuentes"):
                    current["skip"] = True
                continue
            if current is not None and len(words) < TEXT_WORDS:
                words += _plain(line).split()
        if current is not None:
            current["words"] = words
    sections = []
    for sec in out:
        if sec.get("skip"):
            continue
        body = " ".join(sec.get("words", [])[:TEXT_WORDS])
        heading = sorted(set(stems_of(sec["heading"], stop)))
        text = sorted(set(stems_of(body, stop)) - set(heading))
        in_heading = synonyms.groups_in(sec["heading"])
        in_text = sorted(set(synonyms.groups_in(body)) - set(in_heading))
        sections.append(
            {"u": sec["u"], "t": sec["t"], "h": sec["h"], "s": heading, "w": text, "gh": in_heading, "gw": in_text}
        )
    return sections


def guide_hits(docs: Mapping[str, Any], text: str, limit: int = 3) -> list[dict[str, Any]]:
    """The sections that hold every word of the query, best first (finder.js: guideHits)."""
    stop, filler = docs.get("w") or [[], []]
    terms = query_terms(text, stop)
    terms, groups = without_fillers(terms, query_groups(docs.get("y", []), terms), filler)
    if not terms:
        return []
    wanted = []
    for term, gs in zip(terms, groups, strict=True):
        own = stem(term)
        wanted.append((own, {p[0] for g in gs for p in docs["y"][g] if len(p) == 1} - {own}, set(gs)))
    scored = []
    for i, sec in enumerate(docs.get("g", [])):
        heading, body, score = set(sec["s"]), set(sec["w"]), 0.0
        in_heading, in_text = set(sec.get("gh", ())), set(sec.get("gw", ()))
        # the word itself in a heading 3, a synonym there 2; in the text 1, a synonym there 0.5
        for own, synonyms, its_groups in wanted:
            if own in heading:
                score += 3
            elif synonyms & heading or its_groups & in_heading:
                score += 2
            elif own in body:
                score += 1
            elif synonyms & body or its_groups & in_text:
                score += 0.5
            else:
                score = -1
                break
        if score > 0:
            scored.append((-score, i, sec))
    return [sec for _s, _i, sec in sorted(scored, key=lambda x: x[:2])[:limit]]
