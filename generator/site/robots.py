"""robots.txt: every page may be indexed (people look for help with a search engine), and the sitemap is named
when the site's address is known (`site_url`, set by the deploy workflow).
The decision is written in docs/hosting.md ("Search engines and robots.txt").

Nothing private is published (generator/records/redact.py), so there is nothing to hide from crawlers; and a robots.txt
"Disallow" line would only list, in public, what it tried to hide.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.present.outputs import Outputs
from generator.present.urls import safe_href
from generator.records.dataset import Dataset


def text(site_url: str) -> str:
    lines = ["# Idaho CCCI Resource Directory: every page is public and may be indexed, so that people can find help.",
             "User-agent: *", "Allow: /"]
    base = safe_href(site_url) if site_url.startswith("https://") else None
    if base:
        lines.append(f"Sitemap: {base.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


def produce(dataset: Dataset, settings: Mapping[str, Any]) -> Outputs:
    """The `generator.site.robots:produce` producer."""
    return Outputs(assets={"robots.txt": text(str(settings.get("site_url") or "")).encode("utf-8")})
