"""A safe YAML loader that keeps the position of every node.

Why not `yaml.safe_load`: it keeps the last of two duplicate keys, turns `83702` into an int, `NO` into False,
`12:30` into 750 and `2024-05-01` into a date, and expands aliases (an "alias bomb" can eat all memory). We read
libyaml's event stream instead and build plain data ourselves, so:

- anchors, aliases and explicit tags (`!!python/object`, `!!str`, ...) are refused, never resolved;
- duplicate keys are refused;
- only plain `true`/`false` become booleans, `null`/`~`/empty become None, and decimals with a dot (`43.61`)
  become floats. Everything else, `83702`, `0123`, `NO`, `12:30`, `2024-05-01`, stays the string it looks like;
- files over 1 MiB, invalid UTF-8, several documents and nesting deeper than 40 levels are refused.

Building is iterative (no recursion), so no input can exhaust the stack; libyaml parses in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import ERROR, Problem, json_path

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FLOAT = re.compile(r"^[-+]?[0-9]+\.[0-9]+$")
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_NULL = {"", "~", "null", "Null", "NULL"}

Marks = dict[tuple[Any, ...], tuple[int, int]]


@dataclass
class Loaded:
    """What a file held: `data` (None if unreadable), positions of values and keys, and any problems."""

    path: str
    data: Any = None
    marks: Marks = field(default_factory=dict)
    key_marks: Marks = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def locate(self, parts: tuple[Any, ...] | list[Any], *, key: bool = False) -> tuple[int, int]:
        """Line and column of a value (or of its key), else of its nearest ancestor."""
        parts = tuple(parts)
        if key and parts in self.key_marks:
            return self.key_marks[parts]
        while parts not in self.marks and parts:
            parts = parts[:-1]
        return self.marks.get(parts, (1, 1))


class _Refused(Exception):
    def __init__(self, line: int, col: int, message: str, rule: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message, self.rule = line, col, message, rule


def _scalar(event: yaml.ScalarEvent) -> Any:
    value = event.value
    if not event.implicit[0]:  # quoted (or block) scalars are always strings
        return value
    if event.style in ("|", ">"):
        return value
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value in _NULL:
        return None
    if _FLOAT.match(value):
        return float(value)
    return value


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _check_event(ev: Any) -> None:
    line, col = _pos(ev.start_mark)
    if isinstance(ev, yaml.AliasEvent):
        raise _Refused(line, col, f"aliases (*{ev.anchor}) are not allowed: write the value out in full", "yaml-alias")
    anchor = getattr(ev, "anchor", None)
    if anchor is not None:
        raise _Refused(line, col, f"anchors (&{anchor}) are not allowed: write each value out in full", "yaml-anchor")
    tag = getattr(ev, "tag", None)
    if tag is not None and tag != "!":
        raise _Refused(line, col, f"tags ({tag}) are not allowed: remove the tag; quote the value if it must be text",
                       "yaml-tag")


def _build(text: str, loaded: Loaded) -> Any:
    """Turn libyaml events into plain data plus marks; raise _Refused for what we do not accept."""
    loader = _Loader(text)
    stack: list[list[Any]] = []  # frames: [container, path, pending_key, key_seen{key: line}]
    root: Any = None
    docs = 0
    try:
        while loader.check_event():
            ev = loader.get_event()
            _check_event(ev)
            if isinstance(ev, yaml.DocumentStartEvent):
                docs += 1
                if docs > 1:
                    line, col = _pos(ev.start_mark)
                    raise _Refused(line, col, "only one YAML document per file: remove the '---' line", "yaml-multi-doc")
                continue
            if isinstance(ev, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                if not stack:
                    root = frame[0]
                continue
            starts = isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent))
            # Where does this node go?
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                # It is a key.
                frame = stack[-1]
                line, col = _pos(ev.start_mark)
                if starts:
                    raise _Refused(line, col, "a key must be plain text, not a list or mapping", "yaml-complex-key")
                key = ev.value
                if key in frame[0] or key in frame[3]:
                    first = frame[3].get(key, line)
                    raise _Refused(line, col, f"duplicate key '{key}' (first set on line {first}): keep one of them",
                                   "yaml-duplicate-key")
                frame[2] = key
                frame[3][key] = line
                loaded.key_marks[frame[1] + (key,)] = (line, col)
                continue
            if stack:
                parent = stack[-1]
                if isinstance(parent[0], dict):
                    path = parent[1] + (parent[2],)
                else:
                    path = parent[1] + (len(parent[0]),)
            else:
                path = ()
            loaded.marks[path] = _pos(ev.start_mark)
            if starts:
                if len(stack) >= MAX_DEPTH:
                    line, col = _pos(ev.start_mark)
                    raise _Refused(line, col, f"nested more than {MAX_DEPTH} levels deep", "yaml-too-deep")
                node: Any = {} if isinstance(ev, yaml.MappingStartEvent) else []
            else:
                node = _scalar(ev)
            if stack:
                parent = stack[-1]
                if isinstance(parent[0], dict):
                    parent[0][parent[2]] = node
                    parent[2] = _NO_KEY
                else:
                    parent[0].append(node)
            elif not starts:
                root = node
            if starts:
                stack.append([node, path, _NO_KEY, {}])
    finally:
        loader.dispose()
    return root


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()


def _utf8_position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def load_yaml_bytes(raw: bytes, path: str) -> Loaded:
    """Parse bytes safely. Never raises for bad input: problems are returned in `Loaded.problems`."""
    loaded = Loaded(path=path)

    def refuse(line: int, col: int, message: str, rule: str) -> Loaded:
        loaded.problems.append(Problem(path, line, col, ERROR, "$", message, rule))
        loaded.data = None
        return loaded

    if len(raw) > MAX_BYTES:
        return refuse(1, 1, f"file is over {MAX_BYTES:,} bytes (1 MiB): split or shorten it", "file-too-large")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _utf8_position(raw, exc.start)
        return refuse(line, col, "not valid UTF-8 text: save the file as UTF-8", "encoding")
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        loaded.data = _build(text, loaded)
    except _Refused as exc:
        return refuse(exc.line, exc.col, exc.message, exc.rule)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _pos(mark) if mark is not None else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        return refuse(line, col, f"YAML syntax: {what}", "yaml-syntax")
    except yaml.YAMLError as exc:  # e.g. a control character libyaml will not read
        return refuse(1, 1, f"YAML syntax: {str(exc).splitlines()[0]}", "yaml-syntax")
    except RecursionError:
        return refuse(1, 1, "nested too deeply", "yaml-too-deep")
    if loaded.data is None:
        loaded.problems.append(Problem(path, 1, 1, ERROR, "$", "the file is empty", "empty-file"))
    return loaded


def load_yaml_file(path: Path | str, display: str | None = None) -> Loaded:
    """Read and parse one file; `display` is the path shown in messages (defaults to `path`)."""
    shown = display or str(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        loaded = Loaded(path=shown)
        loaded.problems.append(Problem(shown, 1, 1, ERROR, "$", f"cannot read the file: {exc.strerror}", "io"))
        return loaded
    return load_yaml_bytes(raw, shown)


__all__ = ["Loaded", "load_yaml_bytes", "load_yaml_file", "json_path", "MAX_BYTES"]
