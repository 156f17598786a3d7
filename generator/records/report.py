"""Reporters: the same problems as text, JSON or GitHub annotations. Wording here is user interface."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from typing import Any

from generator.records.problems import Problem


def _dangerous(ch: str) -> bool:
    """Characters that can rewrite a terminal, reorder text or hide in it: controls (C0, DEL, C1), format
    characters (bidi overrides, zero-width), line and paragraph separators, private use and unassigned."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn")


def _text_escape(ch: str) -> str:
    code = ord(ch)
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or (
        f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    )


def clean(value: object) -> str:
    """`value` as text safe to print to a terminal or a CI log: every dangerous character written out as an
    escape (ESC becomes \\x1b, a bidi override \\u202e, a line break \\n). Every `ccci` report goes through it."""
    text = str(value)
    if all(ch.isprintable() and not _dangerous(ch) for ch in text):
        return text
    return "".join(_text_escape(ch) if _dangerous(ch) or not ch.isprintable() and ch != " " else ch for ch in text)


class SafeStream:
    """A text stream that writes every dangerous character (see `_dangerous`) as an escape, line breaks and tabs
    aside. `ccci` wraps stdout and stderr in it, so no command (stale, diff, verify, ...) can pass a record's
    terminal escape or bidi override through to a terminal or a CI log, whatever it forgets to clean."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if not text.isprintable() and any(ch not in "\n\t" and _dangerous(ch) for ch in text):
            text = "".join(_text_escape(ch) if ch not in "\n\t" and _dangerous(ch) else ch for ch in text)
        return self._stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _json_safe(doc: str) -> str:
    """JSON text with dangerous characters as \\u escapes (json.dumps leaves C1 and bidi characters raw)."""
    out = []
    for ch in doc:
        code = ord(ch)
        if code >= 0x7F and _dangerous(ch):
            if code >= 0x10000:
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
            else:
                out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(problems: Sequence[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return f"All good: {_plural(files, 'file')} checked, no problems."
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {_plural(files, 'file')} checked."


def text(problems: Sequence[Problem], files: int) -> str:
    lines = [clean(f"{p.path}:{p.line}:{p.col}: {p.severity}: {p.json_path}: {p.message} ({p.rule})") for p in problems]
    return "\n".join([*lines, summary(problems, files)]) + "\n"


def as_json(problems: Sequence[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    doc = {
        "files": files,
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [p.as_dict() for p in problems],
    }
    return _json_safe(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"


def _gh_escape(value: str, prop: bool = False) -> str:
    """GitHub's own escapes (%, CR, LF; in properties also : and ,) after `clean`, so that no record can end the
    annotation early or start a workflow command (`::set-output`, `::add-mask::`) on a line of its own."""
    value = clean(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
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
