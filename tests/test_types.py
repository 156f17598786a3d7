"""The type hints of generator/ hold: mypy, run as [tool.mypy] in pyproject.toml says, finds no error."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MYPY = [sys.executable, "-m", "mypy"]


def test_mypy_finds_no_error_in_generator():
    result = subprocess.run(MYPY, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_the_config_checks_the_bodies_of_untyped_functions(tmp_path):
    # check_untyped_defs: without it mypy skips the body of any function that has no annotations
    (tmp_path / "untyped.py").write_text("def f():\n    x: int = 'one'\n    return x\n", encoding="utf-8")
    result = subprocess.run([*MYPY, "--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path / "c"),
                             "untyped.py"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Incompatible types in assignment" in result.stdout


def test_only_packages_being_fixed_skip_their_errors():
    """A package may skip its errors only while its fixes are under way, and the config says so."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["files"] == ["generator"]
    skipped = [m for o in config.get("overrides", []) if o.get("ignore_errors") for m in o["module"]]
    assert all(re.fullmatch(r"generator\.[a-z_]+\.\*", m) for m in skipped), skipped
    for module in ("records", "review", "build", "cli"):
        assert f"generator.{module}.*" not in skipped, f"generator/{module} is checked in full"
    if skipped:
        text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
        assert "# being fixed: issue 9" in text, "say why a package skips its type errors"
