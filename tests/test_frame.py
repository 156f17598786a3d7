"""Program pages set into one cached page frame (generator/site/frame.py, issue 15), their Markdown written without
Python-Markdown (site/direct.py): the same bytes as the theme rendering each page in full from Python-Markdown's
HTML, and the frame never used when the first page's frame does not fit the next one."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest
from mkdocs.structure.pages import Page

import generator.site.frame as frame_module
from generator.plugin import ProgramPage, editions, run_build
from generator.site.frame import Frames, fill, frame_of
from tests.helpers import REPO

TOP = '<header><a href="#{a}" class="md-skip">Skip</a><a href="../../es/{i}/">Español</a>'
TOPIC = '<div data-md-component="header-topic">\n<span class="md-ellipsis">\n{t}\n</span></div><nav>Home Safety</nav>'


def content(anchor: str, title: str, body: str) -> str:
    return f'<h1 id="{anchor}">{title}</h1>{body}'


def page(record: str, anchor: str, title: str, body: str) -> str:
    head = TOP.format(a=anchor, i=f"org/{record}") + TOPIC.format(t=title)
    return f"{head}\n<article>\n{content(anchor, title, body)}\n</article>\n<footer>{title}</footer>"


def test_a_frame_takes_another_pages_content_and_values():
    first = page("a-center", "a-center", "A Center", "<p>one</p>")
    frame = frame_of(first, ("org/a-center", "#a-center", "A Center"), content("a-center", "A Center", "<p>one</p>"))
    assert frame is not None
    other = page("b-house", "b-house", "B House &amp; Home", "<p>two</p>")
    values = ("org/b-house", "#b-house", "B House &amp; Home")
    assert fill(frame, content("b-house", "B House &amp; Home", "<p>two</p>"), values) == other
    assert (
        fill(frame, content("a-center", "A Center", "<p>one</p>"), ("org/a-center", "#a-center", "A Center")) == first
    )
    assert frame_of(first, ("org/x", "#x", "X"), "<p>not in it</p>") is None
    assert frame_of(first, ("org/a-center", "#a-center", "A Center"), "A Center") is None  # more than once
    assert frame_of(first, ("org/a-center", "", "A Center"), content("a-center", "A Center", "<p>one</p>")) is None


def test_the_frame_is_checked_on_the_next_page_and_dropped_when_it_does_not_fit():
    frames = Frames()
    frames.enabled = True
    first = page("a-center", "a-center", "A Center", "<p>one</p>")
    key = ("a-center", "#a-center", "A Center")
    assert frames.after_render(first, key, content("a-center", "A Center", "<p>one</p>"), False) == first
    assert not frames.content_only(("c", "#c", "C"))  # not checked yet
    second = page("b-house", "b-house", "B House", "<p>two</p>")
    frames.after_render(second, ("b-house", "#b-house", "B House"), content("b-house", "B House", "<p>two</p>"), False)
    assert frames.content_only(("c", "#c", "C"))
    assert frames.after_render("", ("c", "#c", "C"), content("c", "C", "<p>3</p>"), True) == page(
        "c", "c", "C", "<p>3</p>"
    )

    # A first page whose title is also a menu word: the frame would write the next title into the menu.
    frames = Frames()
    frames.enabled = True
    frames.after_render(
        page("safety", "safety", "Safety", "<p>1</p>"),
        ("safety", "#safety", "Safety"),
        content("safety", "Safety", "<p>1</p>"),
        False,
    )
    frames.after_render(
        page("b-house", "b-house", "B House", "<p>2</p>"),
        ("b-house", "#b-house", "B House"),
        content("b-house", "B House", "<p>2</p>"),
        False,
    )
    assert not frames.enabled and not frames.content_only(("c", "#c", "C"))


def test_a_header_without_the_title_gives_a_frame_and_one_with_another_title_does_not():
    """Our header does not show the page's title; a theme whose header shows it must show it as the page gives it."""

    def bare(record: str, title: str, body: str) -> str:  # no header topic: the title is only in the content
        return (
            TOP.format(a=record, i=f"org/{record}")
            + f"<nav>Home</nav>\n<article>\n{content(record, title, body)}\n</article>"
        )

    for first, works in (
        (bare("a-center", "A Center", "<p>1</p>"), True),
        (page("a-center", "a-center", "A Centre", "<p>1</p>"), False),
    ):
        frames = Frames()
        frames.enabled = True
        frames.after_render(
            first, ("a-center", "#a-center", "A Center"), content("a-center", "A Center", "<p>1</p>"), False
        )
        second = bare("b-house", "B House", "<p>2</p>")
        frames.after_render(
            second, ("b-house", "#b-house", "B House"), content("b-house", "B House", "<p>2</p>"), False
        )
        assert frames.content_only(("c", "#c", "C")) is works
        if works:
            assert frames.after_render("", ("c", "#c", "C"), content("c", "C", "<p>3</p>"), True) == bare(
                "c", "C", "<p>3</p>"
            )


def test_the_site_is_the_same_with_the_frame_and_without(tmp_path, monkeypatch):
    """The shipped site, both languages: every file the same bytes with program pages set into the frame as
    with the theme rendering each in full (CCCI_FULL_PAGES=1), and the frame was used for nearly all of them."""
    project = tmp_path / "project"
    for part in ("data", "docs", "schema", "site_templates", "i18n"):
        shutil.copytree(REPO / part, project / part)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    used = {True: 0, False: 0}
    after_render = Frames.after_render

    def counted(self, output, key, content, content_only):
        used[content_only] += 1
        return after_render(self, output, key, content, content_only)

    monkeypatch.setattr(frame_module.Frames, "after_render", counted)
    markdown = {"framed": 0, "full": 0}  # program pages through Python-Markdown (else site/direct.py)
    render = Page.render

    def through_markdown(self, config, files):
        if isinstance(self, ProgramPage):
            markdown[build] += 1
        return render(self, config, files)

    monkeypatch.setattr(Page, "render", through_markdown)
    monkeypatch.setattr(editions, "can_fork", lambda: False)  # both editions built (and counted) in this process
    build = "framed"
    assert run_build(project / "mkdocs.yml", tmp_path / "framed") is None
    monkeypatch.setenv("CCCI_FULL_PAGES", "1")
    build = "full"
    assert run_build(project / "mkdocs.yml", tmp_path / "full") is None
    programs = len(list((tmp_path / "full" / "org").iterdir()))
    assert used[True] >= 2 * programs - 4 and used[False] >= 2 * programs  # 2 languages; all in full the 2nd time
    assert markdown == {"framed": 2, "full": 2 * programs}  # the first of each language, to check direct.py
    compared = filecmp.dircmp(tmp_path / "framed", tmp_path / "full")
    different: list[str] = []

    def walk(d: filecmp.dircmp, where: Path) -> None:
        different.extend(str(where / n) for n in d.diff_files + d.left_only + d.right_only + d.funny_files)
        for name, sub in d.subdirs.items():
            walk(sub, where / name)

    walk(compared, Path("."))
    assert different == []
    page_html = (tmp_path / "framed" / "es" / "org" / "1in6" / "index.html").read_text(encoding="utf-8")
    assert ">Salir de esta página<" in page_html and '<html lang="es"' in page_html  # the Spanish frame


@pytest.fixture(autouse=True)
def _no_full_pages(monkeypatch):
    monkeypatch.delenv("CCCI_FULL_PAGES", raising=False)
