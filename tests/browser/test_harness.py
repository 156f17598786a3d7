"""The browser harness itself: each fixture is shown to catch what it is for, on a tiny site written here."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

THIRD_PARTY_CSS = "https://fonts.googleapis.com/css?family=Roboto"

GOOD_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Good page</title>
<link rel="stylesheet" href="style.css"></head>
<body><main><h1>Help lines</h1>
<img src="logo.svg" alt="Coalition logo" width="16" height="16">
<p id="js-status">JavaScript is off.</p>
<p id="from-json">No data loaded.</p>
<nav aria-label="Pages"><ul><li><a href="sub/">Another page</a></li></ul></nav>
</main><script src="app.js"></script></body></html>"""

APP_JS = """document.getElementById('js-status').textContent = 'JavaScript is on.';
fetch('data.json').then(r => r.json()).then(d => {
  document.getElementById('from-json').textContent = d.message;
});"""

BAD_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad page</title>
<style>.faint{color:#bbbbbb;background:#ffffff}</style></head>
<body><main><h1>Help lines</h1><img src="logo.svg">
<p class="faint">Call for confidential support.</p></main></body></html>"""

LEAKY_HTML = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Leaky page</title>
<link rel="stylesheet" href="{THIRD_PARTY_CSS}"></head>
<body><main><h1>Leaky page</h1></main></body></html>"""

SUB_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sub page</title></head>
<body><main><h1>Sub page</h1></main></body></html>"""

LOGO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="16" height="16"/></svg>'


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("tiny-site")
    files = {
        "good.html": GOOD_HTML,
        "app.js": APP_JS,
        "data.json": '{"message": "Loaded from JSON."}',
        "style.css": "body { color: #1a1a1a; background: #ffffff; }",
        "logo.svg": LOGO_SVG,
        "bad.html": BAD_HTML,
        "leaky.html": LEAKY_HTML,
        "sub/index.html": SUB_HTML,
        "no-index/readme.txt": "a folder without index.html",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def base(tiny_site, serve_dir) -> str:
    return serve_dir(tiny_site)


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        with e:
            return e.code, e.headers.get("Content-Type", ""), e.read()


# --------------------------------------------------------------------------- serve_dir (no browser needed)


def test_serve_dir_serves_files_with_their_types(base, tiny_site, serve_dir):
    assert base.startswith("http://127.0.0.1:")
    assert serve_dir(tiny_site) == base, "the same folder must reuse its server"
    expected = {
        "/good.html": "text/html",
        "/app.js": "text/javascript",
        "/data.json": "application/json",
        "/style.css": "text/css",
        "/logo.svg": "image/svg+xml",
    }
    for path, ctype in expected.items():
        status, got, body = _get(base + path)
        assert (status, got.split(";")[0]) == (200, ctype), path
        assert body == (tiny_site / path.lstrip("/")).read_bytes()


def test_serve_dir_folders_like_a_static_host(base):
    status, _, body = _get(base + "/sub/")
    assert status == 200 and b"<h1>Sub page</h1>" in body
    assert _get(base + "/no-index/")[0] == 404, "folders must not be listed"
    assert _get(base + "/missing.html")[0] == 404


def test_serve_dir_rejects_a_file(tiny_site, serve_dir):
    with pytest.raises(NotADirectoryError):
        serve_dir(tiny_site / "good.html")


# --------------------------------------------------------------------------- axe


def test_axe_finds_known_violations(base, page_factory, run_axe, format_violations):
    page = page_factory()
    page.goto(f"{base}/bad.html")
    violations = run_axe(page)
    ids = {v["id"] for v in violations}
    assert {"image-alt", "color-contrast"} <= ids, format_violations(violations)
    text = format_violations(violations)
    assert "image-alt (critical)" in text
    assert f"{base}/bad.html" in text
    assert "at img:" in text


def test_axe_passes_good_page_under_csp(base, page_factory, run_axe, format_violations):
    page = page_factory()
    page.goto(f"{base}/good.html", wait_until="networkidle")
    # the page's JS ran and read the JSON file (so .js and .json are served right)
    assert page.text_content("#js-status") == "JavaScript is on."
    assert page.text_content("#from-json") == "Loaded from JSON."
    violations = run_axe(page)  # injected despite the page's Content-Security-Policy
    assert violations == [], format_violations(violations)
    assert format_violations([]) == "no axe violations"
    assert page.console_errors == [] and page.page_errors == []


def test_run_axe_refuses_a_no_js_page(base, page_factory, run_axe):
    page = page_factory(js=False)
    page.goto(f"{base}/bad.html")
    with pytest.raises(RuntimeError, match="no-JS"):
        run_axe(page)


# --------------------------------------------------------------------------- network


def test_local_page_makes_only_local_requests(base, page_factory, non_local_requests):
    page = page_factory()
    page.goto(f"{base}/good.html", wait_until="networkidle")
    for name in ("good.html", "style.css", "app.js", "data.json", "logo.svg"):
        assert f"{base}/{name}" in page.requests
    assert non_local_requests(page) == [], page.requests


def test_third_party_stylesheet_is_recorded(base, page_factory, non_local_requests):
    page = page_factory()
    page.goto(f"{base}/leaky.html", wait_until="load")
    assert page.text_content("h1") == "Leaky page"  # the page still loads; the font host never resolves
    assert non_local_requests(page) == [THIRD_PARTY_CSS]
    assert non_local_requests([f"{base}/x", "data:,x", "http://localhost/", "https://example.org/"]) == [
        "http://localhost/",
        "https://example.org/",
    ]


# --------------------------------------------------------------------------- no JavaScript


def test_no_js_context_runs_no_scripts(base, page_factory):
    page = page_factory(js=False)
    page.goto(f"{base}/good.html")
    assert page.text_content("#js-status") == "JavaScript is off."
    assert page.text_content("#from-json") == "No data loaded."
    assert f"{base}/data.json" not in page.requests
    page.click("nav a")  # plain links still work
    page.wait_for_url(f"{base}/sub/")
    assert page.text_content("h1") == "Sub page"


# --------------------------------------------------------------------------- skip outside CI, fail in CI


@pytest.fixture
def harness(request, monkeypatch):
    """The loaded tests/browser/conftest.py module, with its skip log isolated from the real one."""
    here = Path(__file__).with_name("conftest.py").resolve()
    for plugin in request.config.pluginmanager.get_plugins():
        if Path(getattr(plugin, "__file__", "") or ".").resolve() == here:
            monkeypatch.setattr(plugin, "_skip_reasons", [])
            return plugin
    raise AssertionError("tests/browser/conftest.py is not loaded")


def test_missing_chromium_skips_outside_ci(harness, monkeypatch):
    monkeypatch.setenv("CHROMIUM_PATH", "/nonexistent/chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium not found at /nonexistent/chromium"):
        harness.require_browser_tools()


def test_missing_tools_fail_in_ci(harness, monkeypatch, tmp_path):
    monkeypatch.setenv("CHROMIUM_PATH", "/nonexistent/chromium")
    monkeypatch.setattr(harness, "AXE_JS", harness.REPO_ROOT / "node_modules" / "nope" / "axe.min.js")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"Chromium not found.*npm ci.*CI=true"):
        harness.require_browser_tools()


def test_browser_is_debian_chromium(browser, harness):
    assert harness.missing_browser_tools() == []
    assert browser.version.split(".")[0].isdigit(), browser.version
