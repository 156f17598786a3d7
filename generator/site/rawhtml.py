"""Raw HTML blocks of generated pages, kept out of Python-Markdown (issue 15).

A generated page (site/pages.py) is Markdown headings between raw HTML blocks that its templates have already
escaped and rendered (render.raw_block). Python-Markdown would parse each block with an HTML parser only to
pass it through unchanged, and MkDocs parses the whole page once more to collect the ids it holds. `stash`
swaps each such block for a one-word placeholder paragraph that nothing in a record can spell (the key is
random per build); `unstash` puts the blocks back into the HTML Python-Markdown made, and `anchor_ids` gives
MkDocs the ids that its own parse would have found, so links to them are still checked. Pure: no MkDocs.
"""

from __future__ import annotations

import html
import re
import secrets

# Tags that open a raw HTML block in Python-Markdown (markdown.Markdown.block_level_elements, less the ones
# our templates never start a block with); a block that starts with any other tag is a paragraph to it.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "nav", "ol", "p", "pre", "script", "section",
    "table", "ul",
})
_OPEN = re.compile(r"<([a-z][a-z0-9]*)[\s>]")
_BLANK = re.compile(r"(\n(?:[ \t]*\n)+)")
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(\s[^>]*)>")
_ATTR = re.compile(r'\s(id|name)="([^"]*)"')


def new_key() -> str:
    return "ccciraw" + secrets.token_hex(8)


def stash(markdown: str, key: str) -> tuple[str, list[str]]:
    """The Markdown with every raw HTML block (a block of lines that starts with a block-level tag at the
    start of the line, after a blank line) replaced by the paragraph `<key><n>z`; and the blocks."""
    parts = _BLANK.split(markdown)
    blocks: list[str] = []
    for i in range(0, len(parts), 2):
        match = _OPEN.match(parts[i])
        if match and match.group(1) in BLOCK_TAGS:
            blocks.append(parts[i])
            parts[i] = f"{key}{len(blocks) - 1}z"
    return "".join(parts), blocks


def unstash(content: str, key: str, blocks: list[str]) -> str:
    """Python-Markdown's HTML with each placeholder paragraph replaced by its block; every block once."""
    seen: list[int] = []

    def put(match: re.Match[str]) -> str:
        n = int(match.group(1))
        seen.append(n)
        return blocks[n] + "\n"  # Python-Markdown ends a raw block with a blank line

    out = re.sub(f"<p>{key}(\\d+)z</p>", put, content)
    if sorted(seen) != list(range(len(blocks))):
        raise ValueError("a raw HTML block of a generated page went missing or came out twice")
    return out.strip()  # as Python-Markdown's own output


def anchor_ids(blocks: list[str]) -> set[str]:
    """The ids (and <a name>) in the blocks, as MkDocs' own HTML parse would find them."""
    found = set()
    for block in blocks:
        if 'id="' not in block and 'name="' not in block:  # most blocks: nothing to find, no need to parse
            continue
        for tag, attrs in _TAG.findall(block):
            for name, value in _ATTR.findall(attrs):
                if name == "id" or tag.lower() == "a":
                    found.add(html.unescape(value))
    return found
