"""The finder producer: find/index.md and its assets (index, result documents, places, lunr.js, finder.js/.css)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.finder.index import finder_index
from generator.finder.text import load_synonyms
from generator.present.minify import minify_js

FIND_DIR = "find"
STATIC_DIR = Path(__file__).resolve().parent / "static"
LUNR_VERSION = "2.3.9"
LUNR_PATH = STATIC_DIR / "vendor" / "lunr.js"  # the npm package's file, vendored (static/vendor/README.md)
# The parts of finder.js (static/src/), in the order they are joined: `page` first (without the finder's element
# nothing runs), `main` last (it starts the finder). Each part is a piece of one function's body: function
# declarations and `var`s shared by all of them, no modules, no bundler, no eval.
JS_PARTS = ("page", "text", "score", "places", "controls", "match", "render", "messages", "main")


def finder_js() -> bytes:
    """finder.js as the page loads it: the parts of static/src/ in JS_PARTS order inside one function (an IIFE
    in strict mode), minified (generator/site/minify.py; head.js's header comment is in the source)."""
    src = STATIC_DIR / "src"
    parts = [(src / f"{name}.js").read_text(encoding="utf-8").rstrip("\n") + "\n" for name in JS_PARTS]
    head = (src / "head.js").read_text(encoding="utf-8")
    joined = head + "(function () {\n  'use strict';\n\n" + "\n".join(parts) + "})();\n"
    return minify_js(joined).encode("utf-8")


# The sections of lunr.js (each begins with a "/*!" comment naming it) the finder uses: its text pipeline
# (lunr.Pipeline with lunr.Token, lunr.utils.warn), the English stemmer and stop-word list. The rest (the index,
# builder, query engine: ~3/4 of the file) is never run in the browser: the finder scores its own index format.
LUNR_SECTIONS = ("lunr.utils", "lunr.Set", "lunr.Pipeline", "lunr.stemmer", "lunr.stopWordFilter")
LUNR_EXPORT = "  /**\n   * export the module via AMD, CommonJS or as a browser global"


def lunr_js(full: bool = False) -> bytes:
    """lunr.js 2.3.9, vendored from the npm package (static/vendor/), with comments and indentation removed;
    the licence header stays. Unless `full`: only its LUNR_SECTIONS, then its module export, as the finder
    ships it (`lunr.stemmer`, `lunr.stopWordFilter`, `lunr.Token`, `lunr.Pipeline` as in the whole file)."""
    source = LUNR_PATH.read_text(encoding="utf-8")
    if f'lunr.version = "{LUNR_VERSION}"' not in source:
        raise ValueError(f"{LUNR_PATH}: expected lunr.js {LUNR_VERSION}")
    if not full:
        body, export = source.split(LUNR_EXPORT)
        head, *sections = body.split("\n/*!\n")
        kept = [head] + [
            "/*!\n" + sec for sec in sections if sec.split("\n", 1)[0].removeprefix(" * ") in LUNR_SECTIONS
        ]
        if len(kept) != len(LUNR_SECTIONS) + 1:
            raise ValueError(f"{LUNR_PATH}: expected the sections {LUNR_SECTIONS}")
        source = "\n".join(kept) + "\n" + LUNR_EXPORT + export
    return strip_js_comments(source).encode("utf-8")


def strip_js_comments(source: str) -> str:
    """Drop whole-line comments, blank lines and indentation; keep the first comment (the licence).
    Only lines that start a comment are touched, so code and strings are never cut."""
    out: list[str] = []
    in_block = False
    kept_header = False
    for line in source.split("\n"):
        s = line.strip()
        if in_block:
            if not kept_header:
                out.append(line)
            if s.endswith("*/"):
                in_block = False
                kept_header = True
            continue
        if s.startswith("/*"):
            if not kept_header:
                out.append(line)
            if s.endswith("*/") and len(s) > 3:
                kept_header = True
            else:
                in_block = True
            continue
        if not s or s.startswith("//"):
            continue
        out.append(s)
    return "\n".join(out) + "\n"


def produce(dataset: Any, settings: Mapping[str, Any]) -> Any:
    """The finder: find/index.md and its assets (index, result documents, places, lunr.js, finder.js/.css)."""
    from generator.finder.documents import build_documents, to_json
    from generator.finder.page import page_markdown
    from generator.finder.places import places_table
    from generator.finder.text import load_strings
    from generator.present.outputs import Outputs

    language = str(settings.get("language") or "en")
    strings = load_strings(dataset.root)
    if language not in strings:
        language = "en"
    synonyms = load_synonyms(dataset.root)
    from generator.present import strings as interface

    with interface.use(language):  # the taxonomy's labels (needs, groups, regions) in the page's language
        dataset = interface.localized(dataset, records=False)
    terms: list[tuple[list[str], list[str]]] = []
    index_docs, docs = build_documents(dataset, synonyms, language, terms)
    from generator.finder.guides import guide_sections  # the guides' sections: the finder searches them too

    docs["g"] = guide_sections(dataset.root, synonyms, bool(settings.get("use_directory_urls", True)), language)
    names = {
        "index": "index.json",
        "docs": "docs.json",
        "places": "places.json",
        "lunr": "lunr.js",
        "js": "finder.js",
        "css": "finder.css",
    }
    docs_json = to_json(docs)
    assets = {
        f"{FIND_DIR}/{names['index']}": finder_index(index_docs, len(docs["s"]), len(docs["o"]), terms),
        f"{FIND_DIR}/{names['docs']}": docs_json,
        f"{FIND_DIR}/{names['places']}": to_json(
            places_table([k for k, _ in docs["t"]["k"]], {loc[0] for org in docs["o"] for loc in org.get("L", [])})
        ),
        f"{FIND_DIR}/{names['lunr']}": lunr_js(),
        f"{FIND_DIR}/{names['js']}": finder_js(),
        f"{FIND_DIR}/{names['css']}": (STATIC_DIR / "finder.css").read_bytes(),
    }
    page = page_markdown(
        dataset, strings[language], docs, names, bool(settings.get("use_directory_urls", True)), language, docs_json
    )
    return Outputs(pages={f"{FIND_DIR}/index.md": page}, assets=assets)
