"""generator/opendata stays in small, simple modules (issue 9 section 3): none over 400 lines, no function over
a McCabe complexity of 12 (ruff's C901), and the import's parts keep to their order (no part imports the
importer, and the field tables and reader import no mapping part)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO

OPENDATA = REPO / "generator" / "opendata"
MAX_LINES = 400
MAX_COMPLEXITY = 12


def test_no_opendata_module_is_over_400_lines() -> None:
    long = {p.name: n for p in sorted(OPENDATA.glob("*.py")) if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def test_no_opendata_function_is_over_complexity_12() -> None:
    ruff = Path(sys.executable).with_name("ruff")
    proc = subprocess.run(
        [
            str(ruff),
            "check",
            "--select",
            "C90",
            "--config",
            f"lint.mccabe.max-complexity={MAX_COMPLEXITY}",
            "--output-format",
            "concise",
            str(OPENDATA),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return {n.removeprefix("generator.opendata.") for n in names if n.startswith("generator.opendata.")}


def test_the_import_parts_keep_their_order() -> None:
    order = ["hsds_tables", "hsds_fields", "hsds_read", "hsds_values", "hsds_places", "hsds_services", "hsds_import"]
    for i, name in enumerate(order):
        later = set(order[i + 1 :]) | {"hsds", "export"}
        used = {n.split(".")[0] for n in _imports(OPENDATA / f"{name}.py")}
        assert not used & later, f"{name}.py imports {sorted(used & later)}, which come after it"
