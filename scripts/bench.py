"""`make bench`: figures for the budgets in the issues, printed, never asserted.

Sections: validation (this file), site build (bench_site.py), finder (bench_finder.py) and the search query set's
hit rate (bench_search.py) when present.
Usage: python scripts/bench.py [--sizes 1000,10000] [--only validate,site,finder]
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from measure import measure  # noqa: E402
from synth import write  # noqa: E402

CCCI = str(Path(sys.executable).with_name("ccci"))


def synthetic_project(n: int, dest: Path) -> Path:
    """A copy of the project (schema, taxonomy, docs, theme, mkdocs.yml) with n fictional records as its data."""
    for name in ("schema", "docs", "site_templates"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, dest / name)
    for name in ("mkdocs.yml",):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, dest / name)
    shutil.copytree(ROOT / "data", dest / "data", ignore=shutil.ignore_patterns("organizations"))
    write(n, dest / "data" / "organizations")
    return dest


def bench_validate(sizes: list[int]) -> list[str]:
    lines = [f"validation (budget: 10,000 records in under 5 s; {os.cpu_count()} cores)"]
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="ccci-bench-") as tmp:
            root = synthetic_project(n, Path(tmp))
            runs = [measure([CCCI, "validate"], root) for _ in range(3)]
            best = min(runs, key=lambda m: m.wall)
            status = "ok" if all(m.code == 0 for m in runs) else f"exit {runs[0].code}: {runs[0].stderr}"
            lines.append(f"  {n:>6,} records: best of 3 {best.wall:5.2f} s (runs: "
                         f"{', '.join(f'{m.wall:.2f}' for m in runs)}), peak {best.peak_mib:5.0f} MiB, {status}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--only", default="validate,site,finder,search")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    sections = args.only.split(",")
    if "validate" in sections:
        print("\n".join(bench_validate(sizes)), flush=True)
    for name in ("site", "finder", "search"):
        if name in sections and (ROOT / "scripts" / f"bench_{name}.py").exists():
            print("\n".join(importlib.import_module(f"bench_{name}").run(sizes)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
