"""The finder page (/find/index.md): its UI strings and its HTML, rendered from site_templates/finder/page.md.j2
(autoescape on: every string of data/search and of the records is escaped there), and a bare standalone site
of it for tests and benchmarks."""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.finder.documents import FLAG_ALLDAY, FLAG_FREE, FLAG_SPANISH, FLAG_WALKIN
from generator.finder.first import first_results
from generator.present import urls
from generator.records.dataset import Dataset

TEMPLATES = Path(__file__).resolve().parents[2] / "site_templates" / "finder"

# The strings finder.js itself shows (the rest are written into the page at build time).
JS_STRINGS = (
    "loading",
    "location_denied",
    "location_unsupported",
    "locating",
    "place_unknown",
    "place_found",
    "place_from_location",
    "load_error",
    "count_none",
    "count_one",
    "count_many",
    "partial",
    "serves_state",
    "serves_us",
    "serves_counties",
    "county_name",
    "private_address",
    "distance",
    "distance_near",
    "call",
    "text",
    "text_keyword",
    "tty",
    "verified",
    "unverified",
    "more_services",
    "showing",
    "months",
    "date",
    "more_on",
    "group_near",
    "group_lines",
    "group_far",
    "no_contact",
    "no_contact_route",
    "call_first",
    "nothing_for_words",
    "filter_hides",
    "widen",
    "still_fits",
    "still_fits_need",
    "group_unreach",
    "guides_heading",
    "spanish_mark",
    "in_english",
)


# finder.js's words for "Copy a link to this search".
LINK_STRINGS = ("link_copied", "link_select")

PAGE = "find/index.md"


def link_from_finder(target: str, directory_urls: bool = True) -> str:
    """Relative link from the finder page to another docs page, as MkDocs writes it: 'org/x.md' ->
    '../org/x/' (or '../org/x.html' without directory URLs); 'regions/index.md' -> '../regions/'."""
    return urls.link(PAGE, target, directory_urls)


INLINE_DOCS_MAX = 100_000  # bytes: result documents this small go into the page itself (no request to wait for)


def inline_json(data: Any) -> str:
    """JSON for a <script type="application/json"> block: every "<" escaped, so no text can end the block."""
    return inline_json_of(json.dumps(data, separators=(",", ":"), ensure_ascii=False))


def inline_json_of(text: str | bytes) -> str:
    """inline_json of data already serialized as compact JSON."""
    return (text.decode("utf-8") if isinstance(text, bytes) else text).replace("<", "\\u003c")


def md_line(text: Any) -> str:
    """Text for a Markdown line (outside the raw HTML): one line, every ASCII punctuation mark as &#NN;, so no
    string of data/search can become a link, emphasis, code or a tag (the same rule as pages.md_text)."""
    one = " ".join(str(text or "").split())
    return "".join(f"&#{ord(ch)};" if ch.isascii() and not ch.isalnum() and ch != " " else ch for ch in one)


def _md(text: Any) -> Markup:
    return Markup(md_line(text))  # noqa: S704 - md_line leaves no ASCII punctuation: nothing can be markup


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _md
    return env


def page_markdown(
    dataset: Dataset,
    strings: dict[str, Any],
    docs: dict[str, Any],
    assets: dict[str, str],
    directory_urls: bool = True,
    language: str = "en",
    docs_json: bytes | None = None,
) -> str:
    """The finder page. The controls are hidden until finder.js runs; without JavaScript a notice shows, and
    the browse links below the finder (by type of help, by region and county) work either way. Every text
    comes from `strings` (one language); the template escapes every value. On the Spanish page ("es") the
    "Offered in Spanish" box comes first, above the folded filters; on the English page it is one of them.
    `docs_json`: `docs` as documents.to_json wrote them, if done already (at 10,000 records, 4 % of the
    producer)."""
    S = strings
    tax = dataset.taxonomy
    tables = docs["t"]
    areas = [(a, name) for a, name in tables["a"]]
    subs = [
        (tax.area_name(a), [(s, name) for s, name, ai in tables["s"] if ai >= 0 and tables["a"][ai][0] == a])
        for a, _ in areas
    ]
    regions = [(r, name) for r, name in tables["r"]]
    counties = [
        (name, [(c, c) for c, ri in tables["k"] if ri >= 0 and tables["r"][ri][0] == r]) for r, name in regions
    ]  # the county filter, grouped by region
    pops = [(p, name) for p, name in tables["p"]]
    langs = [(code, name) for code, name in tables["l"]]
    # Only what the data can satisfy: an option no program has says so beside it.
    used = {
        "a": {tables["a"][s["a"]][0] for s in docs["s"] if "a" in s},
        "s": {tables["s"][c][0] for s in docs["s"] for c in s.get("c", [])},
        "p": {tables["p"][p][0] for s in docs["s"] for p in s.get("p", [])},
    }

    def offer(pairs: list[tuple[str, str]], kind: str) -> list[tuple[str, str]]:
        return [(v, label if v in used[kind] else f"{label} ({S['no_listing']})") for v, label in pairs]

    flags = 0
    for s in docs["s"]:
        flags |= s.get("f", 0)

    def check_label(flag: int, key: str) -> str:
        return str(S[key]) if flags & flag else f"{S[key]} ({S['no_listing']})"

    ui = {k: S[k] for k in JS_STRINGS + LINK_STRINGS}
    if docs_json is None:
        docs_json = json.dumps(docs, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    docs_inline = inline_json_of(docs_json) if len(docs_json) <= INLINE_DOCS_MAX else ""
    if len(docs_inline.encode("utf-8")) > INLINE_DOCS_MAX:
        docs_inline = ""
    org_url = link_from_finder("org/{id}.md", directory_urls)
    data_attrs = [
        ("index", assets["index"]),
        ("docs", assets["docs"]),
        ("places", assets["places"]),
        ("lunr", assets["lunr"]),
        ("org-url", org_url),
        ("strings", json.dumps(ui, ensure_ascii=False, separators=(",", ":"))),
    ]
    return (
        environment()
        .get_template("page.md.j2")
        .render(
            S=S,
            assets=assets,
            data_attrs=data_attrs,
            # inline_json escapes every "<": no text can end the data block
            docs_inline=Markup(docs_inline),  # noqa: S704
            first=_first(docs, S, org_url),
            areas=offer(areas, "a"),
            subs=[(group, offer(pairs, "s")) for group, pairs in subs],
            regions=regions,
            counties=counties,
            pops=offer(pops, "p"),
            langs=langs,
            checks={
                "free": check_label(FLAG_FREE, "free_label"),
                "allday": check_label(FLAG_ALLDAY, "allday_label"),
                "walkin": check_label(FLAG_WALKIN, "walkin_label"),
                "spanish": check_label(FLAG_SPANISH, "spanish_label"),
            },
            spanish_first=language == "es",
            link=lambda target: link_from_finder(target, directory_urls),
        )
    )


def _first(docs: dict[str, Any], strings: dict[str, Any], org_url: str) -> dict[str, Any]:
    """The first results, drawn now (generator/finder/first.py escapes every text of them)."""
    first = first_results(docs, strings, org_url)
    first["cards"] = Markup(first["cards"])  # noqa: S704
    return first


def standalone_site(pages: dict[str, str], assets: dict[str, bytes], dest: Path, language: str = "en") -> Path:
    """The finder page and its assets as a bare site (no theme) under `dest`, for tests and benchmarks when no
    MkDocs build is at hand. Same Content-Security-Policy as the real site: default-src 'self'."""
    import markdown  # Python-Markdown, which MkDocs itself uses

    dest = Path(dest)
    for path, data in assets.items():
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for path, text in pages.items():
        if text.startswith("---\n"):  # front matter is for MkDocs
            text = text.split("\n---\n", 1)[1]
        body = markdown.markdown(text)
        target = dest / path.removesuffix(".md").removesuffix("index") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            f'<!doctype html>\n<html lang="{html.escape(language)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'
            f"<title>{html.escape(path)}</title></head><body><main>{body}</main></body></html>\n",
            encoding="utf-8",
        )
    return dest
