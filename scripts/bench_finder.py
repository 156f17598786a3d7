"""Finder benchmark (part of `make bench`): headless Chromium with 4x CPU throttling (DevTools protocol,
Emulation.setCPUThrottlingRate), for the shipped data and for synthetic records (scripts/synth.py).

For each dataset it prints, at a 360x740 viewport: bytes the finder page transfers (gzip, as a static host serves
them), index + result documents per record, the Python build time (load, then the finder's producer: index and
result data), navigation -> first results on screen (painted, the first card in the viewport without scrolling),
navigation -> words searchable (the index loaded), both medians of LOADS loads, and the keypress-to-rendered-
results time (median and 95th percentile over every keystroke of a set of queries typed at 150 ms a key).

Budgets (issues 4, 10 and 15), printed next to each figure:
  - page weight (HTML + CSS + JS + index, docs and places.json) < 120 KB gzip, in the real site (Material theme)
  - first results visible < 300 ms after navigation on the shipped data (4x throttle), first card on screen at
    360x740 without scrolling (in the real site, reached from its home page; also printed: in a new tab, and
    arriving with a search)
  - words searchable < 1 s after navigation at 10,000 records
  - keypress -> results p95 < 50 ms at 10,000 records
  - finder index and result data for 10,000 records built < 5 s (Python: the producer, after loading)
  - < 1 KB gzip per record (index + docs)

Usage: python scripts/bench_finder.py [--sizes 88,10000]    (bench.py calls run(sizes))
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from generator.cli.main import fewer_collections  # noqa: E402
from generator.finder.page import standalone_site  # noqa: E402
from generator.finder.produce import produce  # noqa: E402
from generator.records.dataset import load_dataset  # noqa: E402
from generator.records.geo import idaho_rows  # noqa: E402

THROTTLE = 4
KEY_DELAY_MS = 150
LOADS = 5
QUERIES = [
    "shelter",
    "legal aid",
    "counseling boise",
    "abogado",
    "food",
    "housing help",
    "crisis line",
    "immigration",
    "spanish",
    "walk in",
]
VIEWPORT = {"width": 360, "height": 740}
KB = 1000  # the issues' kilobytes
BUDGET_PER_RECORD = 1024
BUDGET_WEIGHT = 120 * KB
BUDGET_FIRST_MS = 300
BUDGET_SEARCHABLE_MS = 1000
BUDGET_KEY_P95_MS = 50
BUDGET_BUILD_S = 5.0
FIRST_CARD = """() => {
    const li = document.querySelector('#f-results > li'), r = li && li.getBoundingClientRect();
    return r ? {top: r.top + window.scrollY, bottom: r.bottom + window.scrollY, height: window.innerHeight} : null;
}"""


def ok(good: bool) -> str:
    return "ok" if good else "OVER BUDGET"


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def _serve(root: Path) -> tuple[subprocess.Popen[str], str]:
    """A static server in its own process (in this one it would compete with Playwright for the GIL)."""
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert server.stdout is not None
    line = server.stdout.readline()  # "Serving HTTP on 127.0.0.1 port 40123 (http://127.0.0.1:40123/) ..."
    port = int(line.split(" port ")[1].split()[0])
    return server, f"http://127.0.0.1:{port}"


def build(paths: list[Path] | None, dest: Path) -> tuple[int, float, tuple[float, float], dict[str, int]]:
    """Build the finder for the repository's data (or `paths`) into dest; (records, seconds to load them, seconds
    for the producer (wall clock, CPU: on a shared machine the wall clock waits for other work), gzip sizes)."""
    start = time.perf_counter()
    ds = load_dataset(ROOT, paths)
    # `ccci build` validates before its producers start, and that reads the Idaho ZIP codes (from its cache, or
    # the zipcodes package): the producers, forked after, have them. So they are read here too, as loading.
    idaho_rows()
    loaded, cpu = time.perf_counter(), time.process_time()
    with fewer_collections():  # as in `ccci build`, whose producers run with the collector settings of `ccci`
        out = produce(ds, {})
    done, cpu = time.perf_counter(), time.process_time() - cpu
    standalone_site(out.pages, out.assets, dest)
    return len(ds.organizations), loaded - start, (done - loaded, cpu), gzip_sizes(dest)


def gzip_sizes(root: Path) -> dict[str, int]:
    """Every file of a built site, by URL path, gzipped as a static host would serve it."""
    sizes = {}
    for f in root.rglob("*"):
        if f.is_file():
            url = "/" + f.relative_to(root).as_posix()
            sizes[url.removesuffix("index.html")] = sizes[url] = len(gzip.compress(f.read_bytes(), 6))
    return sizes


def themed(tmp: Path) -> tuple[Path | None, str]:
    """The real site (MkDocs + Material, `ccci build`) from a copy of the project, or why it failed."""
    project, site = tmp / "project", tmp / "site"
    for part in ("mkdocs.yml", "schema", "data", "docs", "site_templates"):
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, project / part)
        elif src.is_file():
            project.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, project / part)
    proc = subprocess.run(
        [sys.executable, "-m", "generator.cli.main", "build", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=900,
    )
    if proc.returncode != 0 or not (site / "find" / "index.html").is_file():
        last = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        return None, f"ccci build failed: {last[0]}"
    return site, ""


# First results on screen: the paint of the first card's name (Element Timing: TIME_FIRST_CARD marks it as the
# parser adds it), else the end of the frame in which finder.js drew its own (a search in the link).
TIME_FIRST_CARD = """
new MutationObserver((records, observer) => {
    const h = document.querySelector('#f-results > li h3');
    if (h) { h.setAttribute('elementtiming', 'ccci-first-result'); observer.disconnect(); }
}).observe(document, {childList: true, subtree: true});
"""
FIRST_PAINT = """() => new Promise(resolve => {
    const mark = () => {
        const m = performance.getEntriesByName('ccci-finder-first-results')[0];
        return m ? m.startTime : null;
    };
    if (!window.PerformanceObserver || !PerformanceObserver.supportedEntryTypes.includes('element')) {
        resolve(mark());
        return;
    }
    // Element entries are only given to an observer (buffered: those from before it too), and only when there are.
    const done = setTimeout(() => resolve(mark()), 300);
    new PerformanceObserver(list => {
        const e = list.getEntries().find(x => x.identifier === 'ccci-first-result' && x.renderTime);
        if (e) { clearTimeout(done); resolve(e.renderTime); }
    }).observe({type: 'element', buffered: true});
})"""


def measure_browser(
    base: str, sizes: dict[str, int], type_keys: bool = True, path: str = "/find/", warm: str | None = None
) -> dict[str, float]:
    """Loads of `path`, each in a fresh browser context; with `warm`, that page of the same site is opened first
    and the finder is reached from it (as a visitor does, from the home page: the page's process is running)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        try:
            ready: list[float] = []
            first: list[float] = []
            search_ready: list[float] = []
            card = None
            transferred = 0
            files: list[tuple[str, int]] = []
            for i in range(LOADS):
                ctx = browser.new_context(viewport=VIEWPORT)
                page = ctx.new_page()
                urls: list[str] = []
                page.on("request", lambda r, urls=urls: urls.append(r.url))
                page.add_init_script(TIME_FIRST_CARD)  # (an init script: the page's CSP does not apply)
                cdp = ctx.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
                if warm:
                    page.goto(f"{base}{warm}", timeout=120_000)
                    page.wait_for_load_state("load")
                    urls.clear()  # the finder's own requests only
                page.goto(f"{base}{path}", timeout=120_000)
                page.wait_for_function("() => window.ccciFinder && window.ccciFinder.ready", timeout=120_000)
                ready.append(page.evaluate("performance.getEntriesByName('ccci-finder-ready')[0].startTime"))
                # (a finder.js from before that mark draws its list at "ready": FIRST_PAINT then answers None)
                with contextlib.suppress(PlaywrightTimeout):
                    page.wait_for_function(
                        "() => performance.getEntriesByName('ccci-finder-first-results').length", timeout=5_000
                    )
                painted = page.evaluate(FIRST_PAINT)
                first.append(painted if painted is not None else ready[-1])
                card = page.evaluate(FIRST_CARD)
                if type_keys:
                    page.wait_for_function("() => window.ccciFinder.searchReady", timeout=120_000)
                    search_ready.append(
                        page.evaluate("performance.getEntriesByName('ccci-finder-search-ready')[0].startTime")
                    )
                if i == 0:
                    keys = type_queries(page) if type_keys else [0.0]
                    dom = js_times(page) if type_keys else [0.0]
                    paths = sorted({urlsplit(u).path for u in urls if urlsplit(u).path in sizes})
                    files = [(path, sizes[path]) for path in paths]
                    transferred = sum(b for _p, b in files)
                ctx.close()
        finally:
            browser.close()
    return {
        "ready": statistics.median(ready),
        "ready_all": ready,
        "bytes": transferred,
        "first": statistics.median(first),
        "first_all": first,
        "card": card,
        "files": files,
        "places": any(path.endswith("/places.json") for path, _b in files),
        "search_ready": statistics.median(search_ready) if search_ready else 0.0,
        "key_median": statistics.median(keys),
        "key_p95": _p95(keys),
        "keys": len(keys),
        "dom_median": statistics.median(dom),
        "dom_p95": _p95(dom),
    }


def type_queries(page) -> list[float]:
    page.focus("#f-q")
    page.evaluate("window.ccciFinder.timings.length = 0")
    for query in QUERIES:
        page.keyboard.type(query, delay=KEY_DELAY_MS)
        page.wait_for_timeout(400)
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace", delay=KEY_DELAY_MS)
        page.wait_for_timeout(400)
    return [t["paint"] for t in page.evaluate("window.ccciFinder.timings")]


def js_times(page) -> list[float]:
    return [t["dom"] for t in page.evaluate("window.ccciFinder.timings")]


def first_text(m: dict, budget: bool) -> str:
    """First results on screen: when, and whether the first card is in the viewport without scrolling."""
    card = m["card"]
    if card is None:
        where, seen = "no card", False
    else:
        seen = card["top"] + min(48, card["bottom"] - card["top"]) <= card["height"]
        where = f"first card at {card['top']:,.0f}-{card['bottom']:,.0f} px of a {card['height']} px screen, " + (
            "on screen" if seen else "below the fold"
        )
    verdict = f" [budget < {BUDGET_FIRST_MS} ms, on screen: {ok(m['first'] < BUDGET_FIRST_MS and seen)}]"
    return (
        f"first results visible {m['first']:,.0f} ms (median of {LOADS}: "
        f"{', '.join(f'{r:,.0f}' for r in m['first_all'])}; {where})" + (verdict if budget else "")
    )


def bench_one(label: str, paths: list[Path] | None) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="ccci-finder-bench-") as tmp:
        n, load_s, (build_s, build_cpu), sizes = build(paths, Path(tmp))
        (Path(tmp) / "start").mkdir()
        (Path(tmp) / "start" / "index.html").write_text(BLANK.replace(' src="ready.js"', ""), encoding="utf-8")
        server, base = _serve(Path(tmp))
        try:
            m = measure_browser(base, sizes, warm="/start/")
        finally:
            server.terminate()
            server.wait(timeout=10)
    per_record = (sizes["/find/index.json"] + sizes["/find/docs.json"]) / max(n, 1)
    big = n >= 10_000
    lines = [
        f"  {label}: {n:,} records; Python: load {load_s:.1f} s, finder index and result data built in "
        f"{build_s:.2f} s ({build_cpu:.2f} s CPU)"
        + (f" [budget < {BUDGET_BUILD_S:.0f} s: {ok(build_s < BUDGET_BUILD_S)}]" if big else ""),
        f"    finder files transferred {m['bytes'] / KB:,.1f} KB gzip (index {sizes['/find/index.json'] / KB:,.1f}, "
        f"docs {sizes['/find/docs.json'] / KB:,.1f} (inlined in the page when small), "
        f"lunr.js {sizes['/find/lunr.js'] / KB:,.1f}, finder.js {sizes['/find/finder.js'] / KB:,.1f} KB; "
        f"places.json {sizes['/find/places.json'] / KB:,.1f} KB more once a place is typed); "
        f"index + docs {per_record:,.0f} B per record [budget < {BUDGET_PER_RECORD} B: "
        f"{ok(per_record < BUDGET_PER_RECORD)}]",
        "    " + first_text(m, False) + f"; navigation -> ready {m['ready']:,.0f} ms",
        f"    words searchable (index loaded) {m['search_ready']:,.0f} ms"
        + (f" [budget < {BUDGET_SEARCHABLE_MS:,} ms: {ok(m['search_ready'] < BUDGET_SEARCHABLE_MS)}]" if big else ""),
        f"    keypress -> rendered results: median {m['key_median']:.1f} ms, p95 {m['key_p95']:.1f} ms "
        f"over {m['keys']} keystrokes"
        + (f" [budget p95 < {BUDGET_KEY_P95_MS} ms: {ok(m['key_p95'] < BUDGET_KEY_P95_MS)}]" if big else "")
        + f" (of which search and DOM update: median {m['dom_median']:.1f} ms, p95 {m['dom_p95']:.1f} ms)",
    ]
    return lines


BLANK = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank</title></head><body>'
    '<h1>Blank</h1><label for="f-q">Words</label> <input id="f-q" type="search" autocomplete="off" '
    'spellcheck="false"><script src="ready.js" defer></script></body></html>'
)
# The blank page's box times a keystroke as finder.js does (main.js: schedule, run), with no search and no DOM
# change: the input event, the wait for the next frame, the frame, and the task after it. That part of
# "keypress -> rendered results" is the browser's own, whatever the finder does.
READY_JS = """performance.mark('ccci-finder-ready'); performance.mark('ccci-finder-first-results');
var timings = [], box = document.getElementById('f-q');
if (box) box.addEventListener('input', function (e) {
  var started = e.timeStamp;
  requestAnimationFrame(function () {
    var t = { dom: performance.now() - started, paint: 0 };
    setTimeout(function () { t.paint = performance.now() - started; timings.push(t); }, 0);
  });
});
performance.mark('ccci-finder-search-ready');
window.ccciFinder = { ready: true, searchReady: true, timings: timings };
"""


def bench_baseline() -> list[str]:
    """What this machine takes, under the same throttling, to load a blank page with one script: the part of
    "navigation -> ready" that is not the finder's; and, typed into its one box, the part of "keypress -> rendered
    results" that is not the finder's. Opened in a new tab (a renderer process starts) and from
    another page of the same site (as the finder is reached from the home page: the process runs already)."""
    with tempfile.TemporaryDirectory(prefix="ccci-blank-") as tmp:
        for folder in ("find", "start"):
            (Path(tmp) / folder).mkdir()
            (Path(tmp) / folder / "index.html").write_text(BLANK, encoding="utf-8")
            (Path(tmp) / folder / "ready.js").write_text(READY_JS, encoding="utf-8")
        server, base = _serve(Path(tmp))
        try:
            cold = measure_browser(base, {}, type_keys=False)
            warm = measure_browser(base, {}, warm="/start/")
        finally:
            server.terminate()
            server.wait(timeout=10)
    return [
        f"  baseline, a blank page with one script: navigation -> ready, in a new tab {cold['ready']:,.0f} ms "
        f"(median of {LOADS}: {', '.join(f'{r:,.0f}' for r in cold['ready_all'])}); from another page of the "
        f"site {warm['ready']:,.0f} ms ({', '.join(f'{r:,.0f}' for r in warm['ready_all'])})",
        f"  baseline, a keystroke in that blank page's box with nothing drawn: keypress -> the frame after it, "
        f"median {warm['key_median']:.1f} ms, p95 {warm['key_p95']:.1f} ms over {warm['keys']} keystrokes "
        f"(the browser's part of the finder's keypress figures, typed the same way)",
    ]


def bench_themed() -> list[str]:
    """The same page inside the real site (Material's CSS, our CSS and JavaScript load too): the page weight and
    first-results budgets are for this one."""
    with tempfile.TemporaryDirectory(prefix="ccci-finder-site-") as tmp:
        site, why = themed(Path(tmp))
        if site is None:
            return [f"  shipped data in the real site: not measured ({why})"]
        server, base = _serve(site)
        sizes = gzip_sizes(site)
        try:
            m = measure_browser(base, sizes, warm="/")
            cold = measure_browser(base, sizes, type_keys=False)
            asked = measure_browser(base, sizes, type_keys=False, path="/find/?what=shelter", warm="/")
        finally:
            server.terminate()
            server.wait(timeout=10)
    weight = m["bytes"] + (0 if m["places"] else sizes["/find/places.json"])
    return [
        f"  shipped data in the real site (Material theme, {VIEWPORT['width']}x{VIEWPORT['height']}):",
        f"    page weight {weight / KB:,.1f} KB gzip: {m['bytes'] / KB:,.1f} KB transferred on load "
        f"({', '.join(f'{u} {b / KB:.1f}' for u, b in m['files'])}) + places.json "
        f"{sizes['/find/places.json'] / KB:.1f} once a place is typed "
        f"[budget < {BUDGET_WEIGHT / KB:.0f} KB: {ok(weight < BUDGET_WEIGHT)}]",
        "    from the home page: " + first_text(m, True),
        f"    navigation -> ready {m['ready']:,.0f} ms; words searchable {m['search_ready']:,.0f} ms; "
        f"keypress -> rendered results: median {m['key_median']:.1f} ms, p95 {m['key_p95']:.1f} ms",
        "    in a new tab (a renderer process starts; see the baseline): " + first_text(cold, False),
        "    from the home page with a search (/find/?what=shelter: finder.js draws those results): "
        + first_text(asked, False)
        + f"; navigation -> ready {asked['ready']:,.0f} ms",
    ]


def run(sizes: list[int]) -> list[str]:
    from synth import write

    lines = [
        f"finder (headless Chromium, CPU throttled {THROTTLE}x, {VIEWPORT['width']}x{VIEWPORT['height']}; "
        "the finder page alone, with the site's CSP, unless said; budgets in [ ])"
    ]
    lines += bench_baseline()
    lines += bench_one("shipped data", None)
    lines += bench_themed()
    print("\n".join(lines), file=sys.stderr, flush=True)  # progress; the caller prints the result
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="ccci-finder-synth-") as tmp:
            paths = write(n, Path(tmp))
            more = bench_one(f"{n:,} synthetic", sorted(paths))
        print("\n".join(more), file=sys.stderr, flush=True)
        lines += more
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="88,10000")
    args = parser.parse_args()
    print("\n".join(run([int(s) for s in args.sizes.split(",") if s])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
