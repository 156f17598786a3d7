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

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.records import yaml_errors
from generator.records.problems import ERROR, WARNING, Problem, json_path

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
    """What a file held: `data` (None if unreadable), positions of values and keys, and any problems.

    Positions are worked out on first use: most files have no problem, and skipping the bookkeeping for them
    makes validating 10,000 records about a third faster.
    """

    path: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    text: str = ""
    _marks: tuple[Marks, Marks] | None = field(default=None, repr=False)

    def _positions(self) -> tuple[Marks, Marks]:
        if self._marks is None:
            self._marks = ({}, {})
            if self.text:
                with contextlib.suppress(_Refused, yaml.YAMLError):  # reported when the file was loaded
                    _build(self.text, self._marks)
        return self._marks

    @property
    def marks(self) -> Marks:
        return self._positions()[0]

    @property
    def key_marks(self) -> Marks:
        return self._positions()[1]

    def locate(self, parts: tuple[Any, ...] | list[Any], *, key: bool = False) -> tuple[int, int]:
        """Line and column of a value (or of its key), else of its nearest ancestor."""
        parts = tuple(parts)
        if key and parts in self.key_marks:
            return self.key_marks[parts]
        while parts not in self.marks and parts:
            parts = parts[:-1]
        return self.marks.get(parts, (1, 1))


class _Retry(Exception):
    """Raised by the fast pass when only the tracking pass can word the problem."""


class _Refused(Exception):
    def __init__(self, line: int, col: int, message: str, rule: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message, self.rule = line, col, message, rule


def _scalar(event: yaml.ScalarEvent) -> Any:
    """A plain (unquoted) scalar: only true/false, null and decimals change type; the rest stays text."""
    value = event.value
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


def _refuse_event(ev: Any) -> None:
    line, col = _pos(ev.start_mark)
    if isinstance(ev, yaml.AliasEvent):
        raise _Refused(line, col, f"aliases (*{ev.anchor}) are not allowed: write the value out in full", "yaml-alias")
    if ev.anchor is not None:
        raise _Refused(
            line, col, f"anchors (&{ev.anchor}) are not allowed: write each value out in full", "yaml-anchor"
        )
    raise _Refused(
        line, col, f"tags ({ev.tag}) are not allowed: remove the tag; quote the value if it must be text", "yaml-tag"
    )


_SCALAR, _MAP_START, _SEQ_START = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAP_END, _SEQ_END, _ALIAS = yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.AliasEvent
_DOC_START, _STREAM_END = yaml.DocumentStartEvent, yaml.StreamEndEvent


def _build(text: str, track: tuple[Marks, Marks] | None = None) -> Any:
    """Turn libyaml events into plain data; raise _Refused for what we do not accept.

    With `track`, also fill (marks, key_marks) with the line and column of every value and key.
    This loop is the hot path of `ccci validate` (about 190 events per record), hence the flat style.
    """
    loader = _Loader(text)
    get_event = loader.get_event
    marks, key_marks = track if track is not None else ({}, {})
    # One frame per open container: the container, its path, the pending key (None while a key is
    # expected) and the keys seen so far with their line.
    containers: list[Any] = []
    paths: list[tuple[Any, ...]] = []
    pending: list[Any] = []
    seen: list[dict[str, int]] = []
    root: Any = None
    docs = 0
    try:
        while True:
            ev = get_event()
            kind = type(ev)
            if kind is _STREAM_END:
                break
            if kind is _MAP_END or kind is _SEQ_END:
                node = containers.pop()
                paths.pop()
                pending.pop()
                seen.pop()
                if not containers:
                    root = node
                continue
            if kind is _DOC_START:
                docs += 1
                if docs > 1:
                    line, col = _pos(ev.start_mark)
                    raise _Refused(
                        line, col, "only one YAML document per file: remove the '---' line", "yaml-multi-doc"
                    )
                continue
            if kind is not _SCALAR and kind is not _MAP_START and kind is not _SEQ_START:
                if kind is _ALIAS:
                    _refuse_event(ev)
                continue  # stream start, document end
            if ev.anchor is not None or ev.tag is not None:
                _refuse_event(ev)
            parent = containers[-1] if containers else None
            if track is None:  # fast pass: data only
                if parent is None:
                    node = (
                        _scalar(ev)
                        if kind is _SCALAR and ev.implicit[0]
                        else (ev.value if kind is _SCALAR else {} if kind is _MAP_START else [])
                    )
                    root = node
                elif type(parent) is dict:
                    key = pending[-1]
                    if key is None:
                        if kind is not _SCALAR or ev.value in parent:
                            raise _Retry
                        pending[-1] = ev.value
                        continue
                    pending[-1] = None
                    node = (
                        (_scalar(ev) if ev.implicit[0] else ev.value)
                        if kind is _SCALAR
                        else ({} if kind is _MAP_START else [])
                    )
                    parent[key] = node
                else:
                    node = (
                        (_scalar(ev) if ev.implicit[0] else ev.value)
                        if kind is _SCALAR
                        else ({} if kind is _MAP_START else [])
                    )
                    parent.append(node)
                if kind is not _SCALAR:
                    if len(containers) >= MAX_DEPTH:
                        raise _Retry
                    containers.append(node)
                    paths.append(())
                    pending.append(None)
                    seen.append({})
                continue
            mark = ev.start_mark
            if parent is None:
                path: tuple[Any, ...] = ()
            elif type(parent) is dict:
                key = pending[-1]
                if key is None:  # this node is a key
                    line, col = mark.line + 1, mark.column + 1
                    if kind is not _SCALAR:
                        raise _Refused(line, col, "a key must be plain text, not a list or mapping", "yaml-complex-key")
                    key = ev.value
                    keys = seen[-1]
                    if key in keys:
                        if paths[-1] and isinstance(paths[-1][-1], int):  # inside a list item
                            raise _Refused(
                                line,
                                col,
                                f"'{key}' is set twice in the same list item (first on line "
                                f"{keys[key]}): if line {line} starts another item, put '- ' before "
                                "its first field, like the item above; otherwise keep one of them",
                                "yaml-missing-dash",
                            )
                        raise _Refused(
                            line,
                            col,
                            f"duplicate key '{key}' (first set on line {keys[key]}): keep one of them",
                            "yaml-duplicate-key",
                        )
                    keys[key] = line
                    pending[-1] = key
                    key_marks[paths[-1] + (key,)] = (line, col)
                    continue
                path = paths[-1] + (key,)
                pending[-1] = None
            else:
                path = paths[-1] + (len(parent),)
            marks[path] = (mark.line + 1, mark.column + 1)
            if kind is _SCALAR:
                node = _scalar(ev) if ev.implicit[0] else ev.value
            else:
                if len(containers) >= MAX_DEPTH:
                    raise _Refused(
                        mark.line + 1, mark.column + 1, f"nested more than {MAX_DEPTH} levels deep", "yaml-too-deep"
                    )
                node = {} if kind is _MAP_START else []
            if parent is None:
                root = node
            elif type(parent) is dict:
                parent[path[-1]] = node
            else:
                parent.append(node)
            if kind is not _SCALAR:
                containers.append(node)
                paths.append(path)
                pending.append(None)
                seen.append({})
    finally:
        loader.dispose()
    return root


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
    loaded.text = text
    try:
        try:
            loaded.data = _build(text)
        except _Retry:
            loaded.data = _build(text, loaded._positions())
    except _Refused as exc:
        return refuse(exc.line, exc.col, exc.message, exc.rule)
    except yaml.MarkedYAMLError as exc:
        return refuse(*yaml_errors.explain(text, exc))
    except yaml.reader.ReaderError as exc:  # a control character libyaml will not read: point at it
        before = text[: max(0, exc.position)]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        return refuse(
            line,
            col,
            f"this file holds the control character U+{code:04X}, which can hide "
            "or change text: remove it (retype the line if you cannot see it)",
            "control-character",
        )
    except yaml.YAMLError as exc:  # anything else libyaml will not read
        return refuse(1, 1, f"YAML syntax: {str(exc).splitlines()[0]}", "yaml-syntax")
    except RecursionError:
        return refuse(1, 1, "nested too deeply", "yaml-too-deep")
    if loaded.data is None:
        loaded.problems.append(Problem(path, 1, 1, ERROR, "$", "the file is empty", "empty-file"))
    return loaded


def comment_problems(loaded: Loaded) -> list[Problem]:
    """Comments in a record: an error where ' #' cut text off, else a warning that `ccci fmt` drops them."""
    if "#" not in loaded.text or loaded.data is None:
        return []
    found = yaml_errors.comments(loaded.text)
    out = [
        Problem(loaded.path, line, col, ERROR, "$", message, rule)
        for line, col, message, rule, is_error in found
        if is_error
    ]
    notes = [f for f in found if not f[4]]
    if notes:  # one warning per file: a template full of comments is not fifty problems
        line, col, message, rule, _ = notes[0]
        more = f" (and {len(notes) - 1} more comment line(s) after it)" if len(notes) > 1 else ""
        out.append(Problem(loaded.path, line, col, WARNING, "$", message + more, rule))
    return out


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


__all__ = ["Loaded", "load_yaml_bytes", "load_yaml_file", "comment_problems", "json_path", "MAX_BYTES"]
