"""Session fixtures shared by the build and browser tests.

built_site            the real site: the repository's data, docs and mkdocs.yml, built with `ccci build`
fixture_site(name)    a site built from tests/fixtures/sites/<name>/*.yaml (the rest of the project as is)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitebuild import SITE_FIXTURES, build, copy_project


def _build(tmp: Path, records: Path | None) -> Path:
    root = copy_project(tmp / "project", records)
    site = tmp / "site"
    result = build(root, site)
    assert result.returncode == 0, f"ccci build failed:\n{result.stdout}\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built from a copy of the repository with `ccci build --site-dir`."""
    return _build(tmp_path_factory.mktemp("built-site"), None)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    """fixture_site("small") -> a site built from tests/fixtures/sites/small/ (built once per session)."""
    built: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in built:
            built[name] = _build(tmp_path_factory.mktemp(f"site-{name}"), SITE_FIXTURES / name)
        return built[name]

    return get
