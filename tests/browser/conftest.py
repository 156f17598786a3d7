"""Real-browser test harness: Debian Chromium driven by the PyPI `playwright` package, axe-core from npm.

Every test under tests/browser/ gets the `browser` marker (deselect with `-m "not browser"`) and a
120 s timeout unless it sets its own.

Fixtures (see README "Browser tests"):
  serve_dir(path) -> base_url          session: serve a folder on http://127.0.0.1:<free port>
  browser                              session: headless Chromium (skips, or fails when CI=true, if missing)
  page_factory(js=True, **ctx) -> Page fresh context + page; page.requests lists every URL it asked for
  run_axe(page, ...) -> [violation]    axe-core with the WCAG 2.0/2.1/2.2 A+AA tags
  format_violations(violations) -> str readable text for assert messages
  non_local_requests(page) -> [url]    requests that did not go to 127.0.0.1

Chromium is launched with --host-resolver-rules so that no host but 127.0.0.1 resolves: a page that links a
third-party file still shows that URL in page.requests (it fails with ERR_NAME_NOT_RESOLVED), but nothing
leaves the machine. Use 127.0.0.1 in URLs, never localhost.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
LOCAL_HOST = "127.0.0.1"
DEFAULT_TEST_TIMEOUT = 120  # seconds; a hung browser must not eat the whole CI run

CHROMIUM_ARGS = [
    "--no-sandbox",  # we run as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # Safety net: only 127.0.0.1 resolves, so a page under test can never reach the internet.
    f"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE {LOCAL_HOST}",
]

_skip_reasons: list[str] = []


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def missing_browser_tools() -> list[str]:
    """What the browser tests need but cannot find (empty list when all is there)."""
    missing = []
    chromium = chromium_path()
    if not (os.path.isfile(chromium) and os.access(chromium, os.X_OK)):
        missing.append(f"Chromium not found at {chromium} (apt-get install chromium, or set CHROMIUM_PATH)")
    if not AXE_JS.is_file():
        missing.append(f"{AXE_JS.relative_to(REPO_ROOT)} not found (run `npm ci` or `make node`)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("Python package playwright not installed (pip install -e '.[test]')")
    return missing


def require_browser_tools() -> None:
    """Skip the test outside CI, fail it in CI (CI=true), when a browser tool is missing."""
    missing = missing_browser_tools()
    if not missing:
        return
    reason = "BROWSER TESTS NOT RUN: " + "; ".join(missing)
    if in_ci():
        pytest.fail(reason + " [CI=true, so this is a failure]", pytrace=False)
    if reason not in _skip_reasons:
        _skip_reasons.append(reason)
    pytest.skip(reason)


# ---------------------------------------------------------------------------------------------- pytest hooks


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE not in Path(item.path).resolve().parents:
            continue
        item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(DEFAULT_TEST_TIMEOUT))


def pytest_terminal_summary(terminalreporter):
    for reason in _skip_reasons:
        terminalreporter.write_sep("!", "browser tests skipped", red=True, bold=True)
        terminalreporter.write_line(reason, red=True, bold=True)


# ---------------------------------------------------------------------------------------------- static server


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files only: no request log on stderr, no directory listings (a folder without
    index.html is a 404, as on a real static host), explicit types for what the site ships."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".mjs": "text/javascript; charset=utf-8",
        ".json": "application/json",
        ".geojson": "application/geo+json",
        ".csv": "text/csv; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
        ".xml": "application/xml",
        ".svg": "image/svg+xml",
        ".webmanifest": "application/manifest+json",
        ".ics": "text/calendar; charset=utf-8",
        ".vcf": "text/vcard; charset=utf-8",
        ".woff2": "font/woff2",
    }

    def log_message(self, format, *args):
        pass

    def list_directory(self, path):
        self.send_error(404, "No index.html in this folder")
        return None


@pytest.fixture(scope="session")
def serve_dir():
    """serve_dir(path) -> "http://127.0.0.1:PORT" (no trailing slash). One server per folder, reused for the
    whole session; files are read from disk on each request. All servers stop at the end of the session."""
    servers: dict[Path, tuple[http.server.ThreadingHTTPServer, threading.Thread, str]] = {}

    def serve(path) -> str:
        root = Path(path).resolve()
        if not root.is_dir():
            raise NotADirectoryError(f"serve_dir: not a folder: {root}")
        if root not in servers:
            handler = functools.partial(QuietHandler, directory=str(root))
            server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
            server.daemon_threads = True
            thread = threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": 0.1},
                name=f"serve {root.name}",
                daemon=True,
            )
            thread.start()
            servers[root] = (server, thread, f"http://{LOCAL_HOST}:{server.server_address[1]}")
        return servers[root][2]

    yield serve
    for server, thread, _url in servers.values():
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# ---------------------------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium (Playwright, no `playwright install`). `browser.version` tells which."""
    require_browser_tools()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page_factory(browser):
    """page_factory(js=True, **context_options) -> a new Page in its own fresh browser context (no shared
    cookies or storage). Extra attributes on the page:
      page.requests        every URL requested by the context (http(s) and ws(s)), failed ones included
      page.console_errors  text of console.error messages
      page.page_errors     uncaught JavaScript exceptions
      page.js_enabled      whether JavaScript runs in this context
    All contexts are closed when the test ends."""
    contexts = []

    def make(js: bool = True, **context_options):
        ctx = browser.new_context(java_script_enabled=js, **context_options)
        contexts.append(ctx)
        ctx.set_default_timeout(15_000)
        requests: list[str] = []
        ctx.on("request", lambda r: requests.append(r.url))
        page = ctx.new_page()
        page.requests = requests
        page.console_errors = []
        page.page_errors = []
        page.js_enabled = js
        page.on("websocket", lambda ws: requests.append(ws.url))
        page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.page_errors.append(str(e)))
        return page

    yield make
    for ctx in contexts:
        ctx.close()


# ---------------------------------------------------------------------------------------------- axe + checks


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def run_axe_on(page, tags=WCAG_TAGS, context=None) -> list[dict]:
    """Run axe-core on the page's current document and return its violations as plain dicts:
    {id, impact, help, help_url, page_url, nodes: [{target, html, summary}]}.
    `context` is axe's include/exclude selector (default: the whole document)."""
    if not getattr(page, "js_enabled", True):
        raise RuntimeError("run_axe needs JavaScript: axe hangs in a no-JS context; use page_factory(js=True)")
    # page.evaluate goes through DevTools, so a Content-Security-Policy on the page does not block it.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        "([ctx, opts]) => axe.run(ctx || document, opts)",
        [context, {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]}],
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "help_url": v["helpUrl"],
            "page_url": page.url,
            "nodes": [
                {"target": n["target"], "html": n["html"], "summary": n.get("failureSummary") or ""} for n in v["nodes"]
            ],
        }
        for v in result["violations"]
    ]


def format_violation_list(violations: list[dict], max_nodes: int = 5) -> str:
    """Readable text for an assert message: one block per rule, up to max_nodes elements each."""
    if not violations:
        return "no axe violations"
    urls = sorted({v.get("page_url", "") for v in violations} - {""})
    lines = [f"{len(violations)} axe violation(s)" + (f" on {', '.join(urls)}" if urls else "") + ":"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}  [{v['help_url']}]")
        for n in v["nodes"][:max_nodes]:
            html = " ".join(n["html"].split())
            html = html if len(html) <= 160 else html[:157] + "..."
            lines.append(f"    at {' > '.join(map(str, n['target']))}: {html}")
            for s in n["summary"].splitlines():
                if s.strip():
                    lines.append(f"        {s.strip()}")
        if len(v["nodes"]) > max_nodes:
            lines.append(f"    ... and {len(v['nodes']) - max_nodes} more element(s)")
    return "\n".join(lines)


def non_local(urls) -> list[str]:
    """The http(s)/ws(s) URLs whose host is not 127.0.0.1 (data:, blob: and about: are local)."""
    out = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname != LOCAL_HOST:
            out.append(url)
    return out


@pytest.fixture
def run_axe():
    """run_axe(page, tags=WCAG_TAGS, context=None) -> list of violations (see run_axe_on)."""
    return run_axe_on


@pytest.fixture
def format_violations():
    """format_violations(violations, max_nodes=5) -> str for `assert v == [], format_violations(v)`."""
    return format_violation_list


@pytest.fixture
def non_local_requests():
    """non_local_requests(page_or_urls) -> URLs that did not go to 127.0.0.1."""

    def check(page_or_urls) -> list[str]:
        urls = getattr(page_or_urls, "requests", page_or_urls)
        return non_local(urls)

    return check


# The accessibility tests' site: CCCI_TEST_SITE_DIR, or the session's built site (tests/browser/a11y_tools.py).
@pytest.fixture(scope="module")
def site_root(request):
    from tests.browser.a11y_tools import site_root_for

    return site_root_for(request)


@pytest.fixture(scope="module")
def site_url(site_root, serve_dir):
    return serve_dir(site_root)
