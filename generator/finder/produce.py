"""The finder producer: find/index.md and its assets (index, result documents, places, lunr.js, finder.js/.css)."""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.finder.index import build_index, serialize_index
from generator.finder.text import load_synonyms

FIND_DIR = "find"
STATIC_DIR = Path(__file__).resolve().parent / "static"
LUNR_VERSION = "2.3.9"


def lunr_js() -> bytes:
    """lunr.js 2.3.9 from the installed MkDocs package (its own search plugin ships it), with comments and
    indentation removed; the licence header stays. Found without importing MkDocs."""
    spec = importlib.util.find_spec("mkdocs")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the finder needs lunr.js from the mkdocs package, which is not installed")
    path = Path(list(spec.submodule_search_locations)[0]) / "contrib" / "search" / "templates" / "search" / "lunr.js"
    source = path.read_text(encoding="utf-8")
    if f'lunr.version = "{LUNR_VERSION}"' not in source:
        raise ValueError(f"{path}: expected lunr.js {LUNR_VERSION}")
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
    from generator.finder.page import build_documents, page_markdown, places_table, to_json
    from generator.finder.text import load_strings
    from generator.present.outputs import Outputs

    language = str(settings.get("language") or "en")
    strings = load_strings(dataset.root)
    if language not in strings:
        language = "en"
    synonyms = load_synonyms(dataset.root)
    index_docs, docs = build_documents(dataset, synonyms)
    from generator.finder.guides import guide_sections  # the guides' sections: the finder searches them too

    docs["g"] = guide_sections(dataset.root, bool(settings.get("use_directory_urls", True)), synonyms.stop)
    index = build_index(index_docs)
    names = {"index": "index.json", "docs": "docs.json", "places": "places.json", "lunr": "lunr.js",
             "js": "finder.js", "css": "finder.css"}
    assets = {
        f"{FIND_DIR}/{names['index']}": serialize_index(index),
        f"{FIND_DIR}/{names['docs']}": to_json(docs),
        f"{FIND_DIR}/{names['places']}": to_json(places_table(
            [k for k, _ in docs["t"]["k"]], {loc[0] for org in docs["o"] for loc in org.get("L", [])})),
        f"{FIND_DIR}/{names['lunr']}": lunr_js(),
        f"{FIND_DIR}/{names['js']}": (STATIC_DIR / "finder.js").read_bytes(),
        f"{FIND_DIR}/{names['css']}": (STATIC_DIR / "finder.css").read_bytes(),
    }
    page = page_markdown(dataset, strings[language], docs, names, bool(settings.get("use_directory_urls", True)))
    return Outputs(pages={f"{FIND_DIR}/index.md": page}, assets=assets)
