"""Program pages without Python-Markdown and YAML (generator/site/direct.py, issue 15): for any name a record can
hold, in either language, `convert` gives what MkDocs' own Page.render gives (HTML, table of contents, title, ids),
and `front_matter` what MkDocs' front matter reader gives."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from generator.present import strings
from generator.site import direct, rawhtml
from generator.site.render import ORG_META, front_matter, md_text
from tests.helpers import REPO

CONFIG = load_config(str(REPO / "mkdocs.yml"))
KEY = rawhtml.new_key()
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=24) | st.sampled_from(
    [
        "Día & Noche <b>",
        "*Refugio* _seguro_",
        "A [link](x)",
        "# hash",
        "1. list",
        "> quote",
        "a  b",
        "😀 Help",
        "Services",
        "services",
        "How to reach them",
        "   ",
        "&amp; &#44;",
        "\\escaped",
        "`code`",
        "{ #id }",
    ]
)


def marked(name: str, english: int) -> str:
    """A name as a Spanish page holds record text that has no Spanish yet (0: not marked)."""
    return [name, f"{strings.EN_NAME}{name}{strings.EN_END}", f"{strings.EN_START}{name}{strings.EN_END}"][english]


def program_markdown(title: str, services: list[tuple[str, int]], english: int) -> str:
    """A program page's Markdown shaped as site_templates/pages/org.md.j2 writes it, raw blocks already stashed."""
    parts = [
        f"# {md_text(marked(title, english))}",
        f"{KEY}0z",
        "## How to reach them { #how-to-reach-them }",
        f"{KEY}1z",
        "## Services { #services }",
    ]
    for n, (name, mark) in enumerate(services, start=2):
        parts += [f"### {md_text(marked(name, mark))}", f"{KEY}{n}z"]
    parts += ["## About this listing { #about-this-listing }", f"{KEY}{len(services) + 2}z"]
    return strings.mark_english("\n\n".join(parts) + "\n", "(en inglés)")


def mkdocs_render(markdown: str) -> tuple[object, ...]:
    file = File("org/x.md", src_dir=None, dest_dir=CONFIG.site_dir, use_directory_urls=True)
    page = Page(None, file, CONFIG)
    page.markdown = markdown
    page.render(CONFIG, Files([file]))
    return (page.content, direct.toc_list(page.toc), page._title_from_render, frozenset(page.present_anchor_ids or ()))


@FAST
@given(names, st.lists(st.tuples(names, st.integers(0, 2)), max_size=4), st.integers(0, 2))
def test_convert_writes_what_mkdocs_renders(title, services, english):
    markdown = program_markdown(title, services, english)
    check = direct.Check(KEY, CONFIG.mdx_configs.get("toc"))
    got = check.convert(markdown)
    names = [title, *(name for name, _ in services)]
    if all(md_text(n).strip() and strings.strip_marks(n) == n for n in names):  # (marks are ours, never a name's)
        assert got is not None  # every page the templates write, with a name in each heading
    if got is not None:
        assert (got.html, direct.toc_list(got.toc), got.title, got.ids) == mkdocs_render(markdown)


def test_convert_leaves_anything_else_to_python_markdown():
    placeholder = re.compile(f"{KEY}[0-9]+z")
    check = direct.Check(KEY, CONFIG.mdx_configs.get("toc"))
    for text in (
        "# Title\n\nA paragraph\n",
        "# Title\nsecond line\n",
        "# *Title*\n",
        "#Title\n",
        "Title\n=====\n",
        "# Title { .class }\n",
        "    # code\n",
        "# [a](b)\n",
    ):
        assert direct.convert(text, placeholder, check.slugify) is None, text
    assert check.convert("# Title\n") is not None
    # a toc slugify that keeps quotes (mkdocs.yml may name one): the id would need escaping, which is left to
    # Python-Markdown
    hostile = "# " + md_text('x" onmouseover="alert(1)') + "\n"
    assert direct.convert(hostile, placeholder, lambda value, separator: value) is None
    assert direct.convert(hostile, placeholder, check.slugify) is not None
    check.trusted = False  # not checked out: always left to Python-Markdown
    assert check.convert("# Title\n") is None


@FAST
@given(names, st.sampled_from(["org", "list"]))
def test_front_matter_reads_as_mkdocs_reads_it(title, kind):
    source = front_matter(title or "x", **ORG_META, ccci=kind) + "# Body\n\ntext\n"
    got = direct.front_matter(source)
    if all(ord(ch) <= 0xFFFF for ch in title):
        assert got is not None  # beyond U+FFFF (YAML's \\U escape) is left to YAML
    if got is not None:
        assert got == get_data(source)


def test_front_matter_keeps_an_emoji_in_a_title():
    """YAML read JSON's \\ud83d\\ude00 as two broken halves, which pages wrote as &#55357;&#56832;."""
    source = front_matter("Casa 😀 Segura") + "text\n"
    assert get_data(source)[1]["title"] == "Casa 😀 Segura"
    assert direct.front_matter(source) is None  # left to YAML
    assert direct.front_matter("---\ntitle: yes\n---\n") is None  # not JSON
    assert direct.front_matter('---\non: "x"\n---\n') is None  # a key YAML reads as a boolean
    assert direct.front_matter("---\ntitle: 12\n---\n") is None  # a number: YAML and JSON may differ
