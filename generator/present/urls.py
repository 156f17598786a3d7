"""Where pages live, how they link to each other, and which links may reach the HTML at all: the one slug
and the one link builder for every output (pages, the finder, `ccci new`, the HSDS import). Phone links
(tel:, sms:) are built by `phones`.

Record content is rendered as raw HTML inside the Markdown, which MkDocs does not rewrite, so links between
generated pages are computed here, relative to the page that holds them (the way MkDocs would write them).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

from generator.present.phones import dialable

# Only these schemes ever reach an href. Anything else (javascript:, data:, vbscript:, file:, http:) is dropped.
SAFE_SCHEMES = frozenset({"https", "tel", "sms", "mailto"})
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)


def slug(text: str, limit: int = 80) -> str:
    """'Nez Perce' -> 'nez-perce'; "St. Luke's & Co" -> 'st-lukes-and-co' (ASCII, lowercase, hyphens, at most
    `limit` characters; '' when nothing is left). Every id and file name made from words comes from here: page
    anchors and county pages, `ccci new` and the HSDS import's record ids."""
    norm = unicodedata.normalize("NFKD", text.replace("&", " and ").replace("'", "").replace("\u2019", ""))
    norm = "".join(ch for ch in norm if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", norm).strip("-")[:limit].strip("-")


def page_url(docs_path: str, directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs gives a page: 'org/x.md' -> 'org/x/', 'housing/index.md' -> 'housing/'."""
    stem = docs_path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def link(from_docs: str, to_docs: str, directory_urls: bool = True, anchor: str = "") -> str:
    """Link from one docs page to another page ('.md') or to an asset: up to the site root, then down (always
    right, if not always shortest). 'org/x.md' -> 'counties/ada.md' is '../../counties/ada/'."""
    up = "../" * page_url(from_docs, directory_urls).count("/")
    target = page_url(to_docs, directory_urls) if to_docs.endswith(".md") else to_docs
    return (up + target or "./") + (f"#{anchor}" if anchor else "")


_UNSAFE_ASCII = re.compile(r"[\x00-\x20\x7f\\<>\"'`]")  # ASCII whitespace, control characters, quotes, brackets


def unsafe_characters(url: str) -> bool:
    """Whether `url` holds whitespace, a control or format character, a backslash, a quote or an angle bracket."""
    return bool(_UNSAFE_ASCII.search(url)) or (
        not url.isascii() and any(ch.isspace() or unicodedata.category(ch)[0] == "C" for ch in url)
    )


def safe_href(url: object) -> str | None:
    """The URL if it may be a link on the site (https/tel/sms/mailto, no spaces or control characters)."""
    if not isinstance(url, str) or not url or len(url) > 2000:
        return None
    if unsafe_characters(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES or parts.scheme != scheme:
        return None
    if scheme == "https" and not parts.hostname:
        return None
    if scheme in ("tel", "sms") and not dialable(parts.path.split(";", 1)[0]):
        return None
    if scheme == "mailto" and not _EMAIL.match(parts.path):
        return None
    return url


def website_href(value: object) -> str | None:
    """A website link: https only."""
    href = safe_href(value)
    return href if href and href.startswith("https:") else None


def mailto_href(email: object) -> str | None:
    return safe_href(f"mailto:{email}") if isinstance(email, str) else None


def with_query(base: str, **params: str) -> str | None:
    """`base` (an https URL from mkdocs.yml) with URL-encoded query parameters added, or None if unsafe."""
    if safe_href(base) is None or not base.startswith("https:"):
        return None
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items())
    return f"{base}{'&' if '?' in base else '?'}{query}" if query else base
