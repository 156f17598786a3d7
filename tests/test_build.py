"""Real builds: `ccci build` into temporary folders, then the built files are read back.

The whole site: every internal link and anchor resolves; every page carries the Content-Security-Policy and
loads nothing from another host; no inline script runs. Failures: bad data or a strict-mode warning fails the
build with located messages, exit 1 and no traceback, and leaves the last good site untouched. Privacy: no
confidential street, ZIP or coordinates reach any built file, even when validation is bypassed. Hostile
records come out inert. `ccci pages` + plain `mkdocs build` gives the same pages.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.present.minify import squeeze_html
from generator.records.dataset import load_dataset
from tests.helpers import REPO
from tests.sitebuild import SITE_FIXTURES, build, ccci, copy_project, html_pages, parse, resolve

pytestmark = pytest.mark.slow

CSP = "default-src 'self'"
SAFE_SCHEMES = {"https", "tel", "sms", "mailto"}
EXECUTABLE = {None, "", "text/javascript", "module", "application/javascript"}


def test_real_site_builds(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:+18883737888"' in home and 'href="sms:233733"' in home
    assert 'id="ccci-exit"' in home and 'href="https://www.weather.gov/"' in home
    ds = load_dataset(REPO)
    for org in ds.organizations:
        assert (built_site / "org" / org["id"] / "index.html").is_file()
    for kind in ("hotlines", "housing", "regions", "print", "areas/housing", "counties/ada", "regions/central"):
        assert (built_site / kind / "index.html").is_file(), kind


def test_every_internal_link_and_anchor_resolves(built_site):
    ids: dict[Path, set[str]] = {}
    broken = []
    pages = html_pages(built_site)
    parsed = {p: parse(p) for p in pages}
    for p, page in parsed.items():
        ids[p.resolve()] = page.ids
    for p, page in parsed.items():
        for _tag, attr, url in page.links:
            if attr not in ("href", "src") or url.startswith(("tel:", "sms:", "mailto:", "https:", "data:")):
                continue
            target = resolve(built_site, p, url)
            if target is None:
                broken.append(f"{p.relative_to(built_site)}: {url} (not a relative link)")
                continue
            file, fragment = target
            if not file.exists():
                broken.append(f"{p.relative_to(built_site)}: {url}")
            elif fragment and file.suffix == ".html" and fragment not in ids.get(file.resolve(), set()):
                broken.append(f"{p.relative_to(built_site)}: {url} (no such anchor)")
    assert not broken, f"{len(broken)} broken links, e.g.:\n" + "\n".join(broken[:20])


def test_every_page_is_locked_down(built_site):
    problems = []
    for p in html_pages(built_site):
        page = parse(p)
        metas = [a for t, a in page.elements if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        if not metas or not str(metas[0].get("content", "")).startswith(CSP):
            problems.append(f"{p}: no Content-Security-Policy meta")
        for tag, attr, url in page.links:
            scheme = urlsplit(url).scheme
            loads = tag != "a"  # every other tag with a URL fetches it
            if loads and (scheme or url.startswith("//")) and scheme != "data":
                problems.append(f"{p}: <{tag} {attr}={url}> loads from another place")
            if tag == "a" and scheme and scheme not in SAFE_SCHEMES:
                problems.append(f"{p}: link with scheme {scheme}: {url}")
        for script in page.scripts:
            if script.get("type") in EXECUTABLE and not script.get("src"):
                problems.append(f"{p}: inline script")
        for tag, a in page.elements:
            if any(k.startswith("on") for k in a):
                problems.append(f"{p}: <{tag}> has an event handler attribute")
    assert not problems, "\n".join(problems[:20])


def test_generated_pages_stay_out_of_the_nav(built_site):
    nav = (built_site / "index.html").read_text(encoding="utf-8")
    assert "/org/" not in re.sub(r"<article.*</article>", "", nav, flags=re.S)


def _menu(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    start = html.rindex("<nav", 0, html.index('id="ccci-menu"'))
    return html[start : html.index("</nav>", start)]


def test_generated_pages_outside_the_nav_have_the_short_menu(built_site):
    """Issue 15: a program, county or list page's menu is the top-level sections only (it was 60 % of the
    page); pages in the nav keep the whole tree."""
    top = [
        "Home",
        "Hotlines",
        "Search the list",
        "Help by need",
        "Housing lists",
        "Help by place",
        "Your rights",
        "Safety",
        "Printable lists",
        "About",
    ]
    org = next(iter(sorted((built_site / "org").glob("*/index.html"))))
    for page in (org, built_site / "counties" / "ada" / "index.html"):
        menu = _menu(page)
        assert "ccci-nav-short" in menu and 'class="md-nav__title" for="__drawer"' in menu, page
        assert [w.strip() for w in re.findall(r'class="md-nav__link">([^<]*)</a>', menu)] == top, page
        assert "md-nav__toggle" not in menu and 'data-md-level="1"' not in menu, page
        for href in re.findall(r'href="([^"]*)"', menu):
            target = resolve(built_site, page, href)
            assert target is not None and target[0].is_file(), (page, href)
    for page in (built_site / "index.html", built_site / "hotlines" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert "ccci-nav-short" not in html and "md-nav__item--nested" in html, page
    assert org.stat().st_size < 20_000  # the shipped programs' pages were ~29 KB with the whole menu


def test_no_tracking_or_storage_code_in_templates(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "localStorage" not in home and "sessionStorage" not in home and "googleapis" not in home
    assert "__md_get" not in home  # Material's inline storage helpers were replaced by assets/ccci/ccci.js
    js = (built_site / "assets" / "ccci" / "ccci.js").read_text(encoding="utf-8")
    assert "__md_set=function(){}" in js and "setItem" not in js and "cookie" not in js  # minified


# ---------------------------------------------------------------------------------------------- failures


def _broken_record(root: Path) -> Path:
    bad = root / "data" / "organizations" / "example-broken.yaml"
    bad.write_text("id: example-broken\nname: Example Broken\ndescription: Too short\nservices: []\n", encoding="utf-8")
    return bad


def test_bad_data_fails_and_keeps_the_old_site(tmp_path):
    root = copy_project(tmp_path / "p", SITE_FIXTURES / "small")
    site = tmp_path / "site"
    assert build(root, site).returncode == 0
    marker = site / "index.html"
    before = marker.read_bytes()
    _broken_record(root)
    result = build(root, site)
    assert result.returncode == 1
    assert re.search(r"data/organizations/example-broken\.yaml:\d+:\d+: error: ", result.stderr), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "the last site is unchanged" in result.stderr
    assert marker.read_bytes() == before
    assert not any(p.name.startswith(".site-") for p in tmp_path.iterdir()), "a temporary folder was left"


def test_strict_warning_fails_and_keeps_the_old_site(tmp_path):
    root = copy_project(tmp_path / "p", SITE_FIXTURES / "small")
    site = tmp_path / "site"
    assert build(root, site).returncode == 0
    (site / "keep.txt").write_text("old site", encoding="utf-8")
    (root / "docs" / "about.md").write_text("# About\n\nSee [this](no-such-page.md).\n", encoding="utf-8")
    result = build(root, site)
    assert result.returncode == 1, result.stderr
    assert "no-such-page.md" in result.stderr and "Traceback" not in result.stderr
    assert (site / "keep.txt").read_text(encoding="utf-8") == "old site"


def test_plain_mkdocs_build_reports_bad_data_like_validate(tmp_path):
    root = copy_project(tmp_path / "p", SITE_FIXTURES / "small")
    _broken_record(root)
    expected = ccci(root, "validate").stdout.splitlines()[0]
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "s")],
        cwd=root,
        text=True,
        capture_output=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_pages_command_gives_the_same_site_with_plain_mkdocs(tmp_path, fixture_site):
    ours = fixture_site("small")
    root = copy_project(tmp_path / "p", SITE_FIXTURES / "small")
    result = ccci(root, "pages", "--out", str(tmp_path / "md"), "--mkdocs-yml", str(tmp_path / "plain.yml"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "md" / "org" / "example-falls-shelter.md").is_file()
    assert (tmp_path / "md" / "index.md").is_file()  # docs/ comes along
    plain = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(tmp_path / "plain.yml"),
            "-d",
            str(tmp_path / "plain-site"),
        ],
        text=True,
        capture_output=True,
        timeout=300,
    )
    assert plain.returncode == 0, plain.stderr
    # `ccci pages` is the default language (English); the Spanish edition under es/ needs the plugins
    mine = {p.relative_to(ours) for p in html_pages(ours) if not p.relative_to(ours).as_posix().startswith("es/")}
    theirs = {p.relative_to(tmp_path / "plain-site") for p in html_pages(tmp_path / "plain-site")}
    assert mine == theirs
    a = (ours / "org/example-falls-shelter/index.html").read_text(encoding="utf-8")
    b = (tmp_path / "plain-site/org/example-falls-shelter/index.html").read_text(encoding="utf-8")
    # our build writes each page without the theme's indentation (the plugin's squeeze, which plain MkDocs
    # has not got): the same article once the plain page is squeezed the same way
    b = squeeze_html(b)
    assert re.search(r"<article.*</article>", a, re.S).group(0) == re.search(r"<article.*</article>", b, re.S).group(0)


def test_pages_for_all_languages_are_the_pages_of_the_real_build(tmp_path, fixture_site):
    """`ccci pages --all-languages` (the plain build `make bench` compares with): the Spanish pages too, the same
    set of pages as `ccci build`, with the Spanish text where there is one and the English where not."""
    ours = fixture_site("small")
    root = copy_project(tmp_path / "p", SITE_FIXTURES / "small")
    md = tmp_path / "md"
    result = ccci(root, "pages", "--out", str(md), "--mkdocs-yml", str(tmp_path / "plain.yml"), "--all-languages")
    assert result.returncode == 0, result.stderr
    plain = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(tmp_path / "plain.yml"), "-d", str(tmp_path / "s")],
        text=True,
        capture_output=True,
        timeout=300,
    )
    assert plain.returncode == 0, plain.stderr
    theirs = {p.relative_to(tmp_path / "s") for p in html_pages(tmp_path / "s")}
    mine = {p.relative_to(ours) for p in html_pages(ours)} - {Path("es/404.html")}  # a theme page, not Markdown
    assert mine == theirs
    twins = sorted((root / "docs").rglob("*.es.md"))
    assert twins, "the fixture should have a Spanish guide"
    for twin in twins:
        page = md / "es" / twin.relative_to(root / "docs").with_name(twin.name.replace(".es.md", ".md"))
        assert page.read_text(encoding="utf-8") == twin.read_text(encoding="utf-8")
    finder = (md / "es" / "find" / "index.md").read_text(encoding="utf-8")
    assert "Buscar ayuda" in finder and (md / "es" / "find" / "docs.json").is_file()


# ---------------------------------------------------------------------------------------------- privacy


def test_confidential_details_never_reach_a_built_file(tmp_path):
    """Validation is skipped (a preloaded dataset that carries a shelter's street, ZIP and coordinates): the
    build still publishes none of them, in any page or asset of any producer."""
    from generator.plugin import run_build

    root = copy_project(tmp_path / "p", SITE_FIXTURES / "small")
    ds = load_dataset(root)
    leaky = copy.deepcopy(ds)
    org = next(o for o in leaky.organizations if o["id"] == "example-falls-shelter")
    org["locations"][0]["address"].update(street="77 Secretplace Lane", postal_code="83399")
    org["locations"][0]["geo"] = {"lat": 42.987653, "lon": -114.123457}
    assert run_build(root / "mkdocs.yml", tmp_path / "site", leaky) is None
    found = []
    for f in (tmp_path / "site").rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            for secret in (b"Secretplace", b"83399", b"987653", b"123457"):
                if secret in data:
                    found.append(f"{f.relative_to(tmp_path / 'site')}: {secret.decode()}")
    assert not found, found
    page = (tmp_path / "site/org/example-falls-shelter/index.html").read_text(encoding="utf-8")
    assert "Confidential location, Twin Falls area — call for access" in page


def test_hostile_records_are_inert_text(fixture_site):
    """Record text shows up inside <article>: nothing there may be an element the record wrote; no page has an
    event handler or a link the record chose."""
    from tests.sitebuild import Page

    site = fixture_site("hostile")
    injected = (
        "script",
        "img",
        "iframe",
        "object",
        "embed",
        "marquee",
        "form",
        "input",
        "style",
        "details",
        "svg",
        "link",
        "b",
    )
    problems = []
    for p in html_pages(site):
        page = parse(p)
        for tag, a in page.elements:
            if any(k.startswith("on") for k in a):
                problems.append(f"{p}: <{tag}> with {sorted(k for k in a if k.startswith('on'))}")
        for tag, attr, url in page.links:
            if "evil.test" in url or "tracker.test" in url or url.lower().startswith(("javascript", "data:text")):
                problems.append(f"{p}: {tag} {attr}={url}")
        rel = p.relative_to(site).as_posix().removeprefix("es/")  # the Spanish edition: the same pages
        if rel.startswith("find/"):
            continue  # the finder page has its own form; its results are built by finder.js from JSON
        article = re.search(r"<article.*</article>", p.read_text(encoding="utf-8"), re.S)
        inner = Page()
        inner.feed(article.group(0) if article else "")
        for tag, a in inner.elements:
            if tag == "script" and a.get("type") == "application/ld+json":
                continue
            if rel == "index.html" and (
                tag == "form"
                and a.get("class") == "ccci-home-search"
                or tag == "input"
                and a.get("id") in ("home-what", "home-near")
            ):
                continue  # the home page's own search (docs/index.md), which finder.js answers
            if tag in injected:
                problems.append(f"{p}: injected <{tag} {a}>")
    assert not problems, "\n".join(problems[:20])
    text = (site / "org/example-hostile-markup/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in text or "&#60;script&#62;alert" in text


def test_neutral_title_and_corrections_url(tmp_path):
    def edit(text: str) -> str:
        text = text.replace('neutral_title: ""', 'neutral_title: "Weather"')
        return text.replace('corrections_url: ""', 'corrections_url: "https://issues.test/new"')

    root = copy_project(tmp_path / "p", SITE_FIXTURES / "small", mkdocs_edit=edit)
    assert build(root, tmp_path / "site").returncode == 0
    titles = {parse(p).title.strip() for p in html_pages(tmp_path / "site")}
    assert titles == {"Weather"}
    org = (tmp_path / "site/org/example-falls-shelter/index.html").read_text(encoding="utf-8")
    assert 'href="https://issues.test/new?title=Correction%3A%20example-falls-shelter&amp;body=' in org


def test_serve_rebuilds_when_a_record_changes(tmp_path):
    import os
    import socket
    import time
    import urllib.request

    root = copy_project(tmp_path / "p", SITE_FIXTURES / "small")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "CCCI_TODAY": "2026-11-28"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator.cli.main", "serve", "--port", str(port)],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/org/example-falls-shelter/"

    def fetch_until(text: str, seconds: float = 60) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if text in urllib.request.urlopen(url, timeout=5).read().decode("utf-8"):
                    return True
            except OSError:
                pass
            time.sleep(0.5)
        return False

    try:
        assert fetch_until("Example Falls Shelter"), "serve did not start"
        record = root / "data" / "organizations" / "example-falls-shelter.yaml"
        record.write_text(
            record.read_text(encoding="utf-8").replace(
                "name: Example Falls Shelter", "name: Example Falls Shelter Renamed"
            ),
            encoding="utf-8",
        )
        assert fetch_until("Example Falls Shelter Renamed"), "the page was not rebuilt after the YAML changed"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
