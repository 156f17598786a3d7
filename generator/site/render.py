"""What every page renderer of site.pages shares: escaping for Markdown and raw HTML, the Jinja environment,
sections of cards (trimmed to SECTION_LIMIT, with the full list on pages of PAGE_SIZE), and `Site`: the data,
the settings, the services indexed by place and scope, and the pages written so far. Pure: no MkDocs import.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator.present import services, strings, urls, views
from generator.present.outputs import Outputs
from generator.present.strings import t
from generator.records.dataset import Dataset, Taxonomy

TEMPLATES = Path(__file__).resolve().parents[2] / "site_templates" / "pages"
SECTION_LIMIT = 25  # cards shown in one section of a hub page before "see all"
PAGE_SIZE = 50  # cards per page of a full list
WIDE_LIMIT = 8  # statewide and national programs shown on a county, region or area page (issue 15)
WIDE_PATH = "lists/statewide.md"  # the one list of every statewide and national program, grouped by need
GROUP_INLINE = 12  # a need with at most this many programs is listed on that page; more go on its own pages

# ---------------------------------------------------------------------------------------------- escaping


def md_text(value: Any) -> Markup:
    """Text safe anywhere in a Markdown line: one line, no control or format characters (but the language marks),
    and every ASCII punctuation mark as &#NN;."""
    text = " ".join(str(value or "").split())
    if not text.isprintable():  # (after the split, the only characters that are not are those of category C)
        text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in _MARKS)
    return Markup(text.translate(_MD_REFS))  # noqa: S704 - every character that could be markup is a reference


_MD_REFS = {n: f"&#{n};" for n in range(128) if not chr(n).isalnum() and chr(n) != " "}


def raw_block(value: str) -> Markup:
    """An HTML fragment as one raw block: no blank lines inside (Markdown would end the block there)."""
    html_text = value if isinstance(value, Markup) else escape(value)  # only rendered, escaped HTML passes
    body = "\n".join(line.rstrip() for line in str(html_text).splitlines() if line.strip())
    return Markup(f"\n{body}\n") if body else Markup("")  # noqa: S704 - built from escaped Markup only


_MARKS = (strings.EN_START, strings.EN_NAME, strings.EN_END)  # English record text on a Spanish page: kept


def t_html(key: str, /, **parts: Any) -> Markup:
    """t(key) as HTML, its {placeholders} filled with `parts`: Markup (a link) as it is, anything else escaped."""
    text = str(escape(t(key)))
    for name, value in parts.items():
        text = text.replace("{" + name + "}", str(escape(value)))
    return Markup(text)  # noqa: S704 - the table's text is escaped; each part is escaped or our own Markup


def html_link(href: str, text: str) -> Markup:
    """<a href="...">text</a>, both escaped: a link to put in a string's {placeholder}."""
    return Markup(f'<a href="{escape(href)}">{escape(text)}</a>')  # noqa: S704 - both parts escaped


def front_matter(title: str, **meta: Any) -> str:
    """YAML front matter (JSON values are valid YAML). Material prints `title` raw, so it is escaped here."""
    title = strings.strip_marks(title)
    lines = [f"title: {yaml_json(html.escape(' '.join(title.split()), quote=False))}"]
    lines += [f"{key}: {yaml_json(value)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


# Three or more line breaks in a row (= \n{3,}; written so that the regex engine looks for the literal "\n\n\n"
# first, four times faster over a page)
_BLANK_LINES = re.compile(r"\n\n\n+")
_PAIR = re.compile(r"\\ud([89ab][0-9a-f]{2})\\ud([c-f][0-9a-f]{2})")


def yaml_json(value: Any) -> str:
    """`value` as JSON that YAML reads back the same: a character beyond U+FFFF (an emoji) is written as YAML's
    \\UXXXXXXXX, not as JSON's pair of \\u escapes, which YAML reads as two broken halves."""
    return _PAIR.sub(lambda m: "\\U%08x" % (0x10000 + ((int(m[1], 16) - 0x800) << 10) + int(m[2], 16) - 0xC00),
                     json.dumps(value))


@cache
def environment(folder: str = str(TEMPLATES)) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["md"] = md_text
    env.filters["raw"] = raw_block
    # the interface's words in the language in use (present/strings.py), and helpers to put links in them
    env.globals.update(t=t, th=t_html, th_link=html_link,
                       tel911=Markup('<a href="tel:911">911</a>'))
    return env


# ---------------------------------------------------------------------------------------------- structure


Pair = tuple[dict[str, Any], dict[str, Any]]  # (organization, one of its services)


@dataclass
class Section:
    id: str
    heading: str
    items: list[Any]  # views.Card or views.Line
    kind: str = "cards"  # cards | lines
    intro: str = ""
    empty: str = ""  # t("section.empty") when not given
    shown: list[Any] = field(default_factory=list)
    more: str | None = None  # docs path of the full list when it does not fit
    more_anchor: str = ""
    more_label: str = ""  # instead of "See all N: <heading>"
    limit: int = SECTION_LIMIT  # cards shown before "see all"

    def __post_init__(self) -> None:
        self.id = urls.slug(self.id)  # it becomes an HTML id and a file name
        self.empty = self.empty or t("section.empty")


@dataclass
class Site:
    """What every page renderer needs: the data, the settings, an index of services by place and scope
    (built once: every listing is a lookup, not a scan), and the pages written so far."""

    ds: Dataset
    settings: Mapping[str, Any]
    today: dt.date
    out: Outputs = field(default_factory=Outputs)
    _wide_cards: list[views.Card] | None = None
    _wide_groups: list[Section] | None = None
    _cards: dict[tuple[int, ...], views.Card] = field(default_factory=dict)
    _templates: dict[str, jinja2.Template] = field(default_factory=dict)

    def __post_init__(self) -> None:
        tax = self.ds.taxonomy
        self.pairs = list(services.all_services(self.ds))
        self.scoped: dict[str, list[Pair]] = {"local": [], "statewide": [], "national": []}
        self.in_county: dict[str, list[Pair]] = {c: [] for c in tax.county_region}
        self.in_region: dict[str, list[Pair]] = {r: [] for r in tax.regions}
        for pair in self.pairs:
            kind = services.scope(pair[1])
            self.scoped[kind].append(pair)
            if kind == "local":
                counties = services.served_counties(pair[1], tax)
                for county in counties:
                    self.in_county[county].append(pair)
                for region in {tax.county_region[c] for c in counties}:
                    self.in_region[region].append(pair)
        directory = bool(self.settings.get("use_directory_urls", True))
        self.directory_urls = directory
        self.route = views.route_line(self.ds)  # for listings that give no way to reach them

    @property
    def tax(self) -> Taxonomy:
        return self.ds.taxonomy

    def card(self, org: dict[str, Any], svcs: list[dict[str, Any]]) -> views.Card:
        key = (id(org), *map(id, svcs))
        if key not in self._cards:
            self._cards[key] = views.card(org, svcs, self.tax, self.today, self.route)
        return self._cards[key]

    def cards(self, matches: list[Pair]) -> list[views.Card]:
        return views.cards(matches, self.tax, self.today, self.card)

    def linker(self, page: str) -> Callable[..., str]:
        """Links from `page` (generator/present/urls.py builds them)."""
        directory = self.directory_urls

        def link(to: str, anchor: str = "") -> str:
            return urls.link(page, to, directory, anchor)

        return link

    def render(self, path: str, template: str, title: str, meta: dict[str, Any] | None = None,
               **context: Any) -> None:
        found = self._templates.get(template)
        if found is None:  # once per template and build: Jinja would check the file's time on every page
            found = self._templates[template] = environment().get_template(template)
        body = found.render(
            page_path=path, title=title, link=self.linker(path), settings=self.settings, today=self.today,
            **context)
        body = strings.mark_english(body, t("record.in_english"))  # record text with no Spanish yet
        self.out.pages[path] = front_matter(title, **(meta or {})) + _BLANK_LINES.sub("\n\n", body)

    def listing(self, path: str, title: str, sections: list[Section]) -> list[Section]:
        """Trim long sections to SECTION_LIMIT; their full lists go on pages of PAGE_SIZE (shared or own)."""
        base = path.removesuffix("/index.md") if path.endswith("/index.md") else path.removesuffix(".md")
        for sec in sections:
            sec.shown = sec.items[:sec.limit]
            if len(sec.items) > sec.limit and sec.more is None:
                sec.more = self.full_list(f"{base}/{sec.id}", path, title, sec)
        return sections

    def full_list(self, base: str, hub: str, hub_title: str, sec: Section, title: str = "") -> str:
        """Write every item of `sec` on pages `<base>.md`, `<base>-2.md`, ...; return the first page's path."""
        chunks = [sec.items[i:i + PAGE_SIZE] for i in range(0, len(sec.items), PAGE_SIZE)]
        paths = [f"{base}.md" if n == 0 else f"{base}-{n + 1}.md" for n in range(len(chunks))]
        for n, chunk in enumerate(chunks):
            self.render(paths[n], "more.md.j2", t("page.list_part", heading=title or sec.heading, n=n + 1,
                                                   total=len(chunks)),
                        {**HUB_META, "ccci": "list"}, hub=hub, hub_title=hub_title, section=sec, items=chunk,
                        number=n + 1, pages=len(chunks), prev=paths[n - 1] if n else None,
                        next=paths[n + 1] if n + 1 < len(chunks) else None)
        return paths[0]

    def wide_cards(self) -> list[views.Card]:
        """Every statewide and national program, one card each, in the order a place page shows them: lines
        open 24/7 and crisis lines first, then Idaho's own programs before national ones, then A to Z."""
        if self._wide_cards is None:
            statewide = {str(org.get("id")) for org, _ in self.scoped["statewide"]}

            def rank(card: views.Card) -> tuple[int, int]:
                line = card.always_open or any(p.kind == "hotline" for p in card.phones)
                return (0 if line else 1, 0 if card.org_id in statewide else 1)

            # sorted() is stable: within each rank the cards keep their A to Z order.
            self._wide_cards = sorted(self.cards(self.scoped["statewide"] + self.scoped["national"]), key=rank)
        return self._wide_cards

    def wide(self, where: str) -> Section:
        """The bounded block of statewide and national programs on a place page: the first WIDE_LIMIT, with a
        link to the one list of them all (written once, by wide_list)."""
        items = self.wide_cards()
        sec = Section("statewide", t("section.wide", place=where), items,
                      limit=WIDE_LIMIT,
                      empty=t("section.wide_empty"))
        if items and (items[0].always_open or any(p.kind == "hotline" for p in items[0].phones)):
            sec.intro = t("section.wide_intro")
        if len(items) > WIDE_LIMIT:
            sec.more = self.wide_list()
            sec.more_label = t("section.wide_see_all", n=len(items))
        return sec

    def wide_list(self) -> str:
        """The one list of every statewide and national program (WIDE_PATH), grouped by kind of help: a kind with
        at most GROUP_INLINE programs is listed there, a larger one on its own pages of PAGE_SIZE
        (lists/statewide/<area>.md, ...). Each service is listed once, under its own kind of help."""
        if self._wide_groups is not None:
            return WIDE_PATH
        tax = self.tax
        by_area: dict[str, list[Pair]] = {}
        for pair in self.scoped["statewide"] + self.scoped["national"]:
            area = str(pair[1].get("service_area"))
            by_area.setdefault(area if area in tax.service_areas else "other", []).append(pair)
        groups = []
        for area in [*tax.service_areas, "other"]:
            if area not in by_area:
                continue
            name = tax.area_name(area) if area != "other" else t("wide.other")
            sec = Section(area, name, self.cards(by_area[area]), limit=GROUP_INLINE)
            sec.shown = sec.items if len(sec.items) <= GROUP_INLINE else []
            if not sec.shown:
                sec.more = self.full_list(f"lists/statewide/{sec.id}", WIDE_PATH, t("wide.title"), sec,
                                          title=t("wide.group_title", need=name))
            groups.append(sec)
        self._wide_groups = groups
        total = len(self.wide_cards())
        self.render(WIDE_PATH, "wide.md.j2", t("wide.title"), {**HUB_META, "ccci": "statewide"}, groups=groups,
                    total=total)
        return WIDE_PATH


# The finder searches records (Material's index stays small). A program page has no "Table of contents" beside it
# (its three headings are on its first screen or two): 1.2 KB of each of 20,000 pages at 10,000 records (issue 15).
ORG_META = {"search": {"exclude": True}, "hide": ["toc"]}
HUB_META = {"search": {"exclude": True}}
