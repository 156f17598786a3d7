"""`ccci pages --out` and `ccci build --site-dir` empty the folder they write: they must refuse a folder that is,
holds or lies inside the project's data, docs or schema, or that is or holds the project (on a temp copy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_ccci
from tests.sitebuild import SITE_FIXTURES, copy_project

BAD = ["data", "data/organizations", "docs", "docs/new", "schema", ".", "..", "data/organizations/../.."]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("p") / "project", SITE_FIXTURES / "small")


def _intact(root: Path) -> None:
    assert sorted(p.name for p in (root / "data" / "organizations").glob("*.yaml")) == sorted(
        p.name for p in SITE_FIXTURES.joinpath("small").glob("*.yaml")
    )
    assert (root / "schema" / "organization.schema.json").is_file()
    assert (root / "docs" / "index.md").is_file()
    assert (root / "mkdocs.yml").is_file()


@pytest.mark.parametrize("folder", BAD)
def test_pages_refuses_a_project_folder(project: Path, folder: str) -> None:
    code, out, err = run_ccci(project, "pages", "--out", folder)
    assert code == 2, out + err
    assert "would delete or overwrite" in err and "Traceback" not in err
    _intact(project)


@pytest.mark.parametrize("folder", BAD)
def test_build_refuses_a_project_folder(project: Path, folder: str) -> None:
    code, out, err = run_ccci(project, "build", "--site-dir", folder)
    assert code == 2, out + err
    assert "would delete or overwrite" in err and "Traceback" not in err
    _intact(project)


def test_an_absolute_path_to_the_data_is_refused_too(project: Path) -> None:
    code, _, err = run_ccci(project, "pages", "--out", str(project / "data" / "organizations"))
    assert code == 2 and "data/" in err
    _intact(project)


def test_a_folder_of_its_own_is_fine(project: Path, tmp_path: Path) -> None:
    code, out, err = run_ccci(project, "pages", "--out", str(tmp_path / "pages"))
    assert code == 0, out + err
    assert (tmp_path / "pages" / "index.md").is_file()
    _intact(project)
