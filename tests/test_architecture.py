"""The layout of generator/ as generator/__init__.py maps it: import-linter's contracts (pyproject.toml) hold,
and every stage and module the map names exists."""

import re
import subprocess
import sys
from pathlib import Path

import generator

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout and " kept" in result.stdout


def test_the_map_names_every_stage_and_each_stage_exists():
    doc = generator.__doc__ or ""
    named = set(re.findall(r"^    ([a-z_]+)/ ", doc, flags=re.M))
    stages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert named == stages, f"the map in generator/__init__.py names {sorted(named)}; the stages are {sorted(stages)}"


def test_the_map_names_every_module_of_each_stage():
    doc = generator.__doc__ or ""
    missing = []
    for stage in (p for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        block = re.search(rf"^    {stage.name}/ +(.*?)(?=^    \S|\n\n)", doc, flags=re.M | re.S)
        words = set(re.findall(r"[a-z_]+", block.group(1))) if block else set()
        modules = [m.stem for m in stage.glob("*.py") if m.stem != "__init__"]
        missing += [f"{stage.name}/{m}" for m in modules if m not in words]
    assert not missing, f"modules the map in generator/__init__.py does not name: {missing}"


MAX_LINES = 400  # issue 9: a module a newcomer can read in one sitting; split along a seam when it grows


def code_lines(path: Path) -> int:
    """Lines that are not blank and not only a comment (`ruff format` spreads long calls over several lines,
    which is layout, not size)."""
    return sum(1 for line in path.read_text().splitlines() if line.strip() and not line.strip().startswith(("#", "//")))


def test_no_module_is_over_the_line_limit():
    sources = [*PACKAGE.rglob("*.py"), *(PACKAGE / "finder" / "static" / "src").glob("*.js")]
    long = {p.relative_to(ROOT).as_posix(): n for p in sources if (n := code_lines(p)) > MAX_LINES}
    assert sources and not long, f"over {MAX_LINES} lines of code: {long}"
