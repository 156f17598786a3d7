"""The hosting header files (docs/_headers for Netlify and Cloudflare Pages, hosting/nginx.conf,
hosting/Caddyfile) agree with each other and with the Content-Security-Policy <meta> tag of every page, and
the built site ships _headers at its root. docs/hosting.md names each header and says what GitHub Pages cannot
do. (tests/browser/test_hosting_headers.py serves the site with these headers and frames it for real.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import REPO

HEADERS_FILE = REPO / "docs" / "_headers"
NGINX = REPO / "hosting" / "nginx.conf"
CADDY = REPO / "hosting" / "Caddyfile"
MAIN_HTML = REPO / "site_templates" / "theme" / "main.html"
HOSTING_MD = REPO / "docs" / "hosting.md"
NAMES = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
)


def meta_csp() -> str:
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', MAIN_HTML.read_text("utf-8"))
    assert m, "no Content-Security-Policy <meta> in main.html"
    return m.group(1)


def netlify_headers(path: Path = HEADERS_FILE) -> dict[str, str]:
    """The headers of the `/*` rule of a Netlify/Cloudflare _headers file."""
    out: dict[str, str] = {}
    rule = None
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rule = line.strip()
            continue
        assert rule == "/*", f"{path}: a header outside the /* rule: {line}"
        name, _, value = line.strip().partition(":")
        out[name.strip()] = value.strip()
    return out


def nginx_headers() -> dict[str, str]:
    found = re.findall(r'^add_header\s+(\S+)\s+"([^"]*)"\s+always;', NGINX.read_text("utf-8"), re.M)
    return dict(found)


def caddy_headers() -> dict[str, str]:
    text = CADDY.read_text("utf-8")
    block = re.search(r"header \{(.*?)\n\t\}", text, re.S)
    assert block, "no header { } block in hosting/Caddyfile"
    return dict(re.findall(r'^\s+([A-Za-z-]+)\s+"([^"]*)"$', block.group(1), re.M))


@pytest.mark.parametrize(
    "read", [netlify_headers, nginx_headers, caddy_headers], ids=["_headers", "nginx.conf", "Caddyfile"]
)
def test_each_header_file_has_the_policy_of_the_pages_plus_frame_ancestors(read):
    headers = read()
    assert set(NAMES) <= set(headers), sorted(set(NAMES) - set(headers))
    assert headers["Content-Security-Policy"] == meta_csp() + "; frame-ancestors 'none'"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    features = dict(f.strip().split("=", 1) for f in headers["Permissions-Policy"].split(","))
    assert features.pop("geolocation") == "(self)"
    assert features and all(v == "()" for v in features.values()), features  # everything else: nobody


def test_the_three_header_files_say_the_same():
    assert netlify_headers() == nginx_headers() == caddy_headers()


def test_the_pages_send_no_referrer_by_meta_too():
    assert '<meta name="referrer" content="no-referrer">' in MAIN_HTML.read_text("utf-8")


def test_hosting_guide_names_every_header_and_what_github_pages_cannot_do():
    text = HOSTING_MD.read_text("utf-8")
    for name in NAMES:
        assert f"`{name}" in text, name
    assert "## GitHub Pages" in text and "cannot send any of these headers" in text
    for path in ("hosting/nginx.conf", "hosting/Caddyfile", "`_headers`"):
        assert path in text, path
    assert "access_log off" in text and "access_log off;" in NGINX.read_text("utf-8")


def test_the_built_site_ships_the_headers_file_at_its_root(built_site):
    assert (built_site / "_headers").read_text("utf-8") == HEADERS_FILE.read_text("utf-8")
    assert (built_site / "hosting" / "index.html").is_file()
