"""Reporters: the same problems as text, JSON or GitHub annotations. Wording here is user interface."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .problems import Problem


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(problems: Sequence[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return f"All good: {_plural(files, 'file')} checked, no problems."
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {_plural(files, 'file')} checked."


def text(problems: Sequence[Problem], files: int) -> str:
    lines = [f"{p.path}:{p.line}:{p.col}: {p.severity}: {p.json_path}: {p.message} ({p.rule})" for p in problems]
    return "\n".join([*lines, summary(problems, files)]) + "\n"


def as_json(problems: Sequence[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    doc = {"files": files, "errors": errors, "warnings": len(problems) - errors,
           "problems": [p.as_dict() for p in problems]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _gh_escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def github(problems: Sequence[Problem], files: int) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on the pull request's diff."""
    lines = []
    for p in problems:
        level = "error" if p.is_error else "warning"
        props = f"file={_gh_escape(p.path, True)},line={p.line},col={p.col},title={_gh_escape(p.rule, True)}"
        lines.append(f"::{level} {props}::{_gh_escape(f'{p.json_path}: {p.message}')}")
    return "\n".join([*lines, summary(problems, files)]) + "\n"


FORMATS = {"text": text, "json": as_json, "github": github}
