"""The site served the way Netlify or Cloudflare Pages serve it, with the headers of its own `_headers` file,
cannot be shown inside another website's frame, even with JavaScript off (so no script helps); served
without them (GitHub Pages), the same frame shows the page, which is why the page hides itself there
(tests/browser/test_exit.py)."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from tests.browser.conftest import LOCAL_HOST, QuietHandler
from tests.test_hosting import netlify_headers


@pytest.fixture(scope="module")
def headers_site(built_site):
    """The built site on its own port, every response with the headers of site/_headers."""
    headers = netlify_headers(built_site / "_headers")

    class WithHeaders(QuietHandler):
        def end_headers(self):
            for name, value in headers.items():
                self.send_header(name, value)
            super().end_headers()

    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(WithHeaders, directory=str(built_site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield f"http://{LOCAL_HOST}:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def framing(tmp_path, serve_dir, src: str) -> str:
    (tmp_path / "index.html").write_text(
        f'<!doctype html><title>Someone else</title><iframe id=f src="{src}" width=900 height=500></iframe>',
        encoding="utf-8",
    )
    return serve_dir(tmp_path)


def framed_document(page, framer: str) -> str:
    page.goto(f"{framer}/")
    page.wait_for_load_state("load")  # the frame's load (or refusal) is part of the page's load
    child = page.frames[1]
    return child.url


def test_with_the_headers_no_other_site_can_frame_a_page(headers_site, page_factory, serve_dir, tmp_path):
    page = page_factory(js=False)
    own = page_factory(js=False)
    response = own.goto(f"{headers_site}/hotlines/")
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert own.locator("#ccci-exit").count() == 1  # the page itself works with its headers
    url = framed_document(page, framing(tmp_path, serve_dir, f"{headers_site}/hotlines/"))
    assert url.startswith("chrome-error://"), url
    assert page.frame_locator("#f").locator("#ccci-exit").count() == 0


def test_without_the_headers_a_frame_shows_the_page(built_site, serve_dir, page_factory, tmp_path):
    """The control: the plain server (like GitHub Pages) lets the frame load."""
    page = page_factory(js=False)
    site = serve_dir(built_site)
    url = framed_document(page, framing(tmp_path, serve_dir, f"{site}/hotlines/"))
    assert url == f"{site}/hotlines/"
    assert page.frame_locator("#f").locator("#ccci-exit").count() == 1
