"""The finder's vendored lunr.js (generator/finder/static/vendor/) is the npm package's file of the version
package.json and package-lock.json name, byte for byte, with its licence; and finder.js is joined from its parts."""

from __future__ import annotations

import json
import re

import pytest

from generator.finder.produce import (
    JS_PARTS,
    LUNR_PATH,
    LUNR_VERSION,
    STATIC_DIR,
    finder_js,
    lunr_js,
)
from generator.present.minify import minify_js
from tests.helpers import REPO

NPM_LUNR = REPO / "node_modules" / "lunr"


def test_package_json_and_the_lock_name_the_vendored_version():
    assert json.loads((REPO / "package.json").read_text())["devDependencies"]["lunr"] == LUNR_VERSION
    lock = json.loads((REPO / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/lunr"]["version"] == LUNR_VERSION
    assert f'lunr.version = "{LUNR_VERSION}"' in LUNR_PATH.read_text(encoding="utf-8")
    assert re.search(rf"lunr - http://lunrjs.com .* - {re.escape(LUNR_VERSION)}\n", LUNR_PATH.read_text())


def test_the_licence_comes_with_it():
    licence = (LUNR_PATH.parent / "lunr.LICENSE").read_text(encoding="utf-8")
    assert "Oliver Nightingale" in licence and "Permission is hereby granted, free of charge" in licence


@pytest.mark.skipif(not (NPM_LUNR / "lunr.js").exists(), reason="node_modules/lunr is not installed (npm ci)")
def test_the_vendored_file_is_the_npm_package_file():
    installed = json.loads((NPM_LUNR / "package.json").read_text())["version"]
    assert installed == LUNR_VERSION, f"node_modules has lunr {installed}: run npm ci"
    assert LUNR_PATH.read_bytes() == (NPM_LUNR / "lunr.js").read_bytes()
    assert (LUNR_PATH.parent / "lunr.LICENSE").read_bytes() == (NPM_LUNR / "LICENSE").read_bytes()


def test_the_shipped_lunr_js_is_the_vendored_one_without_comments():
    shipped = lunr_js(full=True).decode()
    assert shipped.startswith("/**\n * lunr - http://lunrjs.com")
    assert "lunr.stemmer = (function(){" in shipped
    assert "A convenience function for configuring" not in shipped  # doc comments go


def test_the_shipped_lunr_js_is_its_text_pipeline_only_with_the_licence():
    """The finder ships the sections of lunr.js it runs (stemmer, stop words, Pipeline, Token), each as in the
    whole file, and its licence header; not the index, builder or query engine."""
    slim, full = lunr_js().decode(), lunr_js(full=True).decode()
    assert slim.startswith("/**\n * lunr - http://lunrjs.com") and "@license MIT" in slim
    assert len(slim) < len(full) / 3
    for kept in (
        "lunr.stemmer = (function(){",
        "lunr.stopWordFilter = lunr.generateStopWordFilter([",
        "lunr.Pipeline.load = function",
        "lunr.Token = function",
        'lunr.version = "2.3.9"',
        "root.lunr = factory()",
    ):
        assert kept in slim, kept
    for gone in ("lunr.Index = function", "lunr.Builder = function", "lunr.QueryParser", "lunr.TokenSet"):
        assert gone not in slim and gone in full, gone
    # every line of the slim file is a line of the whole one, in the same order
    lines, at = full.split("\n"), 0
    for line in slim.split("\n"):
        at = lines.index(line, at) + 1


def test_finder_js_is_every_part_once_in_order_inside_one_function():
    js = finder_js().decode()
    src = STATIC_DIR / "src"
    assert sorted(p.stem for p in src.glob("*.js")) == sorted((*JS_PARTS, "head"))  # no part left out
    assert js.startswith("(function(){'use strict';") and js.endswith("})();\n")  # minified (present/minify.py)
    # each part, minified on its own, is in the file once, in JS_PARTS order
    at = [js.index(minify_js((src / f"{name}.js").read_text()).strip()[:200]) for name in JS_PARTS]
    assert at == sorted(at)
    assert len(js.encode()) < 0.9 * sum(len((src / f"{n}.js").read_bytes()) for n in JS_PARTS)
    assert "eval(" not in js and "new Function" not in js  # the page's CSP has no 'unsafe-eval'
