"""Helpers for tests that build real sites: a throw-away copy of the project, `ccci` run as a real command,
and readers for the built HTML (links, ids, resources)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.helpers import FIXTURES, REPO, TODAY

PROJECT_PARTS = ("mkdocs.yml", "schema", "data", "docs", "site_templates")
SITE_FIXTURES = FIXTURES / "sites"


def copy_project(dest: Path, records: Path | None = None, mkdocs_edit=None) -> Path:
    """The project's files at `dest`; with `records`, data/organizations holds only those .yaml files."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy(src, dest / part)
    if records is not None:
        orgs = dest / "data" / "organizations"
        shutil.rmtree(orgs)
        orgs.mkdir()
        for f in sorted(records.glob("*.yaml")):
            shutil.copy(f, orgs / f.name)
    if mkdocs_edit is not None:
        path = dest / "mkdocs.yml"
        path.write_text(mkdocs_edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return dest


def ccci(root: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    """The real `ccci` command (a child process) run inside `root`, with today fixed."""
    env = {**os.environ, "CCCI_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CCCI_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "generator.cli.main", *args],
        cwd=root,
        env=env,
        text=True,
        capture_output=True,
        timeout=timeout,
    )


def build(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return ccci(root, "build", "--site-dir", str(site))


class Page(HTMLParser):
    """The parts of a built HTML page the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[dict[str, str | None]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.elements.append((tag, a))
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and a.get("name"):
            self.ids.add(str(a["name"]))
        for attr in ("href", "src", "data", "action", "poster", "srcset"):
            if a.get(attr) is not None:
                self.links.append((tag, attr, str(a[attr])))
        if tag == "script":
            self.scripts.append(a)
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def resolve(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """The file a relative (or root-absolute) link of `page` points at, and its fragment; None if external."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment
