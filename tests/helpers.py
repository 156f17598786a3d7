"""Shared test helpers: a throw-away copy of the project (schema + taxonomy) to validate records in."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from pathlib import Path

from generator.cli.main import main

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = "2026-11-28"  # fixed "today" for the date rules, so expected outputs never drift


def make_project(dest: Path, records: Path | None = None) -> Path:
    """A minimal project at `dest`: the real schema and taxonomy, and the given records (a folder of .yaml)."""
    shutil.copytree(REPO / "schema", dest / "schema")
    shutil.copytree(REPO / "data" / "taxonomy", dest / "data" / "taxonomy")
    orgs = dest / "data" / "organizations"
    orgs.mkdir(parents=True)
    if records is not None:
        for f in sorted(records.glob("*.yaml")):
            shutil.copy(f, orgs / f.name)
        if (records / "data").is_dir():  # a case that needs other files: laid over data/ as they are (links too)
            shutil.copytree(records / "data", dest / "data", symlinks=True, dirs_exist_ok=True)
    return dest


def run_ccci(root: Path, *args: str) -> tuple[int, str, str]:
    """Run the real CLI in-process inside `root`; returns (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    env_before = os.environ.get("CCCI_TODAY")
    os.environ["CCCI_TODAY"] = TODAY
    try:
        os.chdir(root)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse usage errors
                code = int(exc.code or 0)
    finally:
        os.chdir(old)
        if env_before is None:
            os.environ.pop("CCCI_TODAY", None)
        else:
            os.environ["CCCI_TODAY"] = env_before
    return code, out.getvalue(), err.getvalue()
