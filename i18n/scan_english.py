"""Prototype for issue 13: count English interface strings on the built Spanish pages.

Usage: python i18n/scan_english.py SITE_DIR   (a site built with the Spanish edition, so SITE_DIR/es/ exists)

Searches the visible text and labels (aria-label, title, placeholder, alt) of every SITE_DIR/es/**/*.html for
the English of each row of i18n/es/strings.yaml (not composed, English differs from Spanish), skipping script,
style, elements marked lang="en" and record source lists. A seed for the test the issue asks for; not run by
the suite.
"""

from __future__ import annotations

import collections
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import yaml

VOID = ("br", "img", "input", "meta", "link", "hr", "source", "wbr")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def needles(table: dict) -> dict[str, str]:
    """English pieces worth searching for (long enough not to match by chance), each with its row's key."""
    found: dict[str, str] = {}
    for key, row in table.items():
        if row.get("composed") or row["en"] == row["es"] or key.startswith(("language.", "switcher.")):
            continue
        for piece in PLACEHOLDER.split(row["en"]):
            piece = re.sub(r"\s+", " ", piece.strip(" .,:;()"))
            if piece in row["es"]:  # the same words in both (a name such as "Idaho 211 CareLine")
                continue
            if len(piece) >= 12 or (len(piece.split()) >= 2 and len(piece) >= 8):
                found.setdefault(piece, key)
    return found


class VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.skipping: list[bool] = []
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        a = dict(attrs)
        skip = tag in ("script", "style") or a.get("lang") == "en" or "ccci-sources" in (a.get("class") or "")
        self.skipping.append(skip or (self.skipping[-1] if self.skipping else False))
        if not self.skipping[-1]:
            self.out.extend(str(a[n]) for n in ("aria-label", "title", "placeholder", "alt") if a.get(n))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.skipping:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not (self.skipping and self.skipping[-1]):
            self.out.append(data)


def main(site: Path) -> None:
    table = yaml.safe_load((Path(__file__).with_name("es") / "strings.yaml").read_text(encoding="utf-8"))["strings"]
    wanted = needles(table)
    hits: collections.Counter[str] = collections.Counter()
    pages = pages_with = 0
    for html_file in sorted((site / "es").rglob("*.html")):
        parser = VisibleText()
        parser.feed(html_file.read_text(encoding="utf-8"))
        text = re.sub(r"\s+", " ", " ".join(parser.out))
        found = {key for piece, key in wanted.items() if piece in text}
        pages += 1
        pages_with += bool(found)
        hits.update(found)
    print(f"{pages} Spanish pages, {pages_with} with English interface strings, {len(hits)} distinct strings")
    for key, n in hits.most_common(25):
        print(f"  {n:4} {key}: {table[key]['en'][:70]!r}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
