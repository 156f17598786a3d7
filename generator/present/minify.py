"""JavaScript as the site ships it: minified by rjsmin (whitespace and comments out; strings, regular expressions
and code untouched). Comments that start /*! (licences, e.g. lunr.js's) stay. The readable source is in the
repository: generator/finder/static/src/ and site_templates/theme/assets/ccci/ccci.js."""

from __future__ import annotations

import rjsmin  # type: ignore[import-untyped]


def minify_js(source: str) -> str:
    return str(rjsmin.jsmin(source, keep_bang_comments=True)) + "\n"
