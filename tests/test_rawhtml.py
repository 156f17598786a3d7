"""Generated pages' raw HTML skips Python-Markdown (generator/site/rawhtml.py, issue 15): the page comes out the
same, with the same ids, for every page of the shipped data and of the hostile and small fixtures."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import markdown
import pytest

from generator.records.dataset import load_dataset
from generator.records.redact import publishable
from generator.site import pages, rawhtml
from tests.helpers import REPO, make_project
from tests.sitebuild import SITE_FIXTURES

SETTINGS = {"today": dt.date(2026, 11, 28), "site_name": "Test directory"}


def _convert(md: str) -> str:
    """As MkDocs renders a page with mkdocs.yml's extensions."""
    return markdown.Markdown(
        extensions=["admonition", "attr_list", "tables", "generator.site.tables", "toc"],
        extension_configs={"toc": {"permalink": False}},
    ).convert(md)


class _Ids(HTMLParser):
    """The ids MkDocs' own parse of raw HTML collects (mkdocs.structure.pages._HTMLHandler)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids |= {v or "" for k, v in attrs if k == "id" or (k == "name" and tag == "a")}


@pytest.fixture(scope="module", params=["shipped", "small", "hostile"])
def generated(request, tmp_path_factory) -> dict[str, str]:
    root = (
        REPO
        if request.param == "shipped"
        else make_project(tmp_path_factory.mktemp(request.param), SITE_FIXTURES / request.param)
    )
    out = pages.produce(publishable(load_dataset(root)), SETTINGS)
    return {path: text.split("\n---\n", 1)[1] for path, text in out.pages.items()}


def test_every_generated_page_comes_out_the_same(generated) -> None:
    key = rawhtml.new_key()
    stashed = 0
    for path, body in generated.items():
        md, blocks = rawhtml.stash(body, key)
        stashed += len(blocks)
        assert key not in body
        assert rawhtml.unstash(_convert(md), key, blocks) == _convert(body), path
        ids = _Ids()
        ids.feed("\n".join(blocks))
        assert rawhtml.anchor_ids(blocks) == ids.ids, path
    assert stashed > len(generated)  # the pages are made of raw blocks, so most of them are skipped


def test_only_raw_html_blocks_are_stashed() -> None:
    body = (
        '# Title\n\n<div class="a" id="x">\n<p>one</p>\n</div>\n\n    <div>code</div>\n\n'
        '<a href="#x">a link in a paragraph</a>\n\n<span>inline</span> text\n\n## Next\n'
    )
    md, blocks = rawhtml.stash(body, "k")
    assert blocks == ['<div class="a" id="x">\n<p>one</p>\n</div>']
    assert "    <div>code</div>" in md and "<a href=" in md and "<span>" in md
    assert rawhtml.unstash(_convert(md), "k", blocks) == _convert(body)


def test_a_lost_or_doubled_block_stops_the_build() -> None:
    with pytest.raises(ValueError):
        rawhtml.unstash("<p>nothing here</p>", "k", ["<div></div>"])
    with pytest.raises(ValueError):
        rawhtml.unstash("<p>k0z</p>\n<p>k0z</p>", "k", ["<div></div>"])


def test_the_key_differs_every_build() -> None:
    assert rawhtml.new_key() != rawhtml.new_key()
