"""Program pages from one cached page frame (issue 15): the theme renders the header, banner, menu, footer and the
wrapping of the content of one program page per language build, and every other program page is that frame with
its own content (page.content, the HTML of its Markdown) put in; the theme renders nothing for it.

Two program pages' frames differ in three places only: the record's id in links (the language switch and the
alternate-language links: `org/<id>`), the anchor of the page's first heading (the "Skip to content" link) and
the page's title (in a theme whose header shows it; ours does not). `frame_of` cuts the first program page's
HTML around its content and marks those three values in what is left; `fill` puts another page's content and
values in.

Nothing is trusted: the second program page is rendered in full too and must come out of the frame byte for byte
(`Frames.after_render`); if it does not (a theme change, a title that is also a menu word), every program page of
that build is rendered in full, as before. CCCI_FULL_PAGES=1 turns the frame off, and site/direct.py with it (tests
compare both builds).
The theme side: site_templates/theme/ccci-org.html and ccci-blank.html. Pure (no MkDocs imports).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

TEMPLATE = "ccci-org.html"  # the theme template a program page asks for (page meta `template`)
_TOPIC = re.compile(r'data-md-component="header-topic">\n<span class="md-ellipsis">\n(.*?)\n</span>', re.S)


@dataclass(frozen=True)
class Frame:
    parts: tuple[str, ...]  # the text between slots
    slots: tuple[int, ...]  # what goes in each slot: -1 the content, else a value's index


def frame_of(page: str, values: Sequence[str], content: str) -> Frame | None:
    """`page` (whole HTML) around `content`, each occurrence of each value marked; None if the content is not in
    the page exactly once, or a value is empty."""
    start = page.find(content) if content else -1
    if start < 0 or page.find(content, start + 1) >= 0 or not all(values):
        return None
    pattern = re.compile("|".join(re.escape(v) for v in sorted(set(values), key=len, reverse=True)))
    parts: list[str] = []
    slots: list[int] = []
    for k, text in enumerate((page[:start], page[start + len(content) :])):
        last = 0
        for m in pattern.finditer(text):
            parts.append(text[last : m.start()])
            slots.append(list(values).index(m.group(0)))
            last = m.end()
        parts.append(text[last:])
        if k == 0:
            slots.append(-1)
    return Frame(tuple(parts), tuple(slots))


def fill(frame: Frame, content: str, values: Sequence[str]) -> str:
    out = [frame.parts[0]]
    for slot, part in zip(frame.slots, frame.parts[1:], strict=True):
        out.append(content if slot < 0 else values[slot])
        out.append(part)
    return "".join(out)


class Frames:
    """One build's frame (one language): captured from the first program page, checked on the next one whose
    values all differ, then used for the rest. A page is known by (record id, first heading's link, title)."""

    def __init__(self) -> None:
        self.enabled = os.environ.get("CCCI_FULL_PAGES", "") != "1"
        self.frame: Frame | None = None
        self.first: tuple[str, ...] = ()
        self.checked = False

    def _values(self, key: tuple[str, str, str]) -> tuple[str, ...] | None:
        record_id, anchor, title = key
        if not (record_id and anchor.startswith("#") and len(anchor) > 1 and title):
            return None
        return (f"org/{record_id}", anchor, title)  # (MkDocs gives the title escaped, as the header shows it)

    def content_only(self, key: tuple[str, str, str]) -> bool:
        """Whether this program page is left to the frame (the theme renders nothing for it), else in full."""
        return self.enabled and self.checked and self._values(key) is not None

    def after_render(self, output: str, key: tuple[str, str, str], content: str, content_only: bool) -> str:
        """The page to write: the frame with this page's content (as it appears in a page: squeezed) when the
        theme rendered nothing for it; a page rendered in full as it is (the first one gives the frame, the next
        checks it)."""
        values = self._values(key)
        if content_only:
            if self.frame is None or values is None:
                raise ValueError("a program page was rendered without its frame")
            return fill(self.frame, content, values)
        if not self.enabled or values is None:
            return output
        if self.frame is None:
            topic = _TOPIC.search(output)
            fits = topic is None or topic.group(1) == values[2]  # a header that shows the title shows it as given
            self.frame = frame_of(output, values, content) if fits else None
            self.first = values
            self.enabled = self.frame is not None
        elif not self.checked and all(a != b for a, b in zip(values, self.first, strict=True)):
            self.checked = fill(self.frame, content, values) == output
            self.enabled = self.checked
        return output
