"""The Spanish edition built by a forked process beside the English one (generator/plugin/editions.py): the same
site, byte for byte, as building one edition after the other; a failure in it fails the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.plugin import editions
from tests.helpers import FIXTURES, TODAY
from tests.sitebuild import build, copy_project

pytestmark = pytest.mark.skipif(not editions.can_fork(), reason="the editions are forked only where fork exists")


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_forked_editions_build_the_same_site_as_one_after_the_other(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "p", FIXTURES / "valid")
    forked = build(root, tmp_path / "forked")
    assert forked.returncode == 0, forked.stderr

    # the same project built in this process with no fork: mkdocs-static-i18n's own loop builds Spanish after
    from generator.plugin import run_build

    monkeypatch.setattr(editions, "can_fork", lambda: False)
    monkeypatch.setenv("CCCI_TODAY", TODAY)
    monkeypatch.chdir(root)
    assert run_build(root / "mkdocs.yml", tmp_path / "serial") is None

    one, other = _files(tmp_path / "forked"), _files(tmp_path / "serial")
    assert any(p.startswith("es/") for p in one) and "es/404.html" in one and "404.html" in one
    assert sorted(one) == sorted(other)
    assert [p for p in one if one[p] != other[p]] == []
    assert b'lang="es"' in one["es/404.html"] and b'lang="en"' in one["404.html"]


def test_a_failure_in_the_spanish_edition_fails_the_build_and_keeps_the_last_site(tmp_path):
    root = copy_project(tmp_path / "p", FIXTURES / "valid")
    site = tmp_path / "site"
    assert build(root, site).returncode == 0
    before = _files(site)

    twin = root / "docs" / "about.es.md"  # only the Spanish page has the broken link: only its build warns
    twin.write_text(twin.read_text(encoding="utf-8") + "\n[Otra página](no-existe.md)\n", encoding="utf-8")
    failed = build(root, site)
    assert failed.returncode == 1
    assert "no-existe.md" in failed.stderr
    assert "another language's edition failed to build" in failed.stderr
    assert _files(site) == before
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".site-")]  # no half-built folder left
    assert "Traceback" not in failed.stderr
