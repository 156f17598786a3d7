"""The Nu HTML Checker (vnu-jar from npm, run with Debian's Java) over every page of the built site: no error
in the HTML this project writes or overrides. An error that comes from Material's own templates, and that an
override cannot fix without copying a whole theme file, is listed in THEME_ERRORS with the reason it stays."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter

import pytest

from tests.browser.conftest import REPO_ROOT, in_ci

VNU_JAR = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (pattern of the message, pattern of the source extract, why it stays). Each entry must still match an error,
# so that a fixed one is taken off the list.
THEME_ERRORS = [
    (
        r"Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" '
        r'autocomplete="off">',
        "Material's base.html: autocomplete=off keeps Firefox from restoring the menu and search toggles as "
        "checked after a reload. Harmless to assistive technology; overriding it means copying base.html.",
    ),
]


def run_vnu(root) -> list[dict]:
    java = shutil.which("java")
    missing = [
        m
        for m, ok in (
            (f"{VNU_JAR.relative_to(REPO_ROOT)} (npm ci)", VNU_JAR.is_file()),
            ("java (apt-get install default-jre-headless)", java),
        )
        if not ok
    ]
    if missing:
        reason = "HTML checker not run: missing " + ", ".join(missing)
        if in_ci():
            pytest.fail(reason + " [CI=true, so this is a failure]", pytrace=False)
        pytest.skip(reason)
    # -Xss: the checker recurses deeply on long pages. It reads files only and opens no connection.
    result = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json", str(root)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return json.loads(result.stderr or result.stdout)["messages"]


@pytest.mark.timeout(400)
def test_built_site_has_no_html_errors(site_root):
    messages = [m for m in run_vnu(site_root) if m.get("type") == "error" or m.get("subType") == "fatal"]
    used = Counter()
    ours = []
    for m in messages:
        text, extract = m.get("message", ""), " ".join(m.get("extract", "").split())
        for n, (pattern, where, _why) in enumerate(THEME_ERRORS):
            if re.search(pattern, text) and re.search(where, extract):
                used[n] += 1
                break
        else:
            page = m.get("url", "").split(str(site_root), 1)[-1]
            ours.append(f"{page}:{m.get('lastLine', '?')}: {text}\n    {extract[:200]}")
    assert not ours, f"{len(ours)} HTML error(s):\n" + "\n".join(ours[:40])
    stale = [THEME_ERRORS[n][0] for n in range(len(THEME_ERRORS)) if not used[n]]
    assert not stale, f"allowed theme errors that no longer occur (take them off THEME_ERRORS): {stale}"
