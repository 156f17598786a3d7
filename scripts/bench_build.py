"""The issue-15 figures ("Performance at 10,000 records"): `run(sizes) -> lines` for scripts/bench.py, or run alone.

For each shape of synthetic records (scripts/synth.py: `local`, and `mixed` when synth.py has shapes) and size:
`ccci build` (validation included) and plain `mkdocs build` of the same pages (`ccci pages --out --all-languages`:
both languages), each with wall time and CPU time (user + system of the command and all its processes: on a shared
machine wall time stretches, CPU time barely moves, so the ratio is printed both ways), the build's peak memory
(its largest process), the site's size, the largest HTML page, and the build's CPU per record (and between sizes,
which shows whether the cost grows linearly). Every figure is printed next to its budget; nothing is asserted.

Usage: python scripts/bench_build.py [--sizes 1000,5000,10000] [--shapes local,mixed]
"""

from __future__ import annotations

import argparse
import inspect
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import synth  # noqa: E402
from bench import CCCI, plain_commands  # noqa: E402
from measure import Measured, measure  # noqa: E402

BUDGET_WALL_S = 45.0  # ccci build of 10,000 records
BUDGET_RATIO = 1.2  # ccci build / plain mkdocs build of the same pages
BUDGET_PEAK_MIB = 1024.0
BUDGET_SITE_MIB = 400.0
BUDGET_PAGE_MB = 1.0  # the largest HTML page
BUDGET_N = 10_000  # the size the wall-time budget is for


@dataclass
class Row:
    shape: str
    n: int
    ours: Measured
    plain: Measured | None
    site_mib: float
    pages: int
    largest: tuple[str, int]


def shapes_available() -> list[str]:
    """`local` always; the others when scripts/synth.py can write them (its `shape` argument)."""
    if "shape" not in inspect.signature(synth.write).parameters:
        return ["local"]
    return list(getattr(synth, "SHAPES", ("local",)))


def project(n: int, dest: Path, shape: str) -> Path:
    """A copy of the project (schema, taxonomy, docs, theme, mkdocs.yml) with n fictional records of one shape."""
    for name in ("schema", "docs", "site_templates"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "data", dest / "data", ignore=shutil.ignore_patterns("organizations"))
    out = dest / "data" / "organizations"
    if shape == "local":
        synth.write(n, out)
    else:
        write: Any = synth.write  # `shape` is there only in a synth.py that has shapes (shapes_available)
        write(n, out, shape=shape)
    return dest


def site_figures(site: Path) -> tuple[float, int, tuple[str, int]]:
    """(site MiB, HTML pages, (largest page, its bytes))."""
    total, pages, largest = 0, 0, ("-", 0)
    for f in site.rglob("*"):
        if f.is_file():
            size = f.stat().st_size
            total += size
            if f.suffix == ".html":
                pages += 1
                if size > largest[1]:
                    largest = (f.relative_to(site).as_posix(), size)
    return total / 2**20, pages, largest


def one(shape: str, n: int) -> Row | str:
    with tempfile.TemporaryDirectory(prefix="ccci-bench-build-") as tmp:
        root = project(n, Path(tmp) / "project", shape)
        site = Path(tmp) / "site"
        ours = measure([CCCI, "build", "--site-dir", str(site)], root)
        if ours.code != 0:
            return f"ccci build failed (exit {ours.code}): {ours.stderr.strip()[-600:]}"
        size, pages, largest = site_figures(site)
        shutil.rmtree(site)
        pages_cmd, plain_cmd = plain_commands(Path(tmp))
        md = measure(pages_cmd, root)
        plain = measure(plain_cmd, root) if md.code == 0 else None
        return Row(shape, n, ours, plain if plain and plain.code == 0 else None, size, pages, largest)


def _ok(value: float, budget: float) -> str:
    return "ok" if value <= budget else "OVER"


def lines_for(row: Row, previous: Row | None) -> list[str]:
    o, p = row.ours, row.plain
    wall_note = f"budget {BUDGET_WALL_S:.0f} s at {BUDGET_N:,}"
    if row.n >= BUDGET_N:
        wall_note += f": {_ok(o.wall, BUDGET_WALL_S)}"
    out = [
        f"  {row.shape} {row.n:>6,} records:",
        f"    ccci build         {o.wall:7.1f} s wall  {o.cpu:7.1f} s CPU   ({wall_note})",
    ]
    if p is None:
        out.append("    plain mkdocs build failed or was not run")
    else:
        rw, rc = o.wall / p.wall, o.cpu / p.cpu if p.cpu else float("nan")
        out += [
            f"    plain mkdocs build {p.wall:7.1f} s wall  {p.cpu:7.1f} s CPU",
            f"    ratio ours/plain   {rw:7.2f} wall    {rc:7.2f} CPU     (budget {BUDGET_RATIO}: "
            f"wall {_ok(rw, BUDGET_RATIO)}, CPU {_ok(rc, BUDGET_RATIO)})",
        ]
    out += [
        f"    peak memory        {o.peak_mib:7.0f} MiB                     (budget {BUDGET_PEAK_MIB:.0f} MiB: "
        f"{_ok(o.peak_mib, BUDGET_PEAK_MIB)})",
        f"    site               {row.site_mib:7.1f} MiB, {row.pages:,} pages  (budget {BUDGET_SITE_MIB:.0f} MiB: "
        f"{_ok(row.site_mib, BUDGET_SITE_MIB)})",
        f"    largest page       {row.largest[1] / 1e6:7.2f} MB {row.largest[0]}  (budget {BUDGET_PAGE_MB:.0f} MB: "
        f"{_ok(row.largest[1] / 1e6, BUDGET_PAGE_MB)})",
    ]
    per = f"    per record         {1000 * o.cpu / row.n:7.2f} ms CPU" if row.n else "    per record         -"
    if previous is not None and row.n > previous.n:
        step = 1000 * (o.cpu - previous.ours.cpu) / (row.n - previous.n)
        per += f", {step:.2f} ms CPU each from {previous.n:,} to {row.n:,} (linear cost: the same at every step)"
    return [*out, per]


def run(sizes: list[int], shapes: list[str] | None = None) -> list[str]:
    available = shapes_available()
    wanted = shapes or ["local", "mixed"]
    lines = [
        f"build (issue 15 budgets: {BUDGET_N:,} records built in under {BUDGET_WALL_S:.0f} s, at most "
        f"{BUDGET_RATIO}x plain mkdocs build of the same pages, peak under {BUDGET_PEAK_MIB / 1024:.0f} GiB, "
        f"site under {BUDGET_SITE_MIB:.0f} MiB, no page over {BUDGET_PAGE_MB:.0f} MB, linear cost)"
    ]
    for shape in wanted:
        if shape not in available:
            lines.append(f"  {shape}: scripts/synth.py cannot write this shape yet (shapes: {', '.join(available)})")
            continue
        previous = None
        for n in sizes:
            row = one(shape, n)
            if isinstance(row, str):
                lines.append(f"  {shape} {n:>6,} records: {row}")
                continue
            lines += lines_for(row, previous)
            previous = row
    return lines


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--shapes", default="local,mixed")
    args = parser.parse_args()
    print("\n".join(run([int(s) for s in args.sizes.split(",")], args.shapes.split(","))))
