"""Site build benchmark (issue 3, item 8): `run(sizes) -> lines` for scripts/bench.py, or run alone.

For each size: a copy of the project with that many synthetic records; the full `ccci build` (validation
included) with its wall time, peak memory and site size; then the same pages written to disk with
`ccci pages --out` and built by plain `mkdocs build` (no ccci plugin, no validation), and the ratio of the two.
Finally the heaviest page: its HTML plus every stylesheet and script it loads (the search worker included),
each gzipped. Budgets: 10,000 records under 60 s; ratio under 1.3; every page under 120 KB gzip.

Usage: python scripts/bench_site.py [1000,10000]
"""

from __future__ import annotations

import gzip
import re
import sys
import tempfile
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from bench import CCCI, synthetic_project  # noqa: E402
from measure import measure  # noqa: E402

BUDGET_WALL_10K = 60.0
BUDGET_RATIO = 1.3
BUDGET_PAGE_KB = 120.0
_REF = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"')
_WORKER = re.compile(r'"search":\s*"([^"]+)"')


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weights(site: Path) -> tuple[int, Path | None, int]:
    """(pages, heaviest page, its HTML+CSS+JS gzip bytes). Assets loaded by many pages are gzipped once."""

    @cache
    def asset(path: Path) -> int:
        return gz(path.read_bytes()) if path.is_file() else 0

    heaviest, worst, count = None, 0, 0
    for page in site.rglob("*.html"):
        count += 1
        html = page.read_bytes()
        text = html.decode("utf-8", "replace")
        refs = [u for u in _REF.findall(text) if "://" not in u]
        refs += [u for u in _WORKER.findall(text)]
        total = gz(html) + sum(asset((page.parent / ref.split("?")[0]).resolve()) for ref in set(refs))
        if total > worst:
            heaviest, worst = page, total
    return count, heaviest, worst


def one_size(n: int) -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory(prefix="ccci-bench-site-") as tmp:
        root = synthetic_project(n, Path(tmp) / "project")
        ours = measure([CCCI, "build", "--site-dir", str(Path(tmp) / "site")], root)
        if ours.code != 0:
            return [f"  {n:>6,} records: ccci build failed (exit {ours.code}): {ours.stderr.strip()[-600:]}"]
        site = Path(tmp) / "site"
        size = folder_size(site)
        pages = measure([CCCI, "pages", "--out", str(Path(tmp) / "md"), "--mkdocs-yml",
                         str(Path(tmp) / "plain.yml")], root)
        plain = measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(Path(tmp) / "plain.yml"),
                         "-d", str(Path(tmp) / "plain-site")], root) if pages.code == 0 else pages
        count, heaviest, worst = page_weights(site)
        lines.append(f"  {n:>6,} records: ccci build {ours.wall:6.1f} s, peak {ours.peak_mib:5.0f} MiB, "
                     f"site {size / 2**20:7.1f} MiB, {count:,} pages")
        if plain.code == 0:
            ratio = ours.wall / plain.wall
            lines.append(f"          plain mkdocs build of the same pages {plain.wall:6.1f} s, peak "
                         f"{plain.peak_mib:5.0f} MiB; ratio ours/plain {ratio:.2f} "
                         f"({'ok' if ratio < BUDGET_RATIO else 'OVER BUDGET'} < {BUDGET_RATIO})")
        else:
            lines.append(f"          plain build failed (exit {plain.code}): {plain.stderr.strip()[-400:]}")
        if n >= 10_000:
            ok = "ok" if ours.wall < BUDGET_WALL_10K else "OVER BUDGET"
            lines.append(f"          10,000 records under {BUDGET_WALL_10K:.0f} s: {ok}")
        kb = worst / 1000
        where = heaviest.relative_to(site).as_posix() if heaviest else "-"
        lines.append(f"          heaviest page {where}: {kb:.1f} KB gzip HTML+CSS+JS "
                     f"({'ok' if kb < BUDGET_PAGE_KB else 'OVER BUDGET'} < {BUDGET_PAGE_KB:.0f} KB)")
        index = site / "search" / "search_index.json"
        if index.is_file():
            lines.append(f"          Material search index (guides only): {gz(index.read_bytes()) / 1000:.1f} KB gzip")
    return lines


def run(sizes: list[int]) -> list[str]:
    lines = ["site build (budgets: 10,000 records under 60 s; ours/plain under 1.3; any page under 120 KB gzip)"]
    for n in sizes:
        lines += one_size(n)
    return lines


if __name__ == "__main__":
    wanted = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "1000,10000").split(",")]
    print("\n".join(run(wanted)))
