"""A pytest plugin for GitHub Actions: each failing test becomes an error annotation on its line.

Used by .github/workflows/validate.yml (`pytest -p tests.gh_annotations`), so a pull request shows failing
tests where it shows invalid records: on the lines, all at once.
"""

from __future__ import annotations

from typing import Any


def _escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def pytest_runtest_logreport(report: Any) -> None:
    if not report.failed or report.when not in ("setup", "call", "teardown"):
        return
    path, line, name = report.location
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None and crash.path.endswith(path):
        line = crash.lineno - 1
    message = crash.message if crash is not None else str(report.longrepr).splitlines()[-1:]
    text = message if isinstance(message, str) else " ".join(message)
    props = f"file={_escape(path, True)},line={(line or 0) + 1},title={_escape(f'test failed: {name}', True)}"
    print(f"\n::error {props}::{_escape(text[:2000])}", flush=True)
